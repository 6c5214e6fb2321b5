package io.ovfkit.ova;

import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * What one pass over a member's stored bytes tells: its size, its digests and its first bytes (for
 * recognising a disk's format when it cannot be opened in place).
 *
 * @param size bytes read
 * @param digests one digest per algorithm asked for
 * @param head the first {@value #HEAD} bytes at most
 */
record Scan(long size, Map<DigestAlgorithm, Digest> digests, byte[] head) {
    /** How many leading bytes a scan keeps. */
    static final int HEAD = 64 << 10;
    /** The buffers a scan reads with. */
    static final int BUFFER = 1 << 20;
    /** How many buffers are in flight between the reader thread and the digests. */
    static final int BUFFERS = 3;

    Scan {
        digests = Map.copyOf(digests);
    }

    /**
     * Reads {@code in} to its end (not closing it), digesting with {@code algorithms}. A reader
     * thread fills the next buffers while this one digests the current one (three 1 MiB buffers), so
     * that reading and hashing overlap.
     */
    static Scan of(ReadableByteChannel in, Set<DigestAlgorithm> algorithms) throws IOException {
        Map<DigestAlgorithm, MessageDigest> mds = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : algorithms) {
            mds.put(a, a.newMessageDigest());
        }
        byte[] head = new byte[HEAD];
        int headLength = 0;
        long size = 0;
        ArrayBlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(BUFFERS);
        ArrayBlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            empty.add(ByteBuffer.allocate(BUFFER));
        }
        ByteBuffer end = ByteBuffer.allocate(0);
        Throwable[] failure = new Throwable[1];
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    ByteBuffer b = empty.take();
                    b.clear();
                    boolean eof = false;
                    while (b.hasRemaining()) {
                        int n = in.read(b);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                    }
                    b.flip();
                    if (b.hasRemaining()) {
                        full.put(b);
                    }
                    if (eof) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                full.offer(end);
            }
        }, "ovfkit-read");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                ByteBuffer b = full.take();
                if (b == end) {
                    break;
                }
                int n = b.remaining();
                byte[] a = b.array();
                for (MessageDigest md : mds.values()) {
                    md.update(a, 0, n);
                }
                if (headLength < HEAD) {
                    int k = Math.min(HEAD - headLength, n);
                    System.arraycopy(a, 0, head, headLength, k);
                    headLength += k;
                }
                size += n;
                empty.put(b);
            }
            reader.join();
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (failure[0] instanceof IOException io) {
            throw io;
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error er) {
            throw er;
        }
        Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
        mds.forEach((a, md) -> out.put(a, Digest.of(a, md.digest())));
        return new Scan(size, out, java.util.Arrays.copyOf(head, headLength));
    }

    /** The scan of bytes held in memory. */
    static Scan of(byte[] bytes, Set<DigestAlgorithm> algorithms) {
        Map<DigestAlgorithm, Digest> out = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : algorithms) {
            out.put(a, Digest.of(a, a.newMessageDigest().digest(bytes)));
        }
        return new Scan(bytes.length, out, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, HEAD)));
    }
}
