package io.ovfkit.disk;

import java.util.Objects;

/**
 * One run of a disk's allocation map: guest-visible bytes {@code [offset, offset + length)} that
 * are all of one {@link Kind}.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param offset first guest byte
 * @param length number of bytes, positive
 * @param kind what the run holds
 */
public record Extent(long offset, long length, Kind kind) {
    /** What a run of the allocation map holds. */
    public enum Kind {
        /** Stored data (which may still happen to be zeros). */
        DATA,
        /** Explicitly zero (VMDK zeroed grain, qcow2 zero cluster …): reads zeros, hides a parent. */
        ZERO,
        /** Not stored: reads zeros, or the parent's data in a differencing chain. */
        UNALLOCATED
    }

    /** Checks the components. */
    public Extent {
        Objects.requireNonNull(kind, "kind");
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad extent " + offset + "+" + length);
        }
    }

    /** The first byte after the run. */
    public long end() {
        return offset + length;
    }
}
