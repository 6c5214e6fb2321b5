package io.ovfkit.convert.vm;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.build.ApplianceBuilder;
import io.ovfkit.ovf.value.OsType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test packages: a small OVA with a raw disk holding a known pattern. */
final class VmFixtures {
    private VmFixtures() {
    }

    /** A 16 MiB raw disk with text at 1 MiB and at 9 MiB, the rest holes. */
    static Path rawDisk(Path dir) throws IOException {
        Path p = dir.resolve("src.raw");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(16 << 20);
            f.seek(1 << 20);
            f.write("boot sector of the test disk".getBytes(StandardCharsets.US_ASCII));
            f.seek(9 << 20);
            f.write("data further in".getBytes(StandardCharsets.US_ASCII));
        }
        return p;
    }

    /** An OVA of VM "app": 2 CPUs, 512 MiB, one disk, two NICs on "VM Network" and "Backend". */
    static Path ova(Path dir, Path raw) throws IOException {
        Path ova = dir.resolve("app.ova");
        try (DiskImage image = DiskImages.open(raw)) {
            OvfDescriptor d = ApplianceBuilder.named("app").cpus(2).memoryBytes(512L << 20)
                    .osType(OsType.parse("ubuntu64Guest"))
                    .disk(new ApplianceBuilder.DiskSpec("app-disk1.vmdk", image.capacity(), null, null))
                    .network("VM Network").network("Backend").build(OvfVersion.V1_0);
            try (PackageWriter w = PackageWriter.toOva(ova, PackageOptions.defaults())) {
                w.descriptor(d, "app.ovf");
                w.disk("app-disk1.vmdk", image);
                w.finish();
            }
        }
        return ova;
    }
}
