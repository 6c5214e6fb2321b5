package io.ovfkit.samples;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.build.ApplianceBuilder;
import io.ovfkit.ovf.value.OsType;
import java.nio.file.Path;

/**
 * Builds a one-VM OVA from a raw disk image: the descriptor from {@link ApplianceBuilder}, the disk
 * converted on the fly into streamOptimized VMDK by {@link PackageWriter}, a SHA-256 manifest, in one
 * pass and reproducibly.
 *
 * <pre>java io.ovfkit.samples.BuildFromRawDisk disk.raw appliance.ova</pre>
 */
public final class BuildFromRawDisk {
    private BuildFromRawDisk() {
    }

    /** Runs the example: the raw image, then the OVA to write. */
    public static void main(String[] args) throws Exception {
        Path raw = Path.of(args[0]);
        Path ova = Path.of(args[1]);
        try (DiskImage disk = DiskImages.open(raw)) {
            long capacity = (disk.capacity() + 511) / 512 * 512;
            OvfDescriptor d = ApplianceBuilder.named("sample").cpus(2).memoryBytes(1L << 30)
                    .osType(OsType.parse("ubuntu64Guest"))
                    .disk(new ApplianceBuilder.DiskSpec("sample-disk1.vmdk", capacity, null, null))
                    .network("VM Network")
                    .build(OvfVersion.V1_0);
            try (PackageWriter w = PackageWriter.toOva(ova, PackageOptions.builder().reproducible(true).build())) {
                w.descriptor(d, "sample.ovf");
                w.disk("sample-disk1.vmdk", disk);
                PackageResult r = w.finish();
                System.out.println("wrote " + r.target() + ": " + r.members().size() + " members");
            }
        }
    }
}
