package io.ovfkit.ova.write;

import io.ovfkit.disk.ProgressListener;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.ManifestSigner;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a package is written: manifest digest, signature, compression, chunking, disk format,
 * timestamps and reproducibility. Immutable and safe to share between threads, provided its signer and
 * progress listener are; start from {@link #defaults()} or {@link #builder()} (a builder is not thread-safe).
 *
 * <p>Defaults, chosen for the widest acceptance: a SHA-256 manifest, no signature, no
 * {@code ovf:compression}, no {@code ovf:chunkSize} on a seekable target, streamOptimized VMDK
 * disks at deflate level 6, the time of the build as every member's modification time, random
 * identifiers inside the disks, all processors for disk compression. On a stream (a pipe) files
 * whose size cannot be known in advance are chunked at {@link #DEFAULT_STREAM_CHUNK_SIZE}.
 *
 * <p><b>Reproducible mode</b> ({@link Builder#reproducible(boolean)}): the modification time is
 * {@code SOURCE_DATE_EPOCH} (reproducible-builds.org) when that variable is set, else 0 (1970-01-01),
 * unless {@link Builder#modificationTime} gives one; the identifiers inside the disks are derived
 * from a seed (the same time in seconds, unless {@link Builder#contentSeed} gives one) and each
 * disk's name. With tar owners 0, a fixed member order and gzip headers without a time, the same
 * inputs and options then give the same bytes.
 */
public final class PackageOptions {
    /** The chunk size used on a stream for files of unknown size: 64 MiB, the memory one chunk takes. */
    public static final long DEFAULT_STREAM_CHUNK_SIZE = 64L << 20;
    /** The largest chunk that can be held in memory for a stream: 1 GiB. */
    public static final long MAX_BUFFERED_CHUNK_SIZE = 1L << 30;
    /** The environment variable of reproducible builds. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    private final DigestAlgorithm manifestDigest;
    private final ManifestSigner signer;
    private final DigestAlgorithm signatureDigest;
    private final int gzipLevel;
    private final Long chunkSize;
    private final long streamChunkSize;
    private final boolean reproducible;
    private final Instant modificationTime;
    private final Long contentSeed;
    private final DiskEncoding diskEncoding;
    private final int diskCompressionLevel;
    private final int threads;
    private final ProgressListener progress;
    private final boolean sync;

    private PackageOptions(Builder b) {
        this.manifestDigest = b.manifestDigest;
        this.signer = b.signer;
        this.signatureDigest = b.signatureDigest;
        this.gzipLevel = b.gzipLevel;
        this.chunkSize = b.chunkSize;
        this.streamChunkSize = b.streamChunkSize;
        this.reproducible = b.reproducible;
        Instant t = b.modificationTime;
        Long seed = b.contentSeed;
        if (t == null) {
            t = reproducible ? sourceDateEpoch(b.environment).orElse(Instant.EPOCH) : Instant.now();
        }
        if (seed == null && reproducible) {
            seed = t.getEpochSecond();
        }
        this.modificationTime = Instant.ofEpochSecond(t.getEpochSecond());
        this.contentSeed = seed;
        this.diskEncoding = b.diskEncoding;
        this.diskCompressionLevel = b.diskCompressionLevel;
        this.threads = b.threads;
        this.progress = b.progress;
        this.sync = b.sync;
    }

    /** The defaults (see the class description). */
    public static PackageOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The value of {@code SOURCE_DATE_EPOCH} in {@code environment}: seconds since 1970, an integer.
     *
     * @return empty when the variable is unset or blank
     * @throws IllegalArgumentException when it is set but not an integer
     */
    public static Optional<Instant> sourceDateEpoch(Map<String, String> environment) {
        String v = environment.get(SOURCE_DATE_EPOCH);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SOURCE_DATE_EPOCH + "=\"" + v
                    + "\" is not a number of seconds since 1970; reproducible output needs an integer or no variable", e);
        }
    }

    /** The manifest's digest algorithm; empty when no manifest is written. */
    public Optional<DigestAlgorithm> manifestDigest() {
        return Optional.ofNullable(manifestDigest);
    }

    /** What signs the manifest; empty when the package is not signed. */
    public Optional<ManifestSigner> signer() {
        return Optional.ofNullable(signer);
    }

    /** The digest of the signature: the one set, else the manifest's. */
    public DigestAlgorithm signatureDigest() {
        return signatureDigest != null ? signatureDigest : manifestDigest != null ? manifestDigest : DigestAlgorithm.DEFAULT;
    }

    /** The gzip level of {@code ovf:compression="gzip"}, 1..9; 0 when files are not compressed. */
    public int gzipLevel() {
        return gzipLevel;
    }

    /** The {@code ovf:chunkSize} every file is cut into; empty when files are chunked only where needed. */
    public OptionalLong chunkSize() {
        return chunkSize == null ? OptionalLong.empty() : OptionalLong.of(chunkSize);
    }

    /** The chunk size on a stream for files whose size is not known in advance. */
    public long streamChunkSize() {
        return streamChunkSize;
    }

    /** Whether the output is reproducible. */
    public boolean reproducible() {
        return reproducible;
    }

    /** The modification time of every member (whole seconds). */
    public Instant modificationTime() {
        return modificationTime;
    }

    /** The seed identifiers inside the disks derive from; empty for random identifiers. */
    public Optional<Long> contentSeed() {
        return Optional.ofNullable(contentSeed);
    }

    /** The format disks are converted into. */
    public DiskEncoding diskEncoding() {
        return diskEncoding;
    }

    /** The deflate level of the disks' grains, 1..9. */
    public int diskCompressionLevel() {
        return diskCompressionLevel;
    }

    /** Threads converting disks. */
    public int threads() {
        return threads;
    }

    /** Where progress goes: bytes of input (disk capacities, file sizes) processed out of the total. */
    public ProgressListener progress() {
        return progress;
    }

    /**
     * Whether the written files are forced to stable storage before they get their final names
     * (default: no; flushing is left to the operating system, as {@code tar} and {@code qemu-img} do).
     */
    public boolean sync() {
        return sync;
    }

    /** A builder with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.manifestDigest = manifestDigest;
        b.signer = signer;
        b.signatureDigest = signatureDigest;
        b.gzipLevel = gzipLevel;
        b.chunkSize = chunkSize;
        b.streamChunkSize = streamChunkSize;
        b.reproducible = reproducible;
        b.modificationTime = modificationTime;
        b.contentSeed = contentSeed;
        b.diskEncoding = diskEncoding;
        b.diskCompressionLevel = diskCompressionLevel;
        b.threads = threads;
        b.progress = progress;
        b.sync = sync;
        return b;
    }

    /** Builds {@link PackageOptions}. */
    public static final class Builder {
        private DigestAlgorithm manifestDigest = DigestAlgorithm.DEFAULT;
        private ManifestSigner signer;
        private DigestAlgorithm signatureDigest;
        private int gzipLevel;
        private Long chunkSize;
        private long streamChunkSize = DEFAULT_STREAM_CHUNK_SIZE;
        private boolean reproducible;
        private Instant modificationTime;
        private Long contentSeed;
        private DiskEncoding diskEncoding = DiskEncoding.STREAM_OPTIMIZED;
        private int diskCompressionLevel = 6;
        private boolean sync;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        /** The manifest's digest (default SHA256). */
        public Builder digest(DigestAlgorithm algorithm) {
            this.manifestDigest = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** No manifest (and so no signature). */
        public Builder noManifest() {
            this.manifestDigest = null;
            return this;
        }

        /** Signs the manifest with {@code s} ({@code null}: not signed). */
        public Builder signer(ManifestSigner s) {
            this.signer = s;
            return this;
        }

        /** The signature's digest, when it should differ from the manifest's. */
        public Builder signatureDigest(DigestAlgorithm algorithm) {
            this.signatureDigest = algorithm;
            return this;
        }

        /** Compresses every file with gzip ({@code ovf:compression="gzip"}) at level 6. */
        public Builder gzip(boolean on) {
            return gzipLevel(on ? 6 : 0);
        }

        /** Compresses every file with gzip at {@code level} 1..9; 0 turns compression off. */
        public Builder gzipLevel(int level) {
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("gzip level must be 1..9 (0: none): " + level);
            }
            this.gzipLevel = level;
            return this;
        }

        /** Cuts every file into {@code ovf:chunkSize} pieces ({@code null}: only where a stream needs it). */
        public Builder chunkSize(Long bytes) {
            if (bytes != null && bytes <= 0) {
                throw new IllegalArgumentException("chunk size must be positive: " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /** The chunk size on a stream for files of unknown size, held in memory one at a time (default 64 MiB, at most 1 GiB). */
        public Builder streamChunkSize(long bytes) {
            if (bytes <= 0 || bytes > MAX_BUFFERED_CHUNK_SIZE) {
                throw new IllegalArgumentException("stream chunk size must be 1 byte..1 GiB: " + bytes);
            }
            this.streamChunkSize = bytes;
            return this;
        }

        /** Reproducible output (see the class description). */
        public Builder reproducible(boolean on) {
            this.reproducible = on;
            return this;
        }

        /** The modification time of every member (default: now, or SOURCE_DATE_EPOCH in reproducible mode). */
        public Builder modificationTime(Instant t) {
            this.modificationTime = t;
            return this;
        }

        /** The seed of the disks' identifiers (default: random, or the modification time in reproducible mode). */
        public Builder contentSeed(Long seed) {
            this.contentSeed = seed;
            return this;
        }

        /** The disk format conversions write (default streamOptimized VMDK). */
        public Builder diskEncoding(DiskEncoding e) {
            this.diskEncoding = Objects.requireNonNull(e, "encoding");
            return this;
        }

        /** The deflate level of the disks' grains, 1..9 (default 6, as qemu-img and VMware). */
        public Builder diskCompressionLevel(int level) {
            if (level < 1 || level > 9) {
                throw new IllegalArgumentException("compression level must be 1..9: " + level);
            }
            this.diskCompressionLevel = level;
            return this;
        }

        /** Force the written files to stable storage before they get their final names (default: no). */
        public Builder sync(boolean on) {
            this.sync = on;
            return this;
        }

        /** Threads compressing disk grains (default: all processors); the output does not depend on it. */
        public Builder threads(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("threads must be 1..1024: " + n);
            }
            this.threads = n;
            return this;
        }

        /** Where progress goes (default: nowhere). */
        public Builder progress(ProgressListener p) {
            this.progress = p == null ? ProgressListener.NONE : p;
            return this;
        }

        /** The environment {@code SOURCE_DATE_EPOCH} is read from (default: the process's). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when a signature is asked for without a manifest, or
         *     SOURCE_DATE_EPOCH is needed and not an integer
         */
        public PackageOptions build() {
            if (signer != null && manifestDigest == null) {
                throw new IllegalArgumentException("a signature signs the manifest; it cannot be combined with no manifest");
            }
            return new PackageOptions(this);
        }
    }
}
