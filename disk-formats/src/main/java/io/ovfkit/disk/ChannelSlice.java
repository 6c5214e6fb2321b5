package io.ovfkit.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A read-only window {@code [offset, offset + length)} of another channel, seen as a whole file:
 * position 0 is {@code offset} and {@link #size()} is {@code length}. It lets the format readers,
 * which work on {@link FileChannel}s, read an image stored inside a larger file (a plain disk
 * member of an OVA) in place.
 *
 * <p>Positional reads of a {@link FileChannel} underneath go straight through and may run
 * concurrently; any other {@link SeekableByteChannel} (one reading over HTTP ranges, for example)
 * is positioned and read under its own lock, one read at a time. Closing the slice does not close
 * the channel underneath: that belongs to whoever opened it.
 */
final class ChannelSlice extends FileChannel {
    private final SeekableByteChannel base;
    private final long offset;
    private final long length;
    private long position;

    ChannelSlice(SeekableByteChannel base, long offset, long length) {
        this.base = Objects.requireNonNull(base, "base");
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad slice " + offset + "+" + length);
        }
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        ensureOpen();
        if (pos < 0) {
            throw new IllegalArgumentException("negative position " + pos);
        }
        if (pos >= length) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), length - pos);
        if (want == 0) {
            return 0;
        }
        ByteBuffer part = dst.slice(dst.position(), want);
        int n;
        if (base instanceof FileChannel fc) {
            n = fc.read(part, offset + pos);
        } else {
            synchronized (base) {
                base.position(offset + pos);
                n = base.read(part);
            }
        }
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int off, int len) throws IOException {
        long total = 0;
        for (int i = off; i < off + len; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public synchronized long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return length;
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ensureOpen();
        if (pos >= length || count <= 0) {
            return 0;
        }
        long end = Math.min(length, pos + count);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, end - pos));
        long done = 0;
        while (pos + done < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos - done));
            int n = read(buf, pos + done);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            done += n;
        }
        return done;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int off, int len) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to flush
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("a slice of a channel cannot be mapped");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("a slice of a channel cannot be locked");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("a slice of a channel cannot be locked");
    }

    @Override
    protected void implCloseChannel() {
        // the channel underneath belongs to the caller
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }
}
