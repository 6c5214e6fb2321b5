package io.ovfkit.disk.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Writes a raw disk image that looks used, for benchmarks: runs of 64 KiB to 4 MiB (4 KiB aligned,
 * like file system blocks) of three kinds, chosen by a seeded {@link Random}:
 *
 * <ul>
 *   <li><b>never written</b>: left as holes of the sparse file (read as zeros);</li>
 *   <li><b>compressible</b>: text like log files and configuration, which deflate shrinks about
 *       3-4×;</li>
 *   <li><b>random</b>: incompressible bytes (compressed or encrypted files, media).</li>
 * </ul>
 *
 * The same arguments give the same bytes. Usage:
 * {@code UsedDiskGenerator OUT SIZE [--seed N] [--never-written 0.45] [--compressible 0.30] [--random 0.25]}
 * where SIZE is bytes or a number with K, M, G or T (powers of 1024). The shares are weights (they
 * need not add up to 1).
 */
public final class UsedDiskGenerator {
    private static final int ALIGN = 4096;
    private static final int MIN_RUN = 64 << 10;
    private static final int MAX_RUN = 4 << 20;

    /** What kind a run is. */
    enum Kind { NEVER_WRITTEN, COMPRESSIBLE, RANDOM }

    private final long size;
    private final long seed;
    private final double neverWritten;
    private final double compressible;
    private final double random;

    /**
     * @param size bytes of the image
     * @param seed the seed of every choice
     * @param neverWritten weight of holes
     * @param compressible weight of text-like runs
     * @param random weight of incompressible runs
     */
    public UsedDiskGenerator(long size, long seed, double neverWritten, double compressible, double random) {
        if (size <= 0 || neverWritten < 0 || compressible < 0 || random < 0 || neverWritten + compressible + random <= 0) {
            throw new IllegalArgumentException("size and at least one share must be positive");
        }
        this.size = size;
        this.seed = seed;
        this.neverWritten = neverWritten;
        this.compressible = compressible;
        this.random = random;
    }

    /** Bytes written per kind, for the report. */
    public record Summary(long neverWritten, long compressible, long random) {
    }

    /** Writes the image to {@code out} (replacing it, so that the holes are holes). */
    public Summary write(Path out) throws IOException {
        Files.deleteIfExists(out);
        Random layout = new Random(seed);
        double total = neverWritten + compressible + random;
        long[] bytes = new long[3];
        byte[] buf = new byte[MAX_RUN];
        TextSource text = new TextSource(seed);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = 0;
            long run = 0;
            while (pos < size) {
                int len = (int) Math.min(size - pos,
                        (long) (MIN_RUN / ALIGN + layout.nextInt((MAX_RUN - MIN_RUN) / ALIGN + 1)) * ALIGN);
                double pick = layout.nextDouble() * total;
                Kind kind = pick < neverWritten ? Kind.NEVER_WRITTEN
                        : pick < neverWritten + compressible ? Kind.COMPRESSIBLE : Kind.RANDOM;
                switch (kind) {
                    case NEVER_WRITTEN -> { }
                    case COMPRESSIBLE -> text.fill(buf, len);
                    case RANDOM -> fillRandom(buf, len, seed * 0x9E3779B97F4A7C15L + run);
                }
                if (kind != Kind.NEVER_WRITTEN) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
                    long p = pos;
                    while (b.hasRemaining()) {
                        p += ch.write(b, p);
                    }
                }
                bytes[kind.ordinal()] += len;
                pos += len;
                run++;
            }
            // The file ends where the disk ends, even when the last run is a hole.
            if (ch.size() < size) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
        return new Summary(bytes[0], bytes[1], bytes[2]);
    }

    private static void fillRandom(byte[] buf, int len, long runSeed) {
        SplittableRandom r = new SplittableRandom(runSeed);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++) {
                buf[i + k] = (byte) (v >>> (k * 8));
            }
        }
        for (; i < len; i++) {
            buf[i] = (byte) r.nextInt();
        }
    }

    /**
     * Log-file-like text: timestamps, host and service names, levels, message templates drawn with
     * a skewed distribution, numbers and hexadecimal ids. Deflate (level 6)
     * shrinks it about 3-4×, as it does real logs and configuration.
     */
    public static final class TextSource {
        private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
        private final SplittableRandom r;
        private final String[] words;
        private final String[] services;
        private final String[] templates;
        private long clock = 1_700_000_000_000L;
        private byte[] pending = new byte[0];
        private int pendingPos;

        public TextSource(long seed) {
            this.r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            this.words = new String[4000];
            for (int i = 0; i < words.length; i++) {
                words[i] = word(2 + r.nextInt(9));
            }
            this.templates = new String[400];
            for (int i = 0; i < templates.length; i++) {
                StringBuilder t = new StringBuilder();
                int n = 3 + r.nextInt(10);
                for (int k = 0; k < n; k++) {
                    t.append(k == 0 ? "" : " ").append(words[skewed(words.length)]);
                }
                templates[i] = t.toString();
            }
            this.services = new String[24];
            for (int i = 0; i < services.length; i++) {
                services[i] = word(4 + r.nextInt(6)) + (r.nextBoolean() ? "d" : "-" + word(3));
            }
        }

        private String word(int n) {
            StringBuilder b = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            return b.toString();
        }

        /** Fills {@code buf[0, len)} with the next bytes of the text. */
        public void fill(byte[] buf, int len) {
            int i = 0;
            while (i < len) {
                if (pendingPos == pending.length) {
                    pending = line().getBytes(StandardCharsets.US_ASCII);
                    pendingPos = 0;
                }
                int n = Math.min(len - i, pending.length - pendingPos);
                System.arraycopy(pending, pendingPos, buf, i, n);
                i += n;
                pendingPos += n;
            }
        }

        private String line() {
            clock += r.nextInt(5000);
            StringBuilder b = new StringBuilder(160);
            long ms = clock;
            b.append(String.format(Locale.ROOT, "2023-11-%02dT%02d:%02d:%02d.%03dZ ", 14 + (int) (ms / 86_400_000L % 14),
                    ms / 3_600_000L % 24, ms / 60_000L % 60, ms / 1000 % 60, ms % 1000));
            b.append("node-").append(r.nextInt(8)).append(' ');
            b.append(services[skewed(services.length)]).append('[').append(1000 + r.nextInt(64)).append("]: ");
            b.append(LEVELS[r.nextInt(LEVELS.length)]).append(' ');
            // Real logs repeat a few hundred message templates with variable parts.
            b.append(templates[skewed(templates.length)]);
            int vars = r.nextInt(3);
            for (int k = 0; k < vars; k++) {
                b.append(r.nextBoolean() ? " id=" + r.nextInt(100_000)
                        : " ref=0x" + Long.toHexString(r.nextLong() & 0xFFFFFFFFL));
            }
            if (r.nextInt(4) == 0) {
                b.append(' ').append(words[skewed(words.length)]);
            }
            b.append('\n');
            return b.toString();
        }

        /** An index in [0, n) where small ones are much more likely (about Zipf-like). */
        private int skewed(int n) {
            double u = r.nextDouble();
            return (int) (n * u * u * u);
        }
    }

    /** Bytes, or a number with K, M, G or T (powers of 1024; KiB … TiB accepted too). */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        return Math.round(Double.parseDouble(t) * unit);
    }

    /** {@code OUT SIZE [--seed N] [--never-written W] [--compressible W] [--random W]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: UsedDiskGenerator OUT SIZE [--seed N] [--never-written 0.45] [--compressible 0.30]"
                    + " [--random 0.25]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long size = parseSize(args[1]);
        long seed = 1;
        double never = 0.45;
        double comp = 0.30;
        double rand = 0.25;
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--never-written" -> never = Double.parseDouble(v);
                case "--compressible" -> comp = Double.parseDouble(v);
                case "--random" -> rand = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long start = System.nanoTime();
        Summary s = new UsedDiskGenerator(size, seed, never, comp, rand).write(out);
        System.out.printf(Locale.ROOT, "%s: %d bytes: never written %d, compressible %d, random %d (seed %d, %.1f s)%n",
                out, size, s.neverWritten(), s.compressible(), s.random(), seed, (System.nanoTime() - start) / 1e9);
    }
}
