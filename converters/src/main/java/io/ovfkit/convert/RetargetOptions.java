package io.ovfkit.convert;

import io.ovfkit.disk.ProgressListener;
import io.ovfkit.signing.ManifestSigner;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Retargeter} writes: the signer of the new manifest, threads, progress, reproducible
 * output. Immutable and safe to share between threads, provided its signer and progress listener are;
 * {@link #defaults()} or {@link #builder()} (a builder is not thread-safe).
 */
public final class RetargetOptions {
    private final ManifestSigner signer;
    private final int threads;
    private final ProgressListener progress;
    private final boolean reproducible;
    private final Instant modificationTime;

    private RetargetOptions(Builder b) {
        this.signer = b.signer;
        this.threads = b.threads;
        this.progress = b.progress;
        this.reproducible = b.reproducible;
        this.modificationTime = b.modificationTime;
    }

    /** {@return no signer, all processors, no progress, not reproducible} */
    public static RetargetOptions defaults() {
        return builder().build();
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the signer of the new manifest (OVA outputs), if any} */
    public Optional<ManifestSigner> signer() {
        return Optional.ofNullable(signer);
    }

    /** {@return threads compressing disks} */
    public int threads() {
        return threads;
    }

    /** {@return where progress goes (bytes of guest disk done, total)} */
    public ProgressListener progress() {
        return progress;
    }

    /** {@return whether member times and disk identifiers are fixed (SOURCE_DATE_EPOCH, else 1970)} */
    public boolean reproducible() {
        return reproducible;
    }

    /** {@return the member time of reproducible output, if set explicitly} */
    public Optional<Instant> modificationTime() {
        return Optional.ofNullable(modificationTime);
    }

    /** The builder of {@link RetargetOptions}. Not thread-safe. */
    public static final class Builder {
        private ManifestSigner signer;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;
        private boolean reproducible;
        private Instant modificationTime;

        private Builder() {
        }

        /**
         * Signs the new manifest (OVA outputs); an input's old signature is dropped either way.
         *
         * @param s the signer, or {@code null} for none
         * @return this builder
         */
        public Builder signer(ManifestSigner s) {
            this.signer = s;
            return this;
        }

        /**
         * @param n threads compressing disks, at least 1
         * @return this builder
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * @param p where progress goes
         * @return this builder
         */
        public Builder progress(ProgressListener p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /**
         * @param on reproducible output
         * @return this builder
         */
        public Builder reproducible(boolean on) {
            this.reproducible = on;
            return this;
        }

        /**
         * @param t the member time of reproducible output
         * @return this builder
         */
        public Builder modificationTime(Instant t) {
            this.modificationTime = t;
            return this;
        }

        /** {@return the options} */
        public RetargetOptions build() {
            return new RetargetOptions(this);
        }
    }
}
