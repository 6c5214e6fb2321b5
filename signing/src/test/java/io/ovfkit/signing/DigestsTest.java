package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void knownVectorOfBytes() {
        assertThat(Digests.of("abc".getBytes(StandardCharsets.US_ASCII), DigestAlgorithm.SHA256).hex())
                .isEqualTo(ABC_SHA256);
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(Digests.of(f, DigestAlgorithm.SHA1).hex()).isEqualTo(EMPTY_SHA1);
    }

    @Test
    void fileLargerThanTheBufferMatchesInMemoryDigest() throws IOException {
        byte[] data = random(Digests.BUFFER_SIZE * 2 + 12345, 1);
        Path f = Files.write(dir.resolve("big"), data);
        assertThat(Digests.of(f, DigestAlgorithm.SHA512)).isEqualTo(Digests.of(data, DigestAlgorithm.SHA512));
    }

    @Test
    void writableChannelDigestsWhatPassesThrough() throws IOException {
        byte[] data = random(300_000, 2);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (DigestingWritableByteChannel ch = new DigestingWritableByteChannel(Channels.newChannel(sink),
                DigestAlgorithm.SHA256)) {
            for (int off = 0; off < data.length; off += 7000) {
                ch.write(ByteBuffer.wrap(data, off, Math.min(7000, data.length - off)));
            }
            assertThat(ch.count()).isEqualTo(data.length);
            assertThat(ch.digest()).isEqualTo(Digests.of(data, DigestAlgorithm.SHA256));
        }
        assertThat(sink.toByteArray()).isEqualTo(data);
    }

    @Test
    void writableChannelDigestsOnlyBytesTheTargetAccepted() throws IOException {
        // A target that takes at most 10 bytes per call, like a non-blocking channel.
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel slow = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(10, src.remaining());
                byte[] b = new byte[n];
                src.get(b);
                sink.write(b, 0, n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        DigestingWritableByteChannel ch = new DigestingWritableByteChannel(slow, DigestAlgorithm.SHA1);
        ByteBuffer buf = ByteBuffer.wrap(random(95, 3));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        assertThat(ch.digest()).isEqualTo(Digests.of(sink.toByteArray(), DigestAlgorithm.SHA1));
    }

    @Test
    void readableChannelDigestsWhatIsRead() throws IOException {
        byte[] data = random(200_000, 4);
        try (DigestingReadableByteChannel ch = new DigestingReadableByteChannel(
                Channels.newChannel(new ByteArrayInputStream(data)), DigestAlgorithm.SHA256)) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            buf.position(100); // bytes already in the buffer are not digested
            while (ch.read(buf) >= 0) {
                buf.clear().position(100);
            }
            assertThat(ch.count()).isEqualTo(data.length);
            assertThat(ch.digest()).isEqualTo(Digests.of(data, DigestAlgorithm.SHA256));
        }
    }

    @Test
    void digestMayBeTakenMidStream() throws IOException {
        byte[] data = random(1000, 5);
        ReadableByteChannel src = Channels.newChannel(new ByteArrayInputStream(data));
        DigestingReadableByteChannel ch = new DigestingReadableByteChannel(src, DigestAlgorithm.SHA256);
        ch.read(ByteBuffer.allocate(400));
        Digest mid = ch.digest();
        while (ch.read(ByteBuffer.allocate(400)) >= 0) {
            // drain
        }
        assertThat(mid).isEqualTo(Digests.of(java.util.Arrays.copyOf(data, 400), DigestAlgorithm.SHA256));
        assertThat(ch.digest()).isEqualTo(Digests.of(data, DigestAlgorithm.SHA256));
    }

    @Test
    void severalFilesInParallelKeepTheirOrder() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(Files.write(dir.resolve("f" + i), random(50_000 + i * 1000, 10 + i)));
        }
        Map<Path, Digest> all = Digests.ofAll(files, DigestAlgorithm.SHA256, 3);
        assertThat(all.keySet()).containsExactlyElementsOf(files);
        for (Path f : files) {
            assertThat(all.get(f)).isEqualTo(Digests.of(f, DigestAlgorithm.SHA256));
        }
    }

    @Test
    void parallelFailureNamesTheMissingFile() throws IOException {
        Path ok = Files.write(dir.resolve("ok"), new byte[10]);
        Path missing = dir.resolve("missing.vmdk");
        assertThatThrownBy(() -> Digests.ofAll(List.of(ok, missing), DigestAlgorithm.SHA1, 2))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.vmdk");
    }

    @Test
    void digestEqualityIgnoresHexCase() {
        Digest lower = new Digest(DigestAlgorithm.SHA256, ABC_SHA256);
        Digest upper = new Digest(DigestAlgorithm.SHA256, ABC_SHA256.toUpperCase());
        assertThat(upper).isEqualTo(lower);
        assertThat(upper.matches(lower)).isTrue();
        assertThat(upper.hex()).isEqualTo(ABC_SHA256);
    }

    @Test
    void digestOfWrongLengthIsRefused() {
        assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA1, ABC_SHA256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40 hexadecimal digits");
    }
}
