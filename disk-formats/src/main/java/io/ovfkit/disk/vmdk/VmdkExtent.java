package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.Extent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One extent of a VMDK, as an extent line of the descriptor names it: a run of guest bytes stored
 * one way ({@link SparseExtent}, {@link FlatExtent}, {@link ZeroExtent}). Offsets are bytes relative
 * to the start of the extent. Implementations are safe for concurrent use.
 */
sealed interface VmdkExtent extends Closeable permits SparseExtent, FlatExtent, ZeroExtent {
    /** A run of one kind inside an extent. */
    record Run(Extent.Kind kind, long length) {
    }

    /** Guest bytes the extent covers. */
    long length();

    /** The file holding the extent's data, or {@code null} (ZERO). */
    Path file();

    /**
     * The run starting at {@code offset}: its kind and length, at most {@code max} bytes, neighbours of
     * the same kind merged.
     *
     * @throws io.ovfkit.disk.DiskFormatException when a table needed to answer is corrupt
     */
    Run run(long offset, long max) throws IOException;

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset}. Unallocated parts read as zeros (the
     * image reads a parent's bytes itself, before calling this for DATA runs only).
     */
    void read(long offset, ByteBuffer dst) throws IOException;

    /** Adds structural problems ({@code corruptions}) and unused space ({@code leaks}). */
    void check(List<String> corruptions, List<String> leaks) throws IOException;

    /** Fills the remaining bytes of {@code dst} with zeros. */
    static void zero(ByteBuffer dst) {
        io.ovfkit.disk.PositionalReads.zero(dst);
    }
}
