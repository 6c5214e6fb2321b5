package io.ovfkit.signing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Digests of files, channels and byte arrays, read with large buffers; several files in parallel.
 *
 * <p>Stateless; safe to call from any thread: each call uses its own {@code MessageDigest} and buffers,
 * and a parallel call its own pool of daemon threads ({@code ovfkit-digest-N}), shut down before it
 * returns.
 */
public final class Digests {
    /** Read buffer per file: 1 MiB, large enough that system calls do not dominate. */
    static final int BUFFER_SIZE = 1 << 20;

    private Digests() {
    }

    /**
     * The digest of a byte array.
     *
     * @param data the bytes
     * @param algorithm the digest algorithm
     * @return the digest
     */
    public static Digest of(byte[] data, DigestAlgorithm algorithm) {
        return Digest.of(algorithm, algorithm.newMessageDigest().digest(data));
    }

    /**
     * The digest of a whole file, read sequentially with a 1 MiB buffer.
     *
     * @param file the file
     * @param algorithm the digest algorithm
     * @return the digest
     * @throws IOException when the file cannot be read
     */
    public static Digest of(Path file, DigestAlgorithm algorithm) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return of(ch, algorithm);
        }
    }

    /**
     * The digest of everything left in a channel, which is read to its end but not closed.
     *
     * @param channel the source
     * @param algorithm the digest algorithm
     * @return the digest
     * @throws IOException when the channel fails
     */
    public static Digest of(ReadableByteChannel channel, DigestAlgorithm algorithm) throws IOException {
        MessageDigest md = algorithm.newMessageDigest();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
        byte[] array = buf.array();
        int n;
        while ((n = channel.read(buf)) >= 0) {
            if (n > 0) {
                md.update(array, 0, buf.position());
                buf.clear();
            }
        }
        md.update(array, 0, buf.position());
        return Digest.of(algorithm, md.digest());
    }

    /**
     * The digests of several files, computed in parallel, one file per thread, on as many threads as
     * there are processors (at most one per file).
     *
     * @param files the files
     * @param algorithm the digest algorithm
     * @return each file's digest, in the order of {@code files} (unmodifiable)
     * @throws IOException the first failure, naming its file
     */
    public static Map<Path, Digest> ofAll(List<Path> files, DigestAlgorithm algorithm) throws IOException {
        return ofAll(files, algorithm, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The digests of several files, computed in parallel on at most {@code threads} threads. Each
     * thread holds one 1 MiB buffer, so memory stays bounded whatever the number of files.
     *
     * @param files the files (duplicates are hashed once)
     * @param algorithm the digest algorithm
     * @param threads the largest number of files read at once, at least 1
     * @return each file's digest, in the order of {@code files} (unmodifiable)
     * @throws IOException the first failure, naming its file
     */
    public static Map<Path, Digest> ofAll(List<Path> files, DigestAlgorithm algorithm, int threads)
            throws IOException {
        Objects.requireNonNull(algorithm, "algorithm");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path p : files) {
            seen.add(Objects.requireNonNull(p, "file"));
        }
        List<Path> unique = new ArrayList<>(seen);
        Map<Path, Digest> out = new LinkedHashMap<>();
        if (unique.size() <= 1 || threads == 1) {
            for (Path p : unique) {
                out.put(p, of(p, algorithm));
            }
            return Collections.unmodifiableMap(out);
        }
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, unique.size()), r -> {
            Thread t = new Thread(r, "ovfkit-digest-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Digest>> futures = new ArrayList<>();
            for (Path p : unique) {
                futures.add(pool.submit(() -> {
                    try {
                        return of(p, algorithm);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            for (int i = 0; i < unique.size(); i++) {
                out.put(unique.get(i), await(futures.get(i), unique.get(i)));
            }
            return Collections.unmodifiableMap(out);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Digest await(Future<Digest> f, Path file) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing " + file);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException("cannot hash " + file, c);
        }
    }
}
