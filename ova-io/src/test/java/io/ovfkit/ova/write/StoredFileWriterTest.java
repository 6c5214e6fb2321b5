package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredFileWriterTest {
    private static final Instant T = Instant.EPOCH;

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static List<PackageResult.Member> write(PackageSink sink, byte[] data, Long chunk, long known)
            throws IOException {
        StoredFileWriter w = new StoredFileWriter(sink, "d.vmdk", chunk, 0, known, DigestAlgorithm.SHA256,
                new StoredFileWriter.ChunkBuffer());
        // Odd write sizes, to cross chunk boundaries inside writes.
        for (int i = 0; i < data.length; i += 777) {
            w.write(ByteBuffer.wrap(data, i, Math.min(777, data.length - i)));
        }
        w.close();
        assertThat(w.storedSize()).isEqualTo(data.length);
        return w.members();
    }

    @Test
    void chunkNamesHaveNineDigits() {
        assertThat(StoredFileWriter.chunkName("a.vmdk", 0)).isEqualTo("a.vmdk.000000000");
        assertThat(StoredFileWriter.chunkName("a.vmdk", 123)).isEqualTo("a.vmdk.000000123");
        assertThatThrownBy(() -> StoredFileWriter.chunkName("a", 1_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactMultipleOfTheChunkSizeMakesNoEmptyLastChunk() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PackageResult.Member> ms = write(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), data(3000), 1000L, -1);
        assertThat(ms).extracting(PackageResult.Member::name)
                .containsExactly("d.vmdk.000000000", "d.vmdk.000000001", "d.vmdk.000000002");
        assertThat(ms).extracting(PackageResult.Member::size).containsOnly(1000L);
    }

    @Test
    void bufferedChunksHaveTheDigestsOfTheirBytes() throws IOException {
        byte[] d = data(2500);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PackageResult.Member> ms = write(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), d, 1000L, -1);
        assertThat(ms).extracting(PackageResult.Member::size).containsExactly(1000L, 1000L, 500L);
        assertThat(ms.get(2).digest()).isEqualTo(Digests.of(java.util.Arrays.copyOfRange(d, 2000, 2500),
                DigestAlgorithm.SHA256));
        // header, 1000 bytes + 24 padding, ... : the tar stream is well formed.
        assertThat(bytes.size()).isEqualTo(3 * 512 + 1024 + 1024 + 512);
    }

    @Test
    void knownSizeOnAStreamNeedsNoBuffer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoredFileWriter.ChunkBuffer buffer = new StoredFileWriter.ChunkBuffer();
        StoredFileWriter w = new StoredFileWriter(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), "d", 1000L, 0,
                2500, null, buffer);
        w.write(ByteBuffer.wrap(data(2500)));
        w.close();
        assertThat(w.members()).extracting(PackageResult.Member::size).containsExactly(1000L, 1000L, 500L);
        assertThat(buffer.take(0)).isEmpty();
    }

    @Test
    void emptyFileStillGetsOneMember() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(write(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), new byte[0], 1000L, -1))
                .extracting(PackageResult.Member::name).containsExactly("d.vmdk.000000000");
        assertThat(write(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), new byte[0], null, 0))
                .extracting(PackageResult.Member::name).containsExactly("d.vmdk");
    }

    @Test
    void unknownSizeOnAStreamWithoutChunkingIsRefused() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new StoredFileWriter(new OvaStreamSink(Channels.newChannel(bytes), T, "s"), "d", null, 0,
                -1, null, new StoredFileWriter.ChunkBuffer())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gzipBoundCoversIncompressibleData() throws IOException {
        byte[] d = data(1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(d);
        }
        assertThat(PackageWriter.gzipBound(d.length)).isGreaterThanOrEqualTo(out.size());
    }

    @Test
    void streamOptimizedBoundCoversIncompressibleData() {
        // One grain of random data: 12-byte marker + deflate stored blocks, padded to sectors.
        assertThat(DiskEncoding.STREAM_OPTIMIZED.maxOutputBytes(65536)).isGreaterThanOrEqualTo(65536 + 66048 + 2048 + 2048);
    }
}
