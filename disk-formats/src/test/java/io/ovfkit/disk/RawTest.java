package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.raw.RawImage;
import io.ovfkit.disk.raw.RawWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawTest {
    private static final int BLOCK = 64 << 10;

    @TempDir
    Path tmp;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static EncodedBlock block(long offset, byte[] data) {
        return new EncodedBlock(offset, data.length, ByteBuffer.wrap(data));
    }

    private long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aRawImageIsItsFile() throws IOException {
        byte[] content = random(100_000, 1);
        Path p = Files.write(tmp.resolve("disk.img"), content);
        try (DiskImage img = RawImage.open(p)) {
            assertThat(img.format()).isEqualTo(DiskFormat.RAW);
            assertThat(img.subformat()).isEqualTo("raw");
            assertThat(img.capacity()).isEqualTo(100_000);
            assertThat(img.actualSize()).isEqualTo(100_000);
            assertThat(img.path()).isEqualTo(p);
            assertThat(img.details()).isEmpty();
            assertThat(img.check().consistent()).isTrue();
            assertThat(img.parent()).isEmpty();
            ByteBuffer buf = ByteBuffer.allocate(1000);
            img.read(50_000, buf);
            assertThat(buf.array()).isEqualTo(Arrays.copyOfRange(content, 50_000, 51_000));
            ByteBuffer direct = ByteBuffer.allocateDirect(10);
            img.read(99_990, direct);
            direct.flip();
            byte[] tail = new byte[10];
            direct.get(tail);
            assertThat(tail).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
        }
    }

    @Test
    void readsOutsideTheDiskAreRefused() throws IOException {
        Path p = Files.write(tmp.resolve("disk.img"), new byte[4096]);
        try (DiskImage img = RawImage.open(p)) {
            assertThatThrownBy(() -> img.read(4000, ByteBuffer.allocate(200))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outside the disk");
            assertThatThrownBy(() -> img.read(-1, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theMapIsOneDataRunClippedToTheDisk() throws IOException {
        Path p = Files.write(tmp.resolve("disk.img"), new byte[10_000]);
        try (DiskImage img = RawImage.open(p)) {
            assertThat(img.extents(0, 1L << 30)).containsExactly(new Extent(0, 10_000, Extent.Kind.DATA));
            assertThat(img.extents(4096, 1000)).containsExactly(new Extent(4096, 1000, Extent.Kind.DATA));
            assertThat(img.extents(10_000, 5)).isEmpty();
        }
    }

    @Test
    void contentWithoutASignatureOpensAsRawOnlyWhenAllowed() throws IOException {
        Path p = Files.write(tmp.resolve("disk.vmdk"), random(8192, 2)); // the name does not matter
        assertThat(DiskImages.probe(p)).isEqualTo(DiskFormat.RAW);
        try (DiskImage img = DiskImages.open(p)) {
            assertThat(img).isInstanceOf(RawImage.class);
        }
        assertThatThrownBy(() -> DiskImages.open(p, false)).isInstanceOf(NotADiskImageException.class)
                .hasMessageContaining("not a disk image");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThatThrownBy(() -> DiskImages.open(tmp.resolve("missing.img"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theWriterLeavesHolesAndSetsTheExactLength() throws IOException {
        Path out = tmp.resolve("out.img");
        long capacity = 10L * BLOCK + 1000;
        byte[] a = random(BLOCK, 3);
        byte[] last = random(1000, 4);
        try (DiskWriter w = RawWriter.create(out, capacity)) {
            assertThat(w.capacity()).isEqualTo(capacity);
            assertThat(w.blockSize()).isEqualTo(BLOCK);
            w.write(block(2L * BLOCK, a));
            w.write(block(10L * BLOCK, last));
            w.finish();
        }
        byte[] written = Files.readAllBytes(out);
        assertThat(written).hasSize((int) capacity);
        assertThat(Arrays.copyOfRange(written, 2 * BLOCK, 3 * BLOCK)).isEqualTo(a);
        assertThat(Arrays.copyOfRange(written, 10 * BLOCK, (int) capacity)).isEqualTo(last);
        assertThat(ZeroDetector.isZero(written, 0, 2 * BLOCK)).isTrue();
        assertThat(ZeroDetector.isZero(written, 3 * BLOCK, 7 * BLOCK)).isTrue();
    }

    @Test
    void anEmptyDiskIsAllHoleOfTheFullLength() throws IOException {
        Path out = tmp.resolve("empty.img");
        try (DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.RAW, 1L << 30).build())) {
            w.finish();
        }
        assertThat(Files.size(out)).isEqualTo(1L << 30);
        try (DiskImage img = DiskImages.open(out)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            img.read((1L << 30) - (1 << 20), b);
            assertThat(ZeroDetector.isZero(b.flip())).isTrue();
        }
    }

    @Test
    void anUnfinishedWriterLeavesNothing() throws IOException {
        Path out = tmp.resolve("out.img");
        try (DiskWriter w = RawWriter.create(out, 4L * BLOCK)) {
            w.write(block(0, random(BLOCK, 5)));
        }
        assertThat(out).doesNotExist();
        assertThat(filesIn(tmp)).isZero();
    }

    @Test
    void finishingReplacesAnExistingTarget() throws IOException {
        Path out = Files.writeString(tmp.resolve("out.img"), "old content");
        try (DiskWriter w = RawWriter.create(out, BLOCK)) {
            w.finish();
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(new byte[BLOCK]);
        assertThat(filesIn(tmp)).isEqualTo(1);
    }

    @Test
    void aStreamGetsEveryByteZerosIncluded() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long capacity = 3L * BLOCK + 512;
        byte[] b = random(BLOCK, 6);
        try (DiskWriter w = RawWriter.toStream(Channels.newChannel(sink), capacity)) {
            w.write(block(BLOCK, b));
            w.finish();
        }
        byte[] expected = new byte[(int) capacity];
        System.arraycopy(b, 0, expected, BLOCK, BLOCK);
        assertThat(sink.toByteArray()).isEqualTo(expected);
    }

    @Test
    void zeroDetectionFindsASingleBit() {
        byte[] buf = new byte[200_000];
        assertThat(ZeroDetector.isZero(buf, 0, buf.length)).isTrue();
        buf[199_999] = 1;
        assertThat(ZeroDetector.isZero(buf, 0, buf.length)).isFalse();
        assertThat(ZeroDetector.isZero(buf, 0, 199_999)).isTrue();
        assertThat(ZeroDetector.isZero(ByteBuffer.allocateDirect(100).put(99, (byte) 1))).isFalse();
    }
}
