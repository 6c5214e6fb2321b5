package io.ovfkit.disk;

import io.ovfkit.disk.raw.RawWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Creates {@link DiskWriter}s for a format and subformat. */
public final class DiskWriters {
    private DiskWriters() {
    }

    /**
     * A writer of {@code options.format()} to {@code target}, written under a temporary name until
     * {@link DiskWriter#finish()}.
     *
     * @throws DiskFormatException when the format or subformat cannot hold the requested disk
     * @throws IllegalArgumentException for an unknown subformat
     */
    public static DiskWriter create(Path target, WriteOptions options) throws IOException {
        return switch (options.format()) {
            case RAW -> RawWriter.create(target, options.capacity());
            case VMDK -> io.ovfkit.disk.vmdk.VmdkWriters.create(target, options);
            case VHD -> io.ovfkit.disk.vhd.VhdWriter.create(target, options);
            case VHDX -> io.ovfkit.disk.vhdx.VhdxWriter.create(target, options);
            case VDI -> io.ovfkit.disk.vdi.VdiWriter.create(target, options);
            case QCOW2 -> io.ovfkit.disk.qcow2.Qcow2Writer.create(target, options);
            default -> throw new IllegalArgumentException(options.format().id() + " output is not supported yet; expected raw, vmdk, vhd or vdi");
        };
    }
}
