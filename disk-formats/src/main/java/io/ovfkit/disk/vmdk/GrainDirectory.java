package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.DiskFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The grain directory of a hosted sparse extent and its grain tables (disk-formats.md §2.3): GDEs
 * and GTEs are little-endian u32 sector numbers. The directory must lie inside the file; it is read
 * in blocks of {@value #BLOCK} entries and, like the grain tables, kept in the image's shared
 * {@link BoundedCache}, so memory does not grow with the disk (qemu's bound of 32 Mi entries would
 * otherwise mean 128 MiB). A GDE of 0 means the whole table is absent (every grain unallocated).
 */
final class GrainDirectory {
    /** Entries per cached directory block (4 KiB). */
    static final int BLOCK = 1024;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final long position;
    private final int count;
    private final int gtEntries;
    private final BoundedCache<int[]> cache;
    private final long cacheKey;

    private GrainDirectory(Path file, FileChannel channel, long fileSize, long position, int count, int gtEntries,
            BoundedCache<int[]> cache, long cacheKey) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.position = position;
        this.count = count;
        this.gtEntries = gtEntries;
        this.cache = cache;
        this.cacheKey = cacheKey;
    }

    /**
     * Locates the directory.
     *
     * @param sector the directory's first sector
     * @param count number of entries (grain tables), at most 2^25
     * @param gtEntries entries per grain table
     * @param cacheKey distinguishes this directory's blocks and tables in {@code cache} (a multiple of 2^32)
     * @param what "grain directory" or "redundant grain directory", for messages
     * @param headerField byte offset of the header field that gave {@code sector}, for messages
     * @throws DiskFormatException when the directory does not lie inside the file
     */
    static GrainDirectory read(Path file, FileChannel channel, long fileSize, long sector, long count, int gtEntries,
            BoundedCache<int[]> cache, long cacheKey, String what, long headerField) throws IOException {
        long bytes = count * 4;
        if (count > (1L << 25) || sector < 1 || sector > fileSize / 512 || sector * 512 + bytes > fileSize) {
            throw new DiskFormatException(file, headerField, "the " + what + " (" + count + " entries at sector "
                    + Long.toUnsignedString(sector) + ") does not lie inside the file (" + fileSize + " bytes)");
        }
        return new GrainDirectory(file, channel, fileSize, sector * 512, (int) count, gtEntries, cache, cacheKey);
    }

    /** Number of entries. */
    int size() {
        return count;
    }

    /** Byte offset of the directory in the file. */
    long position() {
        return position;
    }

    /** Entry {@code gt}: the sector of grain table {@code gt}, 0 when absent. */
    long entry(int gt) throws IOException {
        int block = gt / BLOCK;
        long key = cacheKey | (1L << 31) | block;
        int[] b = cache.get(key);
        if (b == null) {
            int n = Math.min(BLOCK, count - block * BLOCK);
            ByteBuffer buf = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, buf, position + 4L * block * BLOCK, file);
            buf.flip();
            b = new int[n];
            buf.asIntBuffer().get(b);
            cache.put(key, b);
        }
        return Integer.toUnsignedLong(b[gt % BLOCK]);
    }

    /** Bytes one grain table takes. */
    int tableBytes() {
        return gtEntries * 4;
    }

    /** Whether entry {@code gt} points to a whole grain table inside the file (or is 0). */
    boolean entryValid(int gt) throws IOException {
        long e = entry(gt);
        return e == 0 || (e * 512 + tableBytes() <= fileSize);
    }

    /**
     * Grain table {@code gt}, or {@code null} when its directory entry is 0. The array is shared:
     * never modify it.
     *
     * @throws DiskFormatException when the entry points outside the file
     */
    int[] table(int gt) throws IOException {
        long e = entry(gt);
        if (e == 0) {
            return null;
        }
        long key = cacheKey | gt;
        int[] t = cache.get(key);
        if (t != null) {
            return t;
        }
        if (e * 512 + tableBytes() > fileSize) {
            throw new DiskFormatException(file, position + 4L * gt, "grain directory entry " + gt + " points to sector " + e
                    + ", beyond the end of the file (" + fileSize + " bytes): the grain table does not fit");
        }
        ByteBuffer b = ByteBuffer.allocate(tableBytes()).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, b, e * 512, file);
        b.flip();
        t = new int[gtEntries];
        b.asIntBuffer().get(t);
        cache.put(key, t);
        return t;
    }

    /** Byte offset in the file of the entry for grain {@code index} of table {@code gt}. */
    long gtePosition(int gt, int index) throws IOException {
        return entry(gt) * 512 + 4L * index;
    }

    static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new DiskFormatException(file, p, "unexpected end of file: " + b.remaining() + " more bytes needed");
            }
            p += n;
        }
    }
}
