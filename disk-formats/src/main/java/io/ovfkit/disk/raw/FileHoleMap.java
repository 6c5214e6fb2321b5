package io.ovfkit.disk.raw;

import io.ovfkit.disk.Extent;
import java.io.Closeable;
import java.nio.file.Path;

/**
 * The data and hole runs of one file, as the operating system tells them (see {@link RawImage}):
 * used by raw images and by the flat extents of VMDK descriptors. The lookup starts at the first
 * {@link #run} call and only for files of at least {@link RawImage#HOLE_LOOKUP_MIN_SIZE} bytes;
 * where it is not available every byte is data. Thread-safe.
 */
public final class FileHoleMap implements Closeable {
    private final Path path;
    private final boolean lookup;
    private FileHoles holes;
    private boolean looked;
    private boolean closed;

    private FileHoleMap(Path path, boolean lookup) {
        this.path = path;
        this.lookup = lookup;
    }

    /**
     * Loads the native bridge now, on the calling thread, so that a later lookup does not wait for
     * it (about 0.1 s): a command line can call it on a spare core while it parses its arguments.
     * Does nothing where hole lookup is not available; never throws.
     */
    public static void preload() {
        try {
            FileHoles.available();
        } catch (Throwable e) {
            // Nothing to preload: the lookup will say it is unavailable.
        }
    }

    /** The map of {@code path}, whose size is {@code fileSize}; nothing is opened yet. */
    public static FileHoleMap of(Path path, long fileSize) {
        return new FileHoleMap(path, fileSize >= RawImage.HOLE_LOOKUP_MIN_SIZE);
    }

    private synchronized FileHoles holes() {
        if (!looked && lookup && !closed) {
            looked = true;
            holes = FileHoles.open(path);
        }
        return holes;
    }

    /** Whether the system tells this file's holes (opening the lookup if it was not yet). */
    public boolean active() {
        return holes() != null;
    }

    /**
     * The run that starts at byte {@code pos} of the file and is at most {@code max} bytes long:
     * {@link Extent.Kind#DATA} or {@link Extent.Kind#UNALLOCATED} (a hole, or past the end of the
     * file). Without a lookup, or when the system stops answering, the run is data.
     */
    public Extent run(long pos, long max) {
        FileHoles h = holes();
        if (h == null || max <= 0) {
            return new Extent(pos, Math.max(0, max), Extent.Kind.DATA);
        }
        try {
            long data = h.nextData(pos);
            if (data < 0 || data - pos >= max) {
                return new Extent(pos, max, Extent.Kind.UNALLOCATED);
            }
            if (data > pos) {
                return new Extent(pos, data - pos, Extent.Kind.UNALLOCATED);
            }
            long hole = Math.max(pos + 1, h.nextHole(pos));
            return new Extent(pos, Math.min(max, hole - pos), Extent.Kind.DATA);
        } catch (RuntimeException e) {
            // A file system that refuses the call midway: read it and look for zeros instead.
            return new Extent(pos, max, Extent.Kind.DATA);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (holes != null) {
            holes.close();
        }
    }
}
