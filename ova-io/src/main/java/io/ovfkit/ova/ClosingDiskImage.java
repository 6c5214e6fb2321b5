package io.ovfkit.ova;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A disk image that also closes the channel it reads through (a URL opened for it alone). */
final class ClosingDiskImage implements DiskImage {
    private final DiskImage inner;
    private final Closeable also;

    ClosingDiskImage(DiskImage inner, Closeable also) {
        this.inner = inner;
        this.also = also;
    }

    @Override
    public Path path() {
        return inner.path();
    }

    @Override
    public DiskFormat format() {
        return inner.format();
    }

    @Override
    public String subformat() {
        return inner.subformat();
    }

    @Override
    public long capacity() {
        return inner.capacity();
    }

    @Override
    public long actualSize() throws IOException {
        return inner.actualSize();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        inner.read(offset, dst);
    }

    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        return inner.extents(offset, length);
    }

    @Override
    public Map<String, Object> details() {
        return inner.details();
    }

    @Override
    public Optional<DiskImage> parent() {
        return inner.parent();
    }

    @Override
    public CheckResult check() throws IOException {
        return inner.check();
    }

    @Override
    public void close() throws IOException {
        try {
            inner.close();
        } finally {
            also.close();
        }
    }
}
