package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.DiskFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The 512-byte header of a hosted sparse extent ({@code KDMV}), shared by monolithicSparse,
 * streamOptimized and the extents of twoGbMaxExtentSparse (disk-formats.md §2.2). Little-endian.
 * Values are kept as read; {@link #parse} checks what a reader relies on and bounds what sizes
 * allocations, so a hostile header fails with a clear error instead of an OutOfMemoryError.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param version 1, 2 or 3
 * @param flags header flags (see the FLAG_ constants)
 * @param capacity guest size in sectors
 * @param grainSize sectors per grain
 * @param descriptorOffset sector of the embedded descriptor, 0 when none
 * @param descriptorSize sectors of the embedded descriptor area
 * @param numGtesPerGt grain table entries per grain table (512)
 * @param rgdOffset sector of the redundant grain directory, 0 when none
 * @param gdOffset sector of the grain directory, or {@link #GD_AT_END}
 * @param overHead sectors of metadata before the first grain
 * @param uncleanShutdown 1 when the extent was not closed cleanly
 * @param compressAlgorithm 0 none, 1 deflate
 */
public record SparseExtentHeader(int version, int flags, long capacity, long grainSize, long descriptorOffset,
        long descriptorSize, int numGtesPerGt, long rgdOffset, long gdOffset, long overHead, int uncleanShutdown,
        int compressAlgorithm) {
    /** "KDMV" read as a little-endian u32. */
    public static final int MAGIC = 0x564D444B;
    /** Size of the header in bytes. */
    public static final int SIZE = 512;
    /** gdOffset of a stream whose grain directory follows the data (read the footer). */
    public static final long GD_AT_END = -1L;
    /** Valid newline-detection bytes. */
    public static final int FLAG_NEWLINE_TEST = 0x1;
    /** A redundant grain directory is present. */
    public static final int FLAG_REDUNDANT_GD = 0x2;
    /** Grain table entries of 1 mean zeroed grains. */
    public static final int FLAG_ZEROED_GRAIN_GTE = 0x4;
    /** Grains are compressed. */
    public static final int FLAG_COMPRESSED = 0x10000;
    /** Grains and metadata carry markers. */
    public static final int FLAG_MARKERS = 0x20000;
    /** Flags a reader understands; other bits of the upper half are incompatible features. */
    public static final int KNOWN_INCOMPATIBLE = FLAG_COMPRESSED | FLAG_MARKERS;
    /** Largest grain size accepted (qemu's bound: 2^21 sectors would be 1 GiB; we accept up to 2^16 sectors = 32 MiB). */
    public static final long MAX_GRAIN_SECTORS = 1L << 16;
    /** Largest descriptor area accepted, in sectors (1 MiB, as qemu). */
    public static final long MAX_DESCRIPTOR_SECTORS = 2048;

    /** Whether grains are compressed (streamOptimized). */
    public boolean compressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    /** Whether grains and metadata have markers. */
    public boolean markers() {
        return (flags & FLAG_MARKERS) != 0;
    }

    /** Whether a grain table entry of 1 means a zeroed grain. */
    public boolean zeroedGrainGtes() {
        return (flags & FLAG_ZEROED_GRAIN_GTE) != 0 && version >= 2;
    }

    /** Guest sectors one grain table covers. */
    public long gtCoverage() {
        return (long) numGtesPerGt * grainSize;
    }

    /** Number of grains of the extent. */
    public long grainCount() {
        return (capacity + grainSize - 1) / grainSize;
    }

    /** Number of grain tables (and so of grain directory entries). */
    public long gtCount() {
        return (grainCount() + numGtesPerGt - 1) / numGtesPerGt;
    }

    /** Sectors the grain directory takes. */
    public long gdSectors() {
        return (gtCount() * 4 + 511) / 512;
    }

    /** Sectors one grain table takes. */
    public long gtSectors() {
        return ((long) numGtesPerGt * 4 + 511) / 512;
    }

    /**
     * Parses and checks a header.
     *
     * @param file for messages
     * @param at byte offset of the header in {@code file} (0, or the footer's place)
     * @param fileSize size of the extent file, to bound offsets
     * @throws DiskFormatException when it is not a sparse extent header or a field is out of bounds
     */
    public static SparseExtentHeader parse(ByteBuffer b512, Path file, long at, long fileSize) {
        ByteBuffer b = b512.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = b.position();
        if (b.remaining() < SIZE) {
            throw new DiskFormatException(file, at, "truncated sparse extent header: " + b.remaining() + " of 512 bytes");
        }
        int magic = b.getInt(p);
        if (magic != MAGIC) {
            throw new DiskFormatException(file, at, String.format("bad magic 0x%08x; expected KDMV (0x%08x)", magic, MAGIC));
        }
        int version = b.getInt(p + 4);
        int flags = b.getInt(p + 8);
        long capacity = b.getLong(p + 12);
        long grainSize = b.getLong(p + 20);
        long descriptorOffset = b.getLong(p + 28);
        long descriptorSize = b.getLong(p + 36);
        int numGtes = b.getInt(p + 44);
        long rgd = b.getLong(p + 48);
        long gd = b.getLong(p + 56);
        long overHead = b.getLong(p + 64);
        int unclean = b.get(p + 72) & 0xff;
        int compress = b.getShort(p + 77) & 0xffff;
        if (version < 1 || version > 3) {
            throw new DiskFormatException(file, at + 4, "unsupported sparse extent version " + version + "; expected 1, 2 or 3");
        }
        int unknown = flags & 0xFFFF0000 & ~KNOWN_INCOMPATIBLE;
        if (unknown != 0) {
            throw new DiskFormatException(file, at + 8, String.format("unsupported incompatible flags 0x%08x", unknown));
        }
        if (grainSize < 1 || grainSize > MAX_GRAIN_SECTORS || Long.bitCount(grainSize) != 1) {
            throw new DiskFormatException(file, at + 20, "grain size " + grainSize + " sectors; expected a power of two up to " + MAX_GRAIN_SECTORS);
        }
        if (capacity < 0 || capacity > (Long.MAX_VALUE >> 9)) {
            throw new DiskFormatException(file, at + 12, "capacity " + Long.toUnsignedString(capacity) + " sectors is out of range");
        }
        if (numGtes != 512) {
            throw new DiskFormatException(file, at + 44, "numGTEsPerGT is " + numGtes + "; expected 512");
        }
        if (descriptorSize < 0 || descriptorSize > MAX_DESCRIPTOR_SECTORS || descriptorOffset < 0
                || (descriptorOffset > 0 && (descriptorOffset > fileSize / 512
                        || (descriptorOffset + descriptorSize) * 512 > fileSize))) {
            throw new DiskFormatException(file, at + 28, "embedded descriptor at sector " + descriptorOffset + " (" + descriptorSize
                    + " sectors) does not fit in the file or is larger than 1 MiB");
        }
        SparseExtentHeader h = new SparseExtentHeader(version, flags, capacity, grainSize, descriptorOffset, descriptorSize,
                numGtes, rgd, gd, overHead, unclean, compress);
        // qemu's bound: the grain directory has at most 32 Mi entries (4 PiB with 64 KiB grains).
        if (h.gtCount() > (32L << 20)) {
            throw new DiskFormatException(file, at + 12, "the grain directory would have " + h.gtCount() + " entries; at most 33554432 are accepted");
        }
        if (gd != GD_AT_END && (gd < 0 || gd > fileSize / 512)) {
            throw new DiskFormatException(file, at + 56, "grain directory sector " + gd + " lies beyond the end of the file (" + fileSize + " bytes)");
        }
        if (h.compressed() && compress != 1) {
            throw new DiskFormatException(file, at + 77, "compressed grains with compressAlgorithm " + compress + "; expected 1 (deflate)");
        }
        return h;
    }

    /** The 512 bytes of this header, with the newline-detection bytes. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, MAGIC);
        b.putInt(4, version);
        b.putInt(8, flags);
        b.putLong(12, capacity);
        b.putLong(20, grainSize);
        b.putLong(28, descriptorOffset);
        b.putLong(36, descriptorSize);
        b.putInt(44, numGtesPerGt);
        b.putLong(48, rgdOffset);
        b.putLong(56, gdOffset);
        b.putLong(64, overHead);
        b.put(72, (byte) uncleanShutdown);
        b.put(73, (byte) '\n');
        b.put(74, (byte) ' ');
        b.put(75, (byte) '\r');
        b.put(76, (byte) '\n');
        b.putShort(77, (short) compressAlgorithm);
        return b;
    }

    /** This header with another grain directory offset (a stream's footer carries the real one). */
    public SparseExtentHeader withGdOffset(long gd) {
        return new SparseExtentHeader(version, flags, capacity, grainSize, descriptorOffset, descriptorSize, numGtesPerGt,
                rgdOffset, gd, overHead, uncleanShutdown, compressAlgorithm);
    }
}
