package io.ovfkit.disk.vmdk;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the readers of one {@link VmdkImage} and its parents share: the grain table cache, the cache
 * of decoded compressed grains and the inflaters. Both caches are bounded by entry count (at most
 * {@value #TABLES} grain tables of 2 KiB, {@value #GRAINS} decoded grains of at most 1 MiB), so the
 * memory a reader uses does not grow with the disk.
 */
final class ReaderCaches implements AutoCloseable {
    /** Grain tables kept (2 KiB each: 2 MiB, covering 32 GiB of guest space with 64 KiB grains). */
    static final int TABLES = 1024;
    /** Decoded compressed grains kept. */
    static final int GRAINS = 16;

    final BoundedCache<int[]> tables = new BoundedCache<>(TABLES);
    final BoundedCache<byte[]> grains = new BoundedCache<>(GRAINS);
    final InflaterPool inflaters = new InflaterPool();
    private final AtomicLong ordinals = new AtomicLong();

    /** A number distinguishing one extent's entries in the caches (below 2^23). */
    long nextOrdinal() {
        long o = ordinals.getAndIncrement();
        if (o >= (1L << 23)) {
            throw new IllegalStateException("too many extents in one chain");
        }
        return o;
    }

    @Override
    public void close() {
        inflaters.close();
        tables.clear();
        grains.clear();
    }
}
