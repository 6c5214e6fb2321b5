package io.ovfkit.ova.write;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A disk image whose reads fail past a given offset, like a disk on a failing device. */
final class FailingImage implements DiskImage {
    private final DiskImage inner;
    private final long failAt;

    FailingImage(DiskImage inner, long failAt) {
        this.inner = inner;
        this.failAt = failAt;
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
        if (offset + dst.remaining() > failAt) {
            throw new IOException("injected read failure at " + offset);
        }
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
    public CheckResult check() throws IOException {
        return inner.check();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
