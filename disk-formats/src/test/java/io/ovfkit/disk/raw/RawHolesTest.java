package io.ovfkit.disk.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw image's allocation map from the file's holes ({@code lseek(SEEK_DATA/SEEK_HOLE)} through
 * JNA): holes are unallocated and never read, data is where it was written, and a conversion reads
 * only the data. On 64-bit Linux and macOS this must work: under {@code CI=true} a JVM that cannot
 * ask is a failure; elsewhere the tests that need it skip.
 */
class RawHolesTest {
    private static final long MIB = 1 << 20;
    private static final long SIZE = 64 * MIB;
    /** Offsets of the 1 MiB runs of random data; the rest of the file is never written. */
    private static final long[] DATA = {0, 17 * MIB, 40 * MIB + 65536, SIZE - MIB};

    @TempDir
    Path tmp;

    private Path sparse;

    @BeforeEach
    void sparseFile() throws IOException {
        sparse = tmp.resolve("sparse.raw");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(SIZE);
            Random r = new Random(3);
            byte[] b = new byte[(int) MIB];
            for (long at : DATA) {
                r.nextBytes(b);
                f.seek(at);
                f.write(b);
            }
        }
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(FileHoles.DISABLE);
    }

    private static void requireHoles() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if ((os.contains("linux") || os.contains("mac")) && "true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(FileHoles.available()).as("JNA hole lookup on this Linux/macOS JVM").isTrue();
        }
        assumeTrue(FileHoles.available(), "this JVM cannot ask the system for holes (no JNA for the platform)");
    }

    private static long sum(List<Extent> map, Extent.Kind kind) {
        return map.stream().filter(e -> e.kind() == kind).mapToLong(Extent::length).sum();
    }

    private static long openDescriptors(Path fds) throws IOException {
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }

    @Test
    void holesAreUnallocatedAndTheWrittenRunsAreData() throws IOException {
        requireHoles();
        try (RawImage img = RawImage.open(sparse)) {
            List<Extent> map = img.extents(0, SIZE);
            assumeTrue(img.seesHoles() && sum(map, Extent.Kind.UNALLOCATED) > 0,
                    "the file system of " + tmp + " reports no holes");
            assertThat(map.get(0).offset()).isZero();
            assertThat(map.get(map.size() - 1).end()).isEqualTo(SIZE);
            for (int i = 1; i < map.size(); i++) {
                assertThat(map.get(i).offset()).isEqualTo(map.get(i - 1).end());
                assertThat(map.get(i).kind()).isNotEqualTo(map.get(i - 1).kind());
            }
            for (long at : DATA) {
                for (long b = at; b < at + MIB; b += 4096) {
                    long p = b;
                    assertThat(map).filteredOn(e -> e.offset() <= p && p < e.end()).singleElement()
                            .extracting(Extent::kind).as("byte %d", p).isEqualTo(Extent.Kind.DATA);
                }
            }
            // The file system may round to its blocks or allocate a little around each write: never
            // more than 1 MiB around each run.
            assertThat(sum(map, Extent.Kind.DATA)).isBetween(4 * MIB, 8 * MIB);
            // A window inside a hole, and one that starts inside data.
            assertThat(img.extents(2 * MIB, 4 * MIB)).containsExactly(new Extent(2 * MIB, 4 * MIB, Extent.Kind.UNALLOCATED));
            List<Extent> w = img.extents(17 * MIB + 4096, 2 * MIB);
            assertThat(w.get(0).offset()).isEqualTo(17 * MIB + 4096);
            assertThat(w.get(0).kind()).isEqualTo(Extent.Kind.DATA);
            assertThat(w.get(w.size() - 1).end()).isEqualTo(19 * MIB + 4096);
            assertThat(img.extents(SIZE, MIB)).isEmpty();
        }
    }

    @Test
    void aConversionReadsOnlyTheDataAndKeepsTheContent() throws IOException {
        requireHoles();
        Path out = tmp.resolve("out.qcow2");
        DiskConverter.Result r;
        try (DiskImage in = DiskImages.open(sparse);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.QCOW2, SIZE).build())) {
            r = DiskConverter.builder().threads(2).build().convert(in, w);
        }
        assumeTrue(r.bytesRead() < SIZE, "the file system of " + tmp + " reports no holes");
        assertThat(r.bytesRead()).isLessThanOrEqualTo(8 * MIB);
        Path qemu = Oracle.require("qemu-img");
        Oracle.Result cmp = Oracle.run(List.of(qemu.toString(), "compare", "-f", "raw", "-F", "qcow2", sparse.toString(),
                out.toString()), tmp, Duration.ofMinutes(1));
        assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
        // The same conversion without hole lookup reads everything and writes the same bytes.
        System.setProperty(FileHoles.DISABLE, "false");
        Path out2 = tmp.resolve("out2.qcow2");
        DiskConverter.Result r2;
        try (DiskImage in = DiskImages.open(sparse);
                DiskWriter w = DiskWriters.create(out2, WriteOptions.builder(DiskFormat.QCOW2, SIZE).build())) {
            r2 = DiskConverter.builder().threads(2).build().convert(in, w);
        }
        assertThat(r2.bytesRead()).isEqualTo(SIZE);
        assertThat(Files.mismatch(out, out2)).isEqualTo(-1L);
    }

    @Test
    void theFlatExtentOfAVmdkMapsItsHolesToo() throws IOException {
        requireHoles();
        Path vmdk = tmp.resolve("flat.vmdk");
        try (DiskImage in = DiskImages.open(sparse);
                DiskWriter w = DiskWriters.create(vmdk, WriteOptions.builder(DiskFormat.VMDK, SIZE).subformat("monolithicFlat").build())) {
            DiskConverter.builder().threads(2).build().convert(in, w);
        }
        try (DiskImage img = DiskImages.open(vmdk)) {
            List<Extent> map = img.extents(0, SIZE);
            assumeTrue(sum(map, Extent.Kind.UNALLOCATED) > 0, "the file system of " + tmp + " reports no holes");
            assertThat(sum(map, Extent.Kind.DATA)).isBetween(4 * MIB, 8 * MIB);
            assertThat(map).filteredOn(e -> e.offset() <= 17 * MIB && 17 * MIB < e.end()).singleElement()
                    .extracting(Extent::kind).isEqualTo(Extent.Kind.DATA);
        }
        Path out = tmp.resolve("from-flat.qcow2");
        DiskConverter.Result r;
        try (DiskImage in = DiskImages.open(vmdk);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.QCOW2, SIZE).build())) {
            r = DiskConverter.builder().threads(2).build().convert(in, w);
        }
        assertThat(r.bytesRead()).isLessThanOrEqualTo(8 * MIB);
        Path qemu = Oracle.require("qemu-img");
        Oracle.Result cmp = Oracle.run(List.of(qemu.toString(), "compare", "-f", "raw", "-F", "qcow2", sparse.toString(),
                out.toString()), tmp, Duration.ofMinutes(1));
        assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
    }

    @Test
    void thePropertyTurnsTheLookupOff() throws IOException {
        System.setProperty(FileHoles.DISABLE, "false");
        try (RawImage img = RawImage.open(sparse)) {
            assertThat(img.seesHoles()).isFalse();
            assertThat(img.extents(0, SIZE)).containsExactly(new Extent(0, SIZE, Extent.Kind.DATA));
        }
    }

    @Test
    void aDenseFileIsOneDataRunAndSmallOrEmptyOnesAreNotAsked() throws IOException {
        requireHoles();
        byte[] b = new byte[(int) (RawImage.HOLE_LOOKUP_MIN_SIZE + 100)];
        new Random(5).nextBytes(b);
        Path dense = Files.write(tmp.resolve("dense.raw"), b);
        try (RawImage img = RawImage.open(dense)) {
            assertThat(img.seesHoles()).isTrue();
            assertThat(img.extents(0, b.length)).containsExactly(new Extent(0, b.length, Extent.Kind.DATA));
            ByteBuffer back = ByteBuffer.allocate(b.length);
            img.read(0, back);
            assertThat(back.array()).isEqualTo(b);
        }
        try (RawImage img = RawImage.open(Files.write(tmp.resolve("empty.raw"), new byte[0]))) {
            assertThat(img.seesHoles()).isFalse();
            assertThat(img.extents(0, 100)).isEmpty();
        }
        // Under 64 MiB a file is read whole: cheaper than loading the native bridge.
        Path small = tmp.resolve("small.raw");
        try (RandomAccessFile f = new RandomAccessFile(small.toFile(), "rw")) {
            f.setLength(RawImage.HOLE_LOOKUP_MIN_SIZE - 512);
            f.seek(MIB);
            f.write(1);
        }
        try (RawImage img = RawImage.open(small)) {
            assertThat(img.seesHoles()).isFalse();
            assertThat(img.extents(0, RawImage.HOLE_LOOKUP_MIN_SIZE)).containsExactly(
                    new Extent(0, RawImage.HOLE_LOOKUP_MIN_SIZE - 512, Extent.Kind.DATA));
        }
    }

    @Test
    void anImageClosesItsDescriptorAndManyThreadsMayAsk() throws Exception {
        requireHoles();
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "no /proc/self/fd to count descriptors");
        long before = openDescriptors(fds);
        for (int i = 0; i < 2000; i++) {
            try (RawImage img = RawImage.open(sparse)) {
                img.extents(0, SIZE);
            }
        }
        assertThat(openDescriptors(fds)).isLessThanOrEqualTo(before + 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RawImage img = RawImage.open(sparse)) {
            List<Extent> expected = img.extents(0, SIZE);
            List<Future<List<Extent>>> all = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                all.add(pool.submit(() -> img.extents(0, SIZE)));
            }
            for (Future<List<Extent>> f : all) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
