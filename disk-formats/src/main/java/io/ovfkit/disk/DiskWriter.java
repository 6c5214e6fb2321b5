package io.ovfkit.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes a disk image of one format from an ordered stream of non-zero blocks; what is never
 * written reads as zeros. The {@link DiskConverter} drives it:
 *
 * <ol>
 *   <li>{@link #encode} runs on worker threads, concurrently, for blocks in any order (compression);</li>
 *   <li>{@link #write} runs on one thread, for blocks in strictly ascending offset order;</li>
 *   <li>{@link #finish} completes the image (tables, footer) and gives it its final name.</li>
 * </ol>
 *
 * Output is written under a temporary name next to the target; {@link #close()} without a
 * successful {@code finish()} deletes it, so a failed conversion never leaves a partial image.
 *
 * <p>Thread safety: implementations must allow {@link #encode} on several threads at once (each with
 * its own {@link Scratch}); {@link #write}, {@link #finish} and {@link #close} are called from one
 * thread at a time, and the library's writers are not otherwise thread-safe.
 */
public interface DiskWriter extends Closeable {
    /** The guest size being written. */
    long capacity();

    /**
     * The granularity blocks are cut at (the format's allocation unit: 64 KiB grains for VMDK).
     * Every block starts at a multiple of it and is that long, except the last one of the disk.
     */
    int blockSize();

    /**
     * Turns a block's guest bytes into what {@link #write} stores. Called concurrently; must only
     * use {@code scratch}, which belongs to the calling thread. The default stores the bytes as they are.
     *
     * @param raw the guest bytes, position to limit; valid only during the call unless copied
     */
    default EncodedBlock encode(long offset, ByteBuffer raw, Scratch scratch) {
        return new EncodedBlock(offset, raw.remaining(), raw);
    }

    /** Per-thread working state for {@link #encode}, at this writer's compression level. */
    default Scratch newScratch() {
        return new Scratch(Deflater.DEFAULT_COMPRESSION);
    }

    /** Whether {@link #encode} transforms the bytes (then its result owns its payload). */
    default boolean encodes() {
        return false;
    }

    /** Stores one block; blocks come in ascending offset order and never overlap. */
    void write(EncodedBlock block) throws IOException;

    /**
     * Stores consecutive blocks of one batch, as {@link #write(EncodedBlock)} does for each; a
     * writer may merge them into fewer, larger writes. The payloads are valid only during the call.
     */
    default void write(List<EncodedBlock> blocks) throws IOException {
        for (EncodedBlock b : blocks) {
            write(b);
        }
    }

    /** Completes the image and moves it to its final name. */
    void finish() throws IOException;

    /**
     * Per-thread working state for {@link #encode}: a {@link Deflater} at the configured level and a
     * growable output array.
     */
    final class Scratch {
        private final Deflater deflater;
        private byte[] out = new byte[0];

        /** @param level deflate level 0..9 */
        public Scratch(int level) {
            this.deflater = new Deflater(level, false);
        }

        /** The zlib-wrapped deflater of this thread, reset before each use by the caller. */
        public Deflater deflater() {
            return deflater;
        }

        /** An output array of at least {@code n} bytes (reused between calls). */
        public byte[] buffer(int n) {
            if (out.length < n) {
                out = new byte[n];
            }
            return out;
        }

        /** Releases the deflater's native memory. */
        public void end() {
            deflater.end();
        }
    }
}
