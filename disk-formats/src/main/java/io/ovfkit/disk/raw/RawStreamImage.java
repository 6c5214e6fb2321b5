package io.ovfkit.disk.raw;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Raw guest bytes read once, front to back, from a stream, for a capacity the caller knows (a
 * package's {@code Disk} element says it; a stream has no size before its end). A stream shorter
 * than the capacity reads zeros after its end; bytes after the capacity are not read (a fixed
 * VHD's footer, for example). A {@linkplain DiskImage#sequential() sequential} image: calls go
 * forward from one thread. Its allocation map is one DATA run: copies find zeros by looking.
 *
 * <p>Not thread-safe: a sequential image, read front to back by one thread.
 */
public final class RawStreamImage implements DiskImage {
    private final Path path;
    private final InputStream in;
    private final long capacity;
    private long position;
    private boolean ended;

    /**
     * Wraps {@code in}, whose first byte is guest byte 0. The image owns the stream.
     *
     * @param in the guest bytes
     * @param name how messages and {@link #path()} name the image
     * @param capacity the guest size in bytes
     * @return the image
     */
    public static RawStreamImage of(InputStream in, Path name, long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        return new RawStreamImage(in, name, capacity);
    }

    private RawStreamImage(InputStream in, Path name, long capacity) {
        this.in = in;
        this.path = name;
        this.capacity = capacity;
    }

    @Override
    public boolean sequential() {
        return true;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.RAW;
    }

    @Override
    public String subformat() {
        return "raw";
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /** The stream's bytes consumed so far. */
    @Override
    public long actualSize() {
        return position;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        check(offset, dst.remaining());
        if (offset > position && !ended) {
            long k = skip(offset - position);
            position += k;
            ended = position < offset;
        }
        int base = dst.position();
        int len = dst.remaining();
        int got = 0;
        if (!ended) {
            if (dst.hasArray()) {
                got = in.readNBytes(dst.array(), dst.arrayOffset() + base, len);
            } else {
                byte[] b = in.readNBytes(len);
                dst.put(b);
                got = b.length;
            }
            position += got;
            ended = got < len;
        }
        for (int i = base + got; i < base + len; i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(base + len);
    }

    private long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            long k = in.skip(n - done);
            if (k <= 0) {
                if (in.read() < 0) {
                    break;
                }
                k = 1;
            }
            done += k;
        }
        return done;
    }

    @Override
    public List<Extent> extents(long offset, long length) {
        check(offset, length);
        return length == 0 ? List.of() : List.of(new Extent(offset, length, Extent.Kind.DATA));
    }

    private void check(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > capacity) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside [0, " + capacity + ")");
        }
        if (offset < position) {
            throw new IllegalStateException(path + ": read at " + offset + " after " + position + ": an image read from"
                    + " a stream is read front to back only");
        }
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }

    /** A raw image has no structure to check. */
    @Override
    public CheckResult check() {
        return new CheckResult(List.of(), List.of());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
