package io.ovfkit.disk;

import java.util.Objects;
import java.util.zip.Deflater;

/**
 * What to write: format, subformat, guest size and the knobs of the format. Immutable and safe to
 * share between threads; build with
 * {@link #builder(DiskFormat, long)}.
 *
 * @param format the output format
 * @param subformat the variant ({@code streamOptimized}, {@code monolithicSparse} …), {@code null} for the format's default
 * @param capacity guest size in bytes
 * @param compressionLevel deflate level 1..9 for compressing formats
 * @param adapterType VMDK {@code ddb.adapterType}: {@code lsilogic}, {@code buslogic}, {@code ide}, {@code legacyESX}
 * @param hardwareVersion VMDK {@code ddb.virtualHWVersion}
 * @param contentSeed when not {@code null}, identifiers inside the image (VMDK CID, UUIDs) are derived
 *     from it instead of drawn at random, so the same input gives the same bytes
 * @param blockSize the allocation unit in bytes, 0 for the format's default: VHDX blocks (a power of 2
 *     from 1 to 256 MiB, default 32 MiB) or QCOW2 clusters (a power of 2 from 512 bytes to 2 MiB,
 *     default 64 KiB); the other formats have a fixed unit and refuse any other value
 * @param logicalSectorSize the sector size the guest sees, 0 for 512: VHDX takes 512 or 4096, the
 *     other formats only 512
 * @param sync whether the image is forced to stable storage ({@code fdatasync}) before it gets its
 *     final name; by default, like {@code qemu-img}, {@code cp} and {@code tar}, flushing is left to
 *     the operating system (the rename is atomic either way)
 */
public record WriteOptions(DiskFormat format, String subformat, long capacity, int compressionLevel, String adapterType,
        String hardwareVersion, Long contentSeed, int blockSize, int logicalSectorSize, boolean sync) {

    /** Checks the components. */
    public WriteOptions {
        Objects.requireNonNull(format, "format");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("compression level must be 1..9: " + compressionLevel);
        }
        Objects.requireNonNull(adapterType, "adapterType");
        Objects.requireNonNull(hardwareVersion, "hardwareVersion");
        if (blockSize < 0) {
            throw new IllegalArgumentException("block size must be positive (or 0 for the format's default): " + blockSize);
        }
        if (logicalSectorSize != 0 && logicalSectorSize != 512 && logicalSectorSize != 4096) {
            throw new IllegalArgumentException("logical sector size " + logicalSectorSize + " is not 512 or 4096");
        }
    }

    /**
     * Options without the format-specific knobs, as before block size, sector size and sync existed.
     */
    public WriteOptions(DiskFormat format, String subformat, long capacity, int compressionLevel, String adapterType,
            String hardwareVersion, Long contentSeed) {
        this(format, subformat, capacity, compressionLevel, adapterType, hardwareVersion, contentSeed, 0, 0, false);
    }

    /** The logical sector size in effect: {@link #logicalSectorSize()}, or 512 when it is 0. */
    public int sectorSize() {
        return logicalSectorSize == 0 ? 512 : logicalSectorSize;
    }

    /** A builder with the defaults: format's default subformat, level 6, lsilogic, hardware version 4, random ids. */
    public static Builder builder(DiskFormat format, long capacity) {
        return new Builder(format, capacity);
    }

    /** Builds {@link WriteOptions}. */
    public static final class Builder {
        private final DiskFormat format;
        private final long capacity;
        private String subformat;
        private int level = Deflater.DEFAULT_COMPRESSION == -1 ? 6 : Deflater.DEFAULT_COMPRESSION;
        private String adapterType = "lsilogic";
        private String hardwareVersion = "4";
        private Long seed;
        private int blockSize;
        private int logicalSectorSize;
        private boolean sync;

        private Builder(DiskFormat format, long capacity) {
            this.format = format;
            this.capacity = capacity;
        }

        /** The variant of the format. */
        public Builder subformat(String s) {
            this.subformat = s;
            return this;
        }

        /** Deflate level 1..9. */
        public Builder compressionLevel(int l) {
            this.level = l;
            return this;
        }

        /** VMDK adapter type. */
        public Builder adapterType(String a) {
            this.adapterType = a;
            return this;
        }

        /** VMDK virtual hardware version. */
        public Builder hardwareVersion(String v) {
            this.hardwareVersion = v;
            return this;
        }

        /** Derive identifiers from {@code seed} (reproducible output). */
        public Builder contentSeed(long s) {
            this.seed = s;
            return this;
        }

        /** The allocation unit (VHDX block, QCOW2 cluster) in bytes; 0 for the format's default. */
        public Builder blockSize(int bytes) {
            this.blockSize = bytes;
            return this;
        }

        /** The logical sector size, 512 or 4096 (VHDX only); 0 for 512. */
        public Builder logicalSectorSize(int bytes) {
            this.logicalSectorSize = bytes;
            return this;
        }

        /** Force the image to stable storage before it gets its final name (default: no). */
        public Builder sync(boolean s) {
            this.sync = s;
            return this;
        }

        /** The options. */
        public WriteOptions build() {
            return new WriteOptions(format, subformat, capacity, level, adapterType, hardwareVersion, seed, blockSize,
                    logicalSectorSize, sync);
        }
    }
}
