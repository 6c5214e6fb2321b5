package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionalWritesTest {
    @TempDir
    Path dir;

    @Test
    void consecutiveDirectBuffersBecomeOneGatheringWrite() throws IOException {
        byte[] expected = new byte[3 * 65536];
        new Random(1).nextBytes(expected);
        try (Counting ch = open()) {
            PositionalWrites w = new PositionalWrites(ch);
            for (int i = 0; i < 3; i++) {
                w.queue(direct(expected, i * 65536, 65536), 4096 + i * 65536L);
            }
            assertThat(ch.calls).isEmpty();
            w.flush();
            assertThat(ch.calls).containsExactly("gather 3 @4096");
        }
        assertThat(slice(Files.readAllBytes(dir.resolve("f")), 4096, expected.length)).isEqualTo(expected);
    }

    @Test
    void aGapOrAHeapBufferEndsTheRun() throws IOException {
        byte[] a = bytes(1000, 1);
        byte[] b = bytes(500, 2);
        byte[] c = bytes(700, 3);
        byte[] d = bytes(300, 4);
        try (Counting ch = open()) {
            PositionalWrites w = new PositionalWrites(ch);
            w.queue(direct(a, 0, a.length), 0);
            w.queue(direct(b, 0, b.length), 1000);
            w.queue(direct(c, 0, c.length), 2000); // a gap of 500 bytes: the first two go out
            assertThat(ch.calls).containsExactly("gather 2 @0");
            w.queue(ByteBuffer.wrap(d), 2700); // heap: what is queued first, then it, at once
            assertThat(ch.calls).containsExactly("gather 2 @0", "single @2000", "single @2700");
            w.flush();
            assertThat(ch.calls).hasSize(3);
        }
        byte[] f = Files.readAllBytes(dir.resolve("f"));
        assertThat(slice(f, 0, 1000)).isEqualTo(a);
        assertThat(slice(f, 1000, 500)).isEqualTo(b);
        assertThat(slice(f, 1500, 500)).isEqualTo(new byte[500]);
        assertThat(slice(f, 2000, 700)).isEqualTo(c);
        assertThat(slice(f, 2700, 300)).isEqualTo(d);
    }

    @Test
    void longRunsAreCutByBufferCountAndByBytes() throws IOException {
        try (Counting ch = open()) {
            PositionalWrites w = new PositionalWrites(ch);
            for (int i = 0; i < 1100; i++) {
                w.queue(ByteBuffer.allocateDirect(16), i * 16L);
            }
            w.flush();
            assertThat(ch.calls).containsExactly("gather 512 @0", "gather 512 @8192", "gather 76 @16384");
        }
        try (Counting ch = open()) {
            PositionalWrites w = new PositionalWrites(ch);
            for (int i = 0; i < 5; i++) {
                w.queue(ByteBuffer.allocateDirect(6 << 20), i * (6L << 20));
            }
            w.flush();
            // 16 MiB at most per call: 2 × 6 MiB, 2 × 6 MiB, 6 MiB.
            assertThat(ch.calls).containsExactly("gather 2 @0", "gather 2 @12582912", "single @25165824");
        }
    }

    @Test
    void anImmediateWriteGoesAfterWhatIsQueued() throws IOException {
        try (Counting ch = open()) {
            PositionalWrites w = new PositionalWrites(ch);
            w.queue(direct(bytes(10, 5), 0, 10), 100);
            w.write(ByteBuffer.wrap(bytes(10, 6)), 0);
            assertThat(ch.calls).containsExactly("single @100", "single @0");
            w.queue(ByteBuffer.allocateDirect(0), 5); // nothing to write: nothing queued
            w.flush();
            assertThat(ch.calls).hasSize(2);
        }
    }

    private Counting open() throws IOException {
        return new Counting(FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING));
    }

    private static ByteBuffer direct(byte[] b, int off, int len) {
        ByteBuffer d = ByteBuffer.allocateDirect(len);
        d.put(b, off, len).flip();
        return d;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] s = new byte[len];
        System.arraycopy(b, off, s, 0, len);
        return s;
    }

    /** A file channel that records the writes made through it. */
    private static final class Counting extends FileChannel {
        private final FileChannel ch;
        final List<String> calls = new ArrayList<>();

        Counting(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return ch.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return ch.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            calls.add("single(stream) @" + ch.position());
            return ch.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            calls.add("gather " + length + " @" + ch.position());
            long n = 0;
            // Write everything in one go, as the kernel does for a regular file.
            while (true) {
                long k = ch.write(srcs, offset, length);
                n += k;
                if (!srcs[offset + length - 1].hasRemaining()) {
                    return n;
                }
            }
        }

        @Override
        public long position() throws IOException {
            return ch.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            ch.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            ch.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            ch.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return ch.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return ch.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            calls.add("single @" + position);
            return ch.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return ch.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return ch.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return ch.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            ch.close();
        }
    }
}
