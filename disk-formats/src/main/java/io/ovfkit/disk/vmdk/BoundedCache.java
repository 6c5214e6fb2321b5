package io.ovfkit.disk.vmdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache with a fixed number of entries, shared by the readers of one
 * {@link VmdkImage} (grain tables, decoded grains). Thread-safe; entries are never modified after
 * they are put, so callers may use a returned value without holding the lock.
 */
final class BoundedCache<V> {
    private final int maxEntries;
    private final LinkedHashMap<Long, V> map;

    BoundedCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > BoundedCache.this.maxEntries;
            }
        };
    }

    /** The value of {@code key}, or {@code null}. */
    synchronized V get(long key) {
        return map.get(key);
    }

    /** Stores {@code value} under {@code key}, evicting the least recently used entry when full. */
    synchronized void put(long key, V value) {
        map.put(key, value);
    }

    /** Empties the cache. */
    synchronized void clear() {
        map.clear();
    }

    /** Number of entries (for tests). */
    synchronized int size() {
        return map.size();
    }
}
