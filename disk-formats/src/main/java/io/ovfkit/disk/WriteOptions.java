package io.ovfkit.disk;

import java.util.Objects;
import java.util.zip.Deflater;

/**
 * What to write: format, subformat, guest size and the knobs of the format. Immutable; build with
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
 */
public record WriteOptions(DiskFormat format, String subformat, long capacity, int compressionLevel, String adapterType,
        String hardwareVersion, Long contentSeed) {

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

        /** The options. */
        public WriteOptions build() {
            return new WriteOptions(format, subformat, capacity, level, adapterType, hardwareVersion, seed);
        }
    }
}
