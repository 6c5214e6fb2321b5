package io.ovfkit.disk;

import io.ovfkit.disk.raw.RawWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates {@link DiskWriter}s for a format and subformat.
 *
 * <p>Stateless; safe to call from any thread (each call creates a new writer).
 */
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
        DiskFormat f = options.format();
        if (options.blockSize() != 0 && f != DiskFormat.VHDX && f != DiskFormat.QCOW2) {
            throw new IllegalArgumentException("a block size applies to vhdx (blocks) and qcow2 (clusters); "
                    + f.id() + " has a fixed allocation unit (" + fixedUnit(f) + ")");
        }
        if (options.sectorSize() != 512 && f != DiskFormat.VHDX) {
            throw new IllegalArgumentException("a " + options.sectorSize() + "-byte logical sector size applies to vhdx only; "
                    + f.id() + " images have 512-byte sectors");
        }
        return switch (f) {
            case RAW -> RawWriter.create(target, options.capacity(), options.sync());
            case VMDK -> io.ovfkit.disk.vmdk.VmdkWriters.create(target, options);
            case VHD -> io.ovfkit.disk.vhd.VhdWriter.create(target, options);
            case VHDX -> io.ovfkit.disk.vhdx.VhdxWriter.create(target, options);
            case VDI -> io.ovfkit.disk.vdi.VdiWriter.create(target, options);
            case QCOW2 -> io.ovfkit.disk.qcow2.Qcow2Writer.create(target, options);
            default -> throw new IllegalArgumentException(options.format().id()
                    + " output is not supported yet; expected raw, vmdk, vhd, vhdx, qcow2 or vdi");
        };
    }

    private static String fixedUnit(DiskFormat f) {
        return switch (f) {
            case VMDK -> "64 KiB grains";
            case VHD -> "2 MiB blocks";
            case VDI -> "1 MiB blocks, the only size VirtualBox opens";
            default -> "none: every byte is stored";
        };
    }
}
