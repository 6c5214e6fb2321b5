package io.ovfkit.disk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual disk opened for reading, whatever its format: its guest-visible size, its bytes, and
 * its allocation map, so that copies skip what is not there without reading it. Open one with
 * {@link DiskImages#open(Path)}; close it (try-with-resources) to release its files.
 *
 * <p>Thread safety: implementations are safe for concurrent {@link #read} and {@link #extents} calls
 * from several threads, except {@linkplain #sequential() sequential} images, which one thread reads front
 * to back; {@link #close()} must not race other calls.
 */
public interface DiskImage extends Closeable {
    /** The file the image was opened from (the descriptor, for multi-file formats). */
    Path path();

    /** The format. */
    DiskFormat format();

    /** The variant within the format, such as {@code streamOptimized}, {@code monolithicSparse} or {@code raw}. */
    String subformat();

    /** The guest-visible size in bytes. */
    long capacity();

    /**
     * Bytes the image occupies on the host: all of its own files (every extent of a multi-file VMDK),
     * not its parent's, which is an image of its own ({@link #parent()}); like qemu-img's "disk size".
     */
    long actualSize() throws IOException;

    /**
     * Reads {@code dst.remaining()} guest bytes starting at {@code offset} into {@code dst}.
     * Unallocated and zero regions read as zeros (or the parent's bytes for a differencing disk).
     *
     * @throws IllegalArgumentException when the range leaves {@code [0, capacity())}
     * @throws DiskFormatException when the image's structures are corrupt where the read needs them
     */
    void read(long offset, ByteBuffer dst) throws IOException;

    /**
     * The allocation map of {@code [offset, offset + length)}: consecutive runs covering the range,
     * neighbours of the same kind merged. Formats without a map (raw) report one DATA run. Callers
     * ask for bounded windows, so the answer stays small whatever the disk size.
     */
    List<Extent> extents(long offset, long length) throws IOException;

    /** Format facts for reports ({@code cid}, {@code adapterType}, {@code geometry} …), in a stable order. */
    Map<String, Object> details();

    /**
     * Whether the image is read from a stream, once, front to back ({@link DiskImages#openStream}):
     * then {@link #read} and {@link #extents} must be called from one thread, each call starting at or
     * after the start of the previous one (bytes skipped over are gone), and reads are not concurrent.
     * {@link DiskConverter} honours it. False for images opened from files and channels, which
     * read at random.
     */
    default boolean sequential() {
        return false;
    }

    /** The parent of a differencing disk, opened with it. */
    default Optional<DiskImage> parent() {
        return Optional.empty();
    }

    /** Structural consistency of the image, like {@code qemu-img check}. */
    CheckResult check() throws IOException;
}
