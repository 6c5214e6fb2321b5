package io.ovfkit.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: a disk image held in memory, with an allocation map the test chooses, an optional
 * parent (only its presence matters), an optional offset from which reads fail, and a record of
 * every read.
 */
final class MemoryImage implements DiskImage {
    private final byte[] data;
    private final List<Extent> map;
    private final boolean hasParent;
    private final long failFrom;
    private final long readMillis;
    /** Every read as {offset, length}, in call order. */
    final List<long[]> reads = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    /** The most reads that were in progress at once. */
    final java.util.concurrent.atomic.AtomicInteger peakConcurrentReads = new java.util.concurrent.atomic.AtomicInteger();

    private MemoryImage(byte[] data, List<Extent> map, boolean hasParent, long failFrom) {
        this(data, map, hasParent, failFrom, 0);
    }

    private MemoryImage(byte[] data, List<Extent> map, boolean hasParent, long failFrom, long readMillis) {
        this.data = data;
        this.map = map;
        this.hasParent = hasParent;
        this.failFrom = failFrom;
        this.readMillis = readMillis;
    }

    /** The same image, whose every read takes {@code millis} (a slow device), counting overlapping reads. */
    MemoryImage slow(long millis) {
        return new MemoryImage(data, map, hasParent, failFrom, millis);
    }

    /** All DATA. */
    static MemoryImage of(byte[] data) {
        return new MemoryImage(data, List.of(new Extent(0, data.length, Extent.Kind.DATA)), false, Long.MAX_VALUE);
    }

    /** With this map (which must cover the disk). */
    static MemoryImage of(byte[] data, List<Extent> map) {
        return new MemoryImage(data, map, false, Long.MAX_VALUE);
    }

    /** The same image, with a parent behind its unallocated runs. */
    MemoryImage withParent() {
        return new MemoryImage(data, map, true, failFrom);
    }

    /** The same image, whose reads fail with an IOException when they reach {@code offset}. */
    MemoryImage failingFrom(long offset) {
        return new MemoryImage(data, map, hasParent, offset);
    }

    /** Whether any read touched {@code [from, to)}. */
    boolean readAny(long from, long to) {
        for (long[] r : reads) {
            if (r[0] < to && r[0] + r[1] > from) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Path path() {
        return Path.of("memory.img");
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.RAW;
    }

    @Override
    public String subformat() {
        return "memory";
    }

    @Override
    public long capacity() {
        return data.length;
    }

    @Override
    public long actualSize() {
        return data.length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        int len = dst.remaining();
        if (offset < 0 || offset + len > data.length) {
            throw new IllegalArgumentException("read outside the disk: " + offset + "+" + len);
        }
        reads.add(new long[] {offset, len});
        if (readMillis > 0) {
            peakConcurrentReads.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(readMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("read interrupted");
            } finally {
                active.decrementAndGet();
            }
        }
        if (offset + len > failFrom) {
            throw new IOException("simulated read error at offset " + failFrom);
        }
        dst.put(data, (int) offset, len);
    }

    @Override
    public List<Extent> extents(long offset, long length) {
        long end = Math.min(data.length, offset + length);
        List<Extent> out = new ArrayList<>();
        for (Extent e : map) {
            long from = Math.max(offset, e.offset());
            long to = Math.min(end, e.end());
            if (to > from) {
                out.add(new Extent(from, to - from, e.kind()));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }

    @Override
    public Optional<DiskImage> parent() {
        return hasParent ? Optional.of(MemoryImage.of(new byte[data.length])) : Optional.empty();
    }

    @Override
    public CheckResult check() {
        return CheckResult.clean();
    }

    @Override
    public void close() {
    }
}
