package io.ovfkit.disk.fuzz;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.vhd.VhdDifferencingSeeds;
import io.ovfkit.disk.vhdx.VhdxDifferencingSeeds;
import io.ovfkit.disk.vhdx.VhdxLogSeeds;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seed corpora of the disk-format fuzz tests into {@code src/test/resources}: small images
 * made by the project's own writers, encoded as {@link FuzzImages} describes (a few KiB each). Runs
 * only on request:
 * {@code mvn -pl disk-formats -am test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@link #vmdkExtents} also makes the sibling extent files the VMDK fuzz test needs at run time.
 */
public class FuzzSeedWriterTest {
    static final Path RESOURCES = Path.of("src/test/resources/io/ovfkit/disk");
    private static final int KIB = 1024;

    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        Path src = source(dir, "src.raw", 2 << 20);
        seed("qcow2", "Qcow2FuzzTest", "openQcow2", "v3-512", write(src, DiskFormat.QCOW2, "v3", 512));
        seed("qcow2", "Qcow2FuzzTest", "openQcow2", "v2-4k", write(src, DiskFormat.QCOW2, "v2", 4096));
        seed("qcow2", "Qcow2FuzzTest", "openQcow2", "v3-compressed-4k", write(src, DiskFormat.QCOW2, "v3,compressed", 4096));
        Path backed = write(src, DiskFormat.QCOW2, "v3", 4096);
        try (RandomAccessFile f = new RandomAccessFile(backed.toFile(), "rw")) {
            byte[] name = "base.raw".getBytes(StandardCharsets.US_ASCII);
            f.seek(4096 - 64);
            f.write(name);
            f.seek(8);
            f.writeLong(4096 - 64);
            f.writeInt(name.length);
        }
        seed("qcow2", "Qcow2FuzzTest", "openQcow2", "v3-backing-file", backed);

        seed("qcow2", "Qcow2FuzzTest", "openQcow2", "v3-zstd-compressed-4k", zstdQcow2(src));

        // The differencing seeds name parent.vhd and parent.vhdx, which FuzzImages.workDir writes beside the input.
        Path parents = Files.createDirectories(dir.resolve("parents"));
        FuzzImages.writeParents(parents);
        Path vhdChild = parents.resolve("child.vhd");
        VhdDifferencingSeeds.writeChild(parents.resolve("parent.vhd"), vhdChild);
        seed("vhd", "VhdFuzzTest", "openVhd", "differencing", vhdChild);
        Path vhdxChild = parents.resolve("child.avhdx");
        VhdxDifferencingSeeds.writeChild(parents.resolve("parent.vhdx"), vhdxChild);
        seed("vhdx", "VhdxFuzzTest", "openVhdx", "differencing", vhdxChild);

        seed("vhd", "VhdFuzzTest", "openVhd", "dynamic", write(src, DiskFormat.VHD, "dynamic", 0));
        seed("vhd", "VhdFuzzTest", "openVhd", "fixed", write(source(dir, "small.raw", 64 * KIB), DiskFormat.VHD, "fixed", 0));

        seed("vdi", "VdiFuzzTest", "openVdi", "dynamic", write(src, DiskFormat.VDI, "dynamic", 0));
        seed("vdi", "VdiFuzzTest", "openVdi", "fixed", write(src, DiskFormat.VDI, "fixed", 0));

        seed("vhdx", "VhdxFuzzTest", "openVhdx", "dynamic-1m", write(src, DiskFormat.VHDX, "dynamic", 1 << 20));
        seed("vhdx", "VhdxFuzzTest", "openVhdx", "fixed-1m", write(src, DiskFormat.VHDX, "fixed", 1 << 20));
        Path logged = write(src, DiskFormat.VHDX, "dynamic", 1 << 20);
        VhdxLogSeeds.addDirtyLog(logged, 4L << 20);
        seed("vhdx", "VhdxFuzzTest", "openVhdx", "dirty-log", logged);

        seed("vmdk", "VmdkFuzzTest", "openVmdk", "monolithicSparse", write(src, DiskFormat.VMDK, "monolithicSparse", 0));
        seed("vmdk", "VmdkFuzzTest", "openVmdk", "streamOptimized", write(src, DiskFormat.VMDK, "streamOptimized", 0));
        Path extents = Files.createDirectories(dir.resolve("extents"));
        vmdkExtents(extents);
        seed("vmdk", "VmdkFuzzTest", "openVmdk", "descriptor-monolithicFlat", extents.resolve("flat.vmdk"));
        seed("vmdk", "VmdkFuzzTest", "openVmdk", "descriptor-twoGbMaxExtentSparse", extents.resolve("sparse.vmdk"));
    }

    /**
     * A QCOW2 v3 with 4 KiB clusters whose data clusters are zstd-compressed ({@code compression_type}
     * 1), written by qemu-img: the project's writer compresses with deflate only.
     */
    private Path zstdQcow2(Path src) throws IOException {
        Path out = dir.resolve("zstd.qcow2");
        Oracle.Result r = Oracle.run(List.of("qemu-img", "convert", "-c", "-f", "raw", "-O", "qcow2", "-o",
                "compat=1.1,cluster_size=4096,compression_type=zstd", src.toString(), out.toString()), dir, Duration.ofSeconds(60));
        org.assertj.core.api.Assertions.assertThat(r.exitCode()).as(r.describe()).isZero();
        return out;
    }

    /** Every committed seed is a valid image of its format: the fuzzing starts from inside the format. */
    @Test
    void seedsAreValidImages() throws IOException {
        Path extents = Files.createDirectories(dir.resolve("extents"));
        vmdkExtents(extents);
        FuzzImages.writeParents(extents);
        int n = 0;
        try (var files = Files.walk(RESOURCES)) {
            for (Path seed : files.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList()) {
                String ext = seed.getParent().getFileName().toString().substring(4).toLowerCase(java.util.Locale.ROOT);
                Path image = extents.resolve("fuzz." + ext);
                FuzzImages.decode(Files.readAllBytes(seed), image);
                try (DiskImage img = DiskImages.open(image, false)) {
                    FuzzImages.use(img);
                    org.assertj.core.api.Assertions.assertThat(img.format().id()).as(seed.toString()).isEqualTo(ext);
                    org.assertj.core.api.Assertions.assertThat(img.check().corruptions()).as(seed.toString()).isEmpty();
                }
                n++;
            }
        }
        org.assertj.core.api.Assertions.assertThat(n).isGreaterThanOrEqualTo(18);
    }

    /**
     * Writes {@code flat.vmdk} (monolithicFlat, with {@code flat-flat.vmdk}) and {@code sparse.vmdk}
     * (twoGbMaxExtentSparse, with {@code sparse-s001.vmdk}) of a 256 KiB source into {@code dir}: the
     * descriptors are seeds, the extents the files they name.
     */
    public static void vmdkExtents(Path dir) throws IOException {
        Path src = source(dir, "extent-src.raw", 256 * KIB);
        convert(src, dir.resolve("flat.vmdk"), DiskFormat.VMDK, "monolithicFlat", 0);
        convert(src, dir.resolve("sparse.vmdk"), DiskFormat.VMDK, "twoGbMaxExtentSparse", 0);
    }

    /** A raw disk of {@code size} bytes: 1 KiB of random data at the start, past 64 KiB and at the end. */
    static Path source(Path dir, String name, long size) throws IOException {
        Path p = dir.resolve(name);
        Random r = new Random(7);
        byte[] b = new byte[KIB];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            for (long at : new long[] {0, 64 * KIB + 100, size - KIB}) {
                r.nextBytes(b);
                f.seek(at);
                f.write(b);
            }
        }
        return p;
    }

    private Path write(Path src, DiskFormat format, String sub, int blockSize) throws IOException {
        Path out = dir.resolve(format.id() + "-" + sub.replace(',', '-') + "-" + blockSize + "." + format.id());
        convert(src, out, format, sub, blockSize);
        return out;
    }

    static void convert(Path src, Path out, DiskFormat format, String sub, int blockSize) throws IOException {
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(format, in.capacity()).subformat(sub)
                        .blockSize(blockSize).contentSeed(1).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
    }

    private static void seed(String pkg, String testClass, String method, String name, Path image) throws IOException {
        Path inputs = Files.createDirectories(RESOURCES.resolve(pkg).resolve(testClass + "Inputs").resolve(method));
        Files.write(inputs.resolve("seed-" + name), FuzzImages.encode(image));
    }

}
