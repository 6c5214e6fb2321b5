package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.Extent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** A {@code ZERO} extent line: guest sectors that read as zeros and have no file. */
final class ZeroExtent implements VmdkExtent {
    private final long length;

    ZeroExtent(long length) {
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public Run run(long offset, long max) {
        return new Run(Extent.Kind.ZERO, Math.min(max, length - offset));
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        VmdkExtent.zero(dst);
    }

    @Override
    public void check(List<String> corruptions, List<String> leaks) {
        // nothing stored, nothing to check
    }

    @Override
    public void close() {
        // no file
    }
}
