package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ovfkit.disk.raw.RawImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskConverterTest {
    private static final int BLOCK = 64 << 10;
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    /** About 6 MiB: random blocks, zero blocks, a partly zero block and an odd tail (a 512 multiple plus 100). */
    private static byte[] usedDisk() {
        int size = 6 * MIB + 4096 + 100;
        byte[] b = new byte[size];
        Random r = new Random(42);
        for (int off = 0; off < size; off += BLOCK) {
            int len = Math.min(BLOCK, size - off);
            switch (r.nextInt(3)) {
                case 0 -> { } // zero block
                case 1 -> {
                    byte[] x = new byte[len];
                    r.nextBytes(x);
                    System.arraycopy(x, 0, b, off, len);
                }
                default -> b[off + r.nextInt(len)] = 1; // mostly zero, not zero
            }
        }
        b[size - 1] = 5; // data in the very last byte
        return b;
    }

    private Path source(byte[] content) throws IOException {
        return Files.write(tmp.resolve("src.raw"), content);
    }

    private DiskConverter.Result convertRaw(Path src, Path dst, DiskConverter converter) throws IOException {
        try (DiskImage in = DiskImages.open(src);
                DiskWriter out = DiskWriters.create(dst, WriteOptions.builder(DiskFormat.RAW, in.capacity()).build())) {
            return converter.convert(in, out);
        }
    }

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void rawToRawKeepsTheContent() throws IOException {
        byte[] content = usedDisk();
        Path dst = tmp.resolve("dst.raw");
        DiskConverter.Result r = convertRaw(source(content), dst, DiskConverter.builder().threads(2).batchBytes(256 << 10).build());
        assertThat(Files.readAllBytes(dst)).isEqualTo(content);
        assertThat(r.capacity()).isEqualTo(content.length);
        assertThat(r.bytesRead()).isEqualTo(content.length);
        assertThat(r.blocksWritten() + r.zeroBlocks()).isEqualTo((content.length + BLOCK - 1) / BLOCK);
        assertThat(r.zeroBlocks()).isPositive();
        assertThat(r.elapsed()).isPositive();
    }

    @Test
    void theOutputIsSparseWithTheExactLength() throws IOException, InterruptedException {
        long size = 64L * MIB;
        Path src = tmp.resolve("src.raw");
        byte[] data = new byte[BLOCK];
        new Random(1).nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(size);
            f.seek(10L * MIB);
            f.write(data);
        }
        Path dst = tmp.resolve("dst.raw");
        DiskConverter.Result r = convertRaw(src, dst, DiskConverter.builder().build());
        assertThat(r.blocksWritten()).isEqualTo(1);
        assertThat(Files.size(dst)).isEqualTo(size);
        try (DiskImage out = RawImage.open(dst)) {
            ByteBuffer b = ByteBuffer.allocate(10 * MIB);
            out.read(0, b);
            assertThat(ZeroDetector.isZero(b.array(), 0, 10 * MIB)).isTrue();
            ByteBuffer d = ByteBuffer.allocate(BLOCK);
            out.read(10L * MIB, d);
            assertThat(d.array()).isEqualTo(data);
        }
        // Where the platform tells, the 64 MiB file holds little more than the one block.
        Long allocated = allocatedBytes(dst);
        if (allocated != null) {
            assertThat(allocated).isLessThan(4L * MIB);
        }
    }

    /** Bytes the file occupies ({@code stat --format=%b×%B}), or null when stat is not there. */
    private static Long allocatedBytes(Path p) throws InterruptedException {
        try {
            Process proc = new ProcessBuilder("stat", "--format=%b %B", p.toString()).redirectErrorStream(true).start();
            String outText = new String(proc.getInputStream().readAllBytes()).trim();
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                return null;
            }
            String[] parts = outText.split(" ");
            return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void oneOrFourThreadsGiveTheSameBytes() throws IOException {
        byte[] content = usedDisk();
        Path src = source(content);
        Path one = tmp.resolve("one.raw");
        Path four = tmp.resolve("four.raw");
        convertRaw(src, one, DiskConverter.builder().threads(1).batchBytes(128 << 10).build());
        convertRaw(src, four, DiskConverter.builder().threads(4).batchBytes(128 << 10).build());
        assertThat(Files.readAllBytes(four)).isEqualTo(Files.readAllBytes(one)).isEqualTo(content);
    }

    @Test
    void anEncodingWriterGetsItsBlocksInOrderWhateverTheThreads() throws IOException {
        byte[] content = usedDisk();
        List<List<Long>> orders = new ArrayList<>();
        List<List<Integer>> sizes = new ArrayList<>();
        for (int threads : new int[] {1, 4}) {
            RecordingWriter w = new RecordingWriter(content.length);
            DiskConverter.builder().threads(threads).batchBytes(128 << 10).build().convert(MemoryImage.of(content), w);
            assertThat(w.finished).isTrue();
            assertThat(w.offsets).isSorted().doesNotHaveDuplicates();
            orders.add(w.offsets);
            sizes.add(w.sizes);
            if (threads == 4) {
                assertThat(w.encodingThreads.size()).isGreaterThan(1);
            }
        }
        assertThat(orders.get(1)).isEqualTo(orders.get(0));
        assertThat(sizes.get(1)).isEqualTo(sizes.get(0));
    }

    @Test
    void progressIsMonotonicAndEndsAtTheCapacity() throws IOException {
        byte[] content = usedDisk();
        List<long[]> reports = new ArrayList<>();
        DiskConverter c = DiskConverter.builder().threads(3).batchBytes(256 << 10)
                .progress((done, total) -> reports.add(new long[] {done, total})).build();
        convertRaw(source(content), tmp.resolve("dst.raw"), c);
        assertThat(reports.size()).isGreaterThan(2);
        long last = 0;
        for (long[] r : reports) {
            assertThat(r[1]).isEqualTo(content.length);
            assertThat(r[0]).isBetween(last, (long) content.length);
            last = r[0];
        }
        assertThat(last).isEqualTo(content.length);
    }

    @Test
    void unallocatedRunsOfTheSourceAreNeverRead() throws IOException {
        byte[] content = usedDisk();
        Arrays.fill(content, MIB, 5 * MIB, (byte) 0);
        MemoryImage src = MemoryImage.of(content, List.of(new Extent(0, MIB, Extent.Kind.DATA),
                new Extent(MIB, 2L * MIB, Extent.Kind.UNALLOCATED), new Extent(3L * MIB, 2L * MIB, Extent.Kind.ZERO),
                new Extent(5L * MIB, content.length - 5L * MIB, Extent.Kind.DATA)));
        Path dst = tmp.resolve("dst.raw");
        try (DiskWriter out = DiskWriters.create(dst, WriteOptions.builder(DiskFormat.RAW, content.length).build())) {
            DiskConverter.builder().threads(2).batchBytes(256 << 10).build().convert(src, out);
        }
        assertThat(src.readAny(MIB, 5 * MIB)).isFalse();
        assertThat(Files.readAllBytes(dst)).isEqualTo(content);
    }

    @Test
    void readsOverlapEvenWithOneWorkerThread() throws IOException {
        // A device answers each read after 30 ms: with one thread doing everything the conversion
        // would wait 16 × 30 ms in a row; several reads in flight hide most of that.
        byte[] content = new byte[4 * MIB];
        new Random(4).nextBytes(content);
        MemoryImage src = MemoryImage.of(content).slow(30);
        Path dst = tmp.resolve("dst.raw");
        try (DiskWriter out = DiskWriters.create(dst, WriteOptions.builder(DiskFormat.RAW, content.length).build())) {
            DiskConverter.builder().threads(1).batchBytes(256 << 10).build().convert(src, out);
        }
        assertThat(src.reads).hasSize(16);
        assertThat(src.peakConcurrentReads.get()).isBetween(2, DiskConverter.MIN_READERS);
        assertThat(Files.readAllBytes(dst)).isEqualTo(content);
    }

    @Test
    void aFailingSourceLeavesNoOutputAndNoThreads() throws IOException {
        byte[] content = new byte[32 * MIB];
        new Random(3).nextBytes(content);
        MemoryImage src = MemoryImage.of(content).failingFrom(20L * MIB + 12345);
        Path dst = tmp.resolve("dst.raw");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (DiskWriter out = DiskWriters.create(dst, WriteOptions.builder(DiskFormat.RAW, content.length).build())) {
                assertThatThrownBy(() -> DiskConverter.builder().threads(4).batchBytes(256 << 10).build().convert(src, out))
                        .isInstanceOf(IOException.class).hasMessageContaining("simulated read error");
            }
            assertThat(dst).doesNotExist();
            assertThat(filesIn(tmp)).isZero();
            awaitNoConverterThreads();
        });
    }

    @Test
    void aFailingWriterStopsTheConversionAndItsThreads() throws IOException {
        byte[] content = usedDisk();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            RecordingWriter w = new RecordingWriter(content.length);
            w.failAt = 3L * MIB;
            assertThatThrownBy(() -> DiskConverter.builder().threads(4).batchBytes(128 << 10).build()
                    .convert(MemoryImage.of(content), w)).isInstanceOf(IOException.class).hasMessageContaining("disk full");
            assertThat(w.finished).isFalse();
            awaitNoConverterThreads();
        });
    }

    private static void awaitNoConverterThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(n -> n.startsWith("ovfkit-disk-")).toList();
            if (alive.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("converter threads still running: " + alive);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aTargetSmallerThanTheSourceIsRefused() throws IOException {
        byte[] content = usedDisk();
        Path dst = tmp.resolve("dst.raw");
        try (DiskWriter out = DiskWriters.create(dst, WriteOptions.builder(DiskFormat.RAW, MIB).build())) {
            assertThatThrownBy(() -> DiskConverter.builder().build().convert(MemoryImage.of(content), out))
                    .isInstanceOf(DiskFormatException.class).hasMessageContaining("less than the source");
        }
        assertThat(dst).doesNotExist();
    }

    @Test
    void aTwoGibSparseSourceConvertsInBoundedMemoryAndTime() throws IOException, InterruptedException {
        long size = 2L << 30;
        Path src = tmp.resolve("big.raw");
        byte[] data = new byte[BLOCK];
        new Random(9).nextBytes(data);
        long[] places = {0, 700L * MIB, size - BLOCK};
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(size);
            for (long p : places) {
                f.seek(p);
                f.write(data);
            }
        }
        Path dst = tmp.resolve("big-out.raw");
        DiskConverter.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> convertRaw(src, dst, DiskConverter.builder().threads(2).build()));
        assertThat(r.blocksWritten()).isEqualTo(places.length);
        boolean holes;
        try (RawImage in = RawImage.open(src)) {
            holes = in.seesHoles() && in.extents(0, size).size() > 1;
        }
        if (holes) {
            // The system told where the holes are: only the written blocks (and what the file system
            // rounds around them) were read.
            assertThat(r.bytesRead()).isLessThanOrEqualTo(16L * MIB);
            assertThat(r.zeroBlocks()).isLessThan(256);
        } else {
            // Read whole and zero-detected.
            assertThat(r.bytesRead()).isEqualTo(size);
            assertThat(r.zeroBlocks()).isEqualTo(size / BLOCK - places.length);
        }
        assertThat(Files.size(dst)).isEqualTo(size);
        try (DiskImage out = RawImage.open(dst)) {
            for (long p : places) {
                ByteBuffer b = ByteBuffer.allocate(BLOCK);
                out.read(p, b);
                assertThat(b.array()).isEqualTo(data);
            }
        }
        Long allocated = allocatedBytes(dst);
        if (allocated != null) {
            assertThat(allocated).isLessThan(16L * MIB);
        }
    }

    /** A writer that compresses like a streamOptimized writer would and records what it is given. */
    private static final class RecordingWriter implements DiskWriter {
        final long capacity;
        final List<Long> offsets = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        final Set<String> encodingThreads = ConcurrentHashMap.newKeySet();
        long failAt = Long.MAX_VALUE;
        boolean finished;

        RecordingWriter(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public long capacity() {
            return capacity;
        }

        @Override
        public int blockSize() {
            return BLOCK;
        }

        @Override
        public boolean encodes() {
            return true;
        }

        @Override
        public Scratch newScratch() {
            return new Scratch(6);
        }

        @Override
        public EncodedBlock encode(long offset, ByteBuffer raw, Scratch scratch) {
            encodingThreads.add(Thread.currentThread().getName());
            byte[] in = new byte[raw.remaining()];
            raw.get(in);
            Deflater d = scratch.deflater();
            d.reset();
            d.setInput(in);
            d.finish();
            byte[] out = scratch.buffer(in.length + 1024);
            int n = d.deflate(out);
            return new EncodedBlock(offset, in.length, ByteBuffer.wrap(Arrays.copyOf(out, n)));
        }

        @Override
        public void write(EncodedBlock block) throws IOException {
            if (block.offset() >= failAt) {
                throw new IOException("disk full");
            }
            offsets.add(block.offset());
            sizes.add(block.payload().remaining());
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public void close() {
        }
    }
}
