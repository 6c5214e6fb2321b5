package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every VMDK of the shared corpus ({@code disks/}, and the disks of {@code mf/}; {@code .gz} and
 * {@code .bz2} ones decompressed first): where qemu-img reads the image, ovfkit reads the same bytes
 * and finds no corruption; where qemu-img refuses it, ovfkit refuses it with a
 * {@link DiskFormatException} naming the file, never with another exception.
 */
class VmdkCorpusTest {
    /** What the refusal of files qemu-img refuses must say. */
    private static final Map<String, List<String>> REFUSALS = Map.of(
            "qemu__afl9.vmdk", List.of("at offset 12", "capacity"),
            "vmdkforensic__ms3-win.vmdk", List.of("disk-s001.vmdk", "missing"),
            "tw_sparse-s001.vmdk", List.of("descriptor file"),
            "mono_flat-flat.vmdk", List.of("not a VMDK"));

    @TempDir
    Path work;

    static List<Path> corpusVmdks(Path corpus) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String folder : List.of("disks", "mf")) {
            try (Stream<Path> s = Files.walk(corpus.resolve(folder))) {
                s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".vmdk") || n.endsWith(".vmdk.gz") || n.endsWith(".vmdk.bz2");
                }).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> corpusVmdksReadLikeQemu() throws IOException {
        Path corpus = SharedCorpus.corpus();
        Path qemuImg = Oracle.require("qemu-img");
        List<Path> files = corpusVmdks(corpus);
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream().map(f -> DynamicTest.dynamicTest(corpus.relativize(f).toString(), () -> {
            Path dir = Files.createDirectories(work.resolve(corpus.relativize(f).toString().replace('/', '_')));
            checkOne(qemuImg, f, dir);
        }));
    }

    private static void checkOne(Path qemuImg, Path file, Path dir) throws IOException {
        Path image = decompressed(file, dir);
        String name = image.getFileName().toString();
        Path raw = dir.resolve("qemu.raw");
        Oracle.Result r = Oracle.run(List.of(qemuImg.toString(), "convert", "-f", "vmdk", "-O", "raw", image.toString(),
                raw.toString()), dir, Duration.ofSeconds(60));
        if (r.ok()) {
            try (DiskImage img = DiskImages.open(image)) {
                assertThat(img).isInstanceOf(VmdkImage.class);
                assertThat(img.capacity()).isEqualTo(Files.size(raw));
                assertThat(VmdkQemuReadTest.sparseDigest(img)).as("content of %s", name)
                        .isEqualTo(VmdkQemuReadTest.sparseDigestOfRaw(raw));
                CheckResult c = img.check();
                assertThat(c.corruptions()).as("check of %s", name).isEmpty();
                assertThat(img.details()).containsKeys("createType", "cid", "extents");
            }
            assertThat(REFUSALS).as("qemu-img reads %s", name).doesNotContainKey(name);
            return;
        }
        Throwable t = catchThrowable(() -> {
            try (VmdkImage img = VmdkImage.open(image)) {
                VmdkQemuReadTest.sparseDigest(img);
            }
        });
        assertThat(t).as("qemu-img refuses %s: %s", name, r.stderr().strip()).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining(name);
        for (String fragment : REFUSALS.getOrDefault(name, List.of())) {
            assertThat(t).hasMessageContaining(fragment);
        }
    }

    /** The file itself, or its decompressed copy in {@code dir} (named without the .gz/.bz2 suffix). */
    private static Path decompressed(Path file, Path dir) throws IOException {
        String n = file.getFileName().toString();
        if (!n.endsWith(".gz") && !n.endsWith(".bz2")) {
            return file;
        }
        Path out = dir.resolve(n.substring(0, n.lastIndexOf('.')));
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = n.endsWith(".gz") ? new GZIPInputStream(raw) : new BZip2CompressorInputStream(raw)) {
            long copied = Files.copy(in, out);
            assertThat(copied).isLessThan(64L << 20);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
