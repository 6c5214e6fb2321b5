package io.ovfkit.disk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the disk-format fuzz tests found, one plain test per bug, each on a valid image with one field
 * changed (the fuzzer's inputs are kept as regression seeds too).
 */
class FuzzFindingsTest {
    @TempDir
    Path dir;

    private Path image(DiskFormat format, String sub, int blockSize) throws Exception {
        Path src = FuzzSeedWriterTest.source(dir, "src.raw", 1 << 20);
        Path out = dir.resolve("t." + format.id());
        FuzzSeedWriterTest.convert(src, out, format, sub, blockSize);
        return out;
    }

    @Test
    void qcow2RefcountTableClustersOver2To31IsACorruptionNotANegativeArraySize() throws Exception {
        Path q = image(DiskFormat.QCOW2, "v3", 4096);
        try (RandomAccessFile f = new RandomAccessFile(q.toFile(), "rw")) {
            f.seek(56); // refcount_table_clusters, an unsigned 32-bit field
            f.writeInt(0x80000001);
        }
        // Before the fix: NegativeArraySizeException in Qcow2Image.check.
        try (DiskImage img = DiskImages.open(q)) {
            CheckResult r = img.check();
            assertThat(r.corruptions()).singleElement().asString().contains("refcount table");
        }
    }

    /**
     * Found while writing the zstd seed ({@code Qcow2FuzzTestInputs/openQcow2/seed-v3-zstd-compressed-4k},
     * qemu-img's output): the last compressed cluster of a file is followed by zeros up to the file's
     * end, which aircompressor's stream decoder read as the next frame's magic number ("Invalid magic
     * prefix"), so that cluster could not be read at all.
     */
    @Test
    void qcow2ZstdClusterFollowedByZeroPaddingReads() throws Exception {
        Path seed = Path.of("src/test/resources/io/ovfkit/disk/qcow2/Qcow2FuzzTestInputs/openQcow2/seed-v3-zstd-compressed-4k");
        Path q = dir.resolve("z.qcow2");
        FuzzImages.decode(java.nio.file.Files.readAllBytes(seed), q);
        Path src = FuzzSeedWriterTest.source(dir, "src.raw", 2 << 20);
        try (DiskImage img = DiskImages.open(q)) {
            assertThat(img.details()).containsEntry("compressionType", "zstd");
            byte[] all = new byte[(int) img.capacity()];
            img.read(0, java.nio.ByteBuffer.wrap(all));
            assertThat(all).isEqualTo(java.nio.file.Files.readAllBytes(src));
        }
    }

    /**
     * Found by VhdxFuzzTest from the differencing seed ({@code VhdxFuzzTestInputs/openVhdx/finding-parent-path-with-nul}):
     * a parent locator's {@code relative_path} holding a NUL made {@code Path.resolve} throw
     * {@code InvalidPathException} out of {@code VhdxImage.open}. Such a name now names no file, and
     * the parent is looked for as if it were absent.
     */
    @Test
    void vhdxParentLocatorPathWithNulIsNotAnInvalidPathException() throws Exception {
        FuzzImages.writeParents(dir);
        Path f = dir.resolve("fuzz.vhdx");
        FuzzImages.decode(java.nio.file.Files.readAllBytes(Path.of(
                "src/test/resources/io/ovfkit/disk/vhdx/VhdxFuzzTestInputs/openVhdx/finding-parent-path-with-nul")), f);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (DiskImage img = DiskImages.open(f)) {
                FuzzImages.use(img);
            }
        });
        assertThat(t).isInstanceOf(io.ovfkit.disk.DiskFormatException.class).hasMessageContaining("is missing");
    }
}
