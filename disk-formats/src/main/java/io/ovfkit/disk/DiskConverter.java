package io.ovfkit.disk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Converts a {@link DiskImage} into a {@link DiskWriter} in one pass over the source and in
 * bounded memory, whatever the disk size:
 *
 * <pre>
 * source allocation map ─ producer cuts DATA runs into batches ─ readers: positional reads, several in flight
 *                                                               ─ workers: zero detection + encode (compress)
 *                                                               ─ writer: blocks in ascending order → target
 * </pre>
 *
 * Unallocated and zero runs of the source are never read. At least {@value #MIN_READERS} reads are
 * in flight at once (more with more threads), so that a disk that is not in the page cache is
 * read with a queue depth, as qemu-img does with its parallel requests; a single sequential
 * reader left the storage idle between requests. At most {@code 2 × threads + 2} batches are in
 * flight when the target compresses, and the readers' batches plus two when it only copies, so
 * memory is bounded by the batch size and the thread count, never by the disk. Batch buffers are
 * page-aligned ({@link DirectBuffers}), which the kernel's copies need for full speed.
 * The output bytes do not depend on the thread count: blocks are written strictly in order.
 *
 * <p>A {@linkplain DiskImage#sequential() sequential} source (an image read from a stream) is read
 * batch after batch on one thread, in ascending order, asking its map for each batch just before
 * reading it; zero detection and compression still run on all workers.
 *
 * <p>Thread-safety: immutable ({@link Builder} is not: build on one thread). One converter may run
 * several {@link #convert} calls at once from different threads, each with its own source and target:
 * every call has its own pools and buffers. A call's threads (daemon, named {@code ovfkit-disk-N}) are
 * told to stop before it returns, whether it succeeds or fails, and end within moments.
 * {@code DiskConverterStressTest} checks byte-identical output for 1…N threads and shared use, and that
 * no {@code ovfkit-} thread outlives the calls.
 */
public final class DiskConverter {
    private static final long WINDOW = 256L << 20;
    /**
     * Reads in flight however few worker threads there are. With 2 MiB batches and a disk not in
     * the page cache, 1, 2 and 4 readers were within the noise of each other (1 GiB, whole command,
     * 3 runs each: 0.59-0.66, 0.64-0.74 and 0.56-0.64 s; qemu-img 0.47-0.66 s); on a cached 4 GiB
     * disk 2 MiB × 2 readers took 0.64-0.68 s and 1 MiB × 4 readers 0.68-0.79 s.
     */
    static final int MIN_READERS = 2;

    private final int threads;
    private final int batchBytes;
    private final ProgressListener progress;

    private DiskConverter(Builder b) {
        this.threads = b.threads;
        this.batchBytes = b.batchBytes;
        this.progress = b.progress;
    }

    /** A builder: all cores, 2 MiB batches, no progress reports. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DiskConverter}s. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        /**
         * qemu-img's request size. 4 MiB batches (with 4 readers) were slower on a cached 4 GiB
         * disk, 0.67-0.74 s against 0.64-0.68 s: fewer, smaller batches stay in the processor's
         * cache between the read that fills them and the write that empties them.
         */
        private int batchBytes = 2 << 20;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** Worker threads for zero detection and compression (default: all cores). */
        public Builder threads(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("threads must be 1..1024: " + n);
            }
            this.threads = n;
            return this;
        }

        /** Bytes read per batch (rounded to the writer's block size; default 2 MiB). */
        public Builder batchBytes(int n) {
            if (n < 4096 || n > (256 << 20)) {
                throw new IllegalArgumentException("batch size must be 4 KiB..256 MiB: " + n);
            }
            this.batchBytes = n;
            return this;
        }

        /** Where progress goes. */
        public Builder progress(ProgressListener p) {
            this.progress = p == null ? ProgressListener.NONE : p;
            return this;
        }

        /** The converter. */
        public DiskConverter build() {
            return new DiskConverter(this);
        }
    }

    /**
     * What a conversion did.
     *
     * @param capacity guest bytes converted
     * @param bytesRead guest bytes read from the source (allocated data)
     * @param blocksWritten non-zero blocks given to the writer
     * @param zeroBlocks blocks read but found all zero, not written
     * @param elapsed wall time
     */
    public record Result(long capacity, long bytesRead, long blocksWritten, long zeroBlocks, Duration elapsed) {
    }

    private record Batch(long offset, int length, ByteBuffer buffer) {
    }

    /**
     * The batch buffers of one conversion: made when first needed, up to a limit (a small disk
     * never pays for the memory of a large one), then reused. Page-aligned ({@link DirectBuffers}):
     * the kernel copies into and out of them at full speed, and the channel reads into them and
     * writes from them without the JDK's intermediate copy.
     */
    private static final class BufferPool {
        private final BlockingQueue<ByteBuffer> free;
        private final int limit;
        private final int size;
        /** Buffers made so far: only the producer thread takes. */
        private int made;

        BufferPool(int limit, int size) {
            this.free = new ArrayBlockingQueue<>(limit);
            this.limit = limit;
            this.size = size;
        }

        /** A free buffer; waits when all {@code limit} are in use. Producer thread only. */
        ByteBuffer take() throws InterruptedException {
            ByteBuffer b = free.poll();
            if (b != null) {
                return b;
            }
            if (made < limit) {
                made++;
                return DirectBuffers.allocate(size);
            }
            return free.take();
        }

        /** Returns a buffer taken earlier. */
        void give(ByteBuffer b) {
            free.add(b);
        }
    }

    private record Done(Batch batch, List<EncodedBlock> blocks, int zeroBlocks) {
    }

    /**
     * Converts {@code source} into {@code target} and finishes the target. On failure the target
     * is left unfinished (its caller closes it, which deletes the partial output).
     *
     * @throws DiskFormatException when the source is corrupt or the target cannot hold it
     */
    public Result convert(DiskImage source, DiskWriter target) throws IOException {
        long start = System.nanoTime();
        long capacity = source.capacity();
        if (target.capacity() < capacity) {
            throw new DiskFormatException(null, -1, "the target holds " + target.capacity()
                    + " bytes, less than the source's " + capacity);
        }
        int bs = target.blockSize();
        int batch = Math.max(bs, (batchBytes / bs) * bs);
        int readerCount = Math.max(MIN_READERS, threads);
        // Compression needs a batch per worker besides those being read and written; a copy only
        // the ones being read, one being written and one ready: fewer buffers stay in the
        // processor's cache between the read and the write.
        int inFlight = target.encodes() ? 2 * threads + 2 : readerCount + 2;
        BufferPool buffers = new BufferPool(inFlight, batch);
        BlockingQueue<CompletableFuture<Done>> ordered = new ArrayBlockingQueue<>(inFlight + 1);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "ovfkit-disk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService workers = Executors.newFixedThreadPool(threads, tf);
        ExecutorService readers = Executors.newFixedThreadPool(readerCount, tf);
        List<DiskWriter.Scratch> scratches = new ArrayList<>();
        ThreadLocal<DiskWriter.Scratch> scratch = ThreadLocal.withInitial(() -> {
            DiskWriter.Scratch s = target.newScratch();
            synchronized (scratches) {
                scratches.add(s);
            }
            return s;
        });
        long[] read = new long[1];
        Thread producer = tf.newThread(source.sequential()
                ? () -> produceSequential(source, target, capacity, batch, buffers, ordered, workers, scratch, read)
                : () -> produce(source, target, capacity, bs, batch, buffers, ordered, readers, workers, scratch, read));
        producer.start();
        long written = 0;
        long zeros = 0;
        try {
            while (true) {
                CompletableFuture<Done> f = ordered.take();
                Done d;
                try {
                    d = f.join();
                } catch (CompletionException e) {
                    throw unwrap(e.getCause());
                }
                if (d == null) {
                    break;
                }
                target.write(d.blocks());
                written += d.blocks().size();
                zeros += d.zeroBlocks();
                buffers.give(d.batch().buffer());
                progress.progress(d.batch().offset() + d.batch().length(), capacity);
            }
            target.finish();
            progress.progress(capacity, capacity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("conversion interrupted");
        } finally {
            producer.interrupt();
            workers.shutdownNow();
            readers.shutdownNow();
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (scratches) {
                scratches.forEach(DiskWriter.Scratch::end);
            }
        }
        return new Result(capacity, read[0], written, zeros, Duration.ofNanos(System.nanoTime() - start));
    }

    private void produce(DiskImage source, DiskWriter target, long capacity, int bs, int batch,
            BufferPool buffers, BlockingQueue<CompletableFuture<Done>> ordered, ExecutorService readers,
            ExecutorService workers, ThreadLocal<DiskWriter.Scratch> scratch, long[] read) {
        boolean encodes = target.encodes();
        try {
            long next = 0;
            for (long w = 0; w < capacity; w += WINDOW) {
                long wlen = Math.min(WINDOW, capacity - w);
                for (Extent e : source.extents(w, wlen)) {
                    if (e.kind() != Extent.Kind.DATA) {
                        continue;
                    }
                    long from = Math.max(next, (e.offset() / bs) * bs);
                    long to = Math.min(capacity, ((e.end() + bs - 1) / bs) * bs);
                    for (long off = from; off < to; off += batch) {
                        int len = (int) Math.min(batch, to - off);
                        ByteBuffer buf = buffers.take();
                        read[0] += len;
                        Batch b = new Batch(off, len, buf);
                        CompletableFuture<Batch> r = CompletableFuture.supplyAsync(() -> read(source, b), readers);
                        // Zero detection alone is cheaper than handing the batch to another thread:
                        // the reader does it, while the data is still in its cache.
                        ordered.put(encodes ? r.thenApplyAsync(x -> encode(x, target, bs, scratch.get()), workers)
                                : r.thenApply(x -> encode(x, target, bs, null)));
                    }
                    next = Math.max(next, to);
                }
            }
            ordered.put(CompletableFuture.completedFuture(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            try {
                ordered.put(CompletableFuture.failedFuture(e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The producer for a {@linkplain DiskImage#sequential() sequential} source: batch after batch in
     * ascending order on this one thread, each read only when the source's map shows data in it.
     */
    private void produceSequential(DiskImage source, DiskWriter target, long capacity, int batch,
            BufferPool buffers, BlockingQueue<CompletableFuture<Done>> ordered, ExecutorService workers,
            ThreadLocal<DiskWriter.Scratch> scratch, long[] read) {
        boolean encodes = target.encodes();
        int bs = target.blockSize();
        try {
            for (long off = 0; off < capacity; off += batch) {
                int len = (int) Math.min(batch, capacity - off);
                boolean data = false;
                for (Extent e : source.extents(off, len)) {
                    data |= e.kind() == Extent.Kind.DATA;
                }
                if (!data) {
                    continue;
                }
                ByteBuffer buf = buffers.take();
                read[0] += len;
                Batch b = read(source, new Batch(off, len, buf));
                ordered.put(encodes ? CompletableFuture.supplyAsync(() -> encode(b, target, bs, scratch.get()), workers)
                        : CompletableFuture.completedFuture(encode(b, target, bs, null)));
            }
            ordered.put(CompletableFuture.completedFuture(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            try {
                ordered.put(CompletableFuture.failedFuture(e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Batch read(DiskImage source, Batch b) {
        try {
            source.read(b.offset(), b.buffer().clear().limit(b.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    private static Done encode(Batch b, DiskWriter target, int bs, DiskWriter.Scratch s) {
        List<EncodedBlock> out = new ArrayList<>();
        int zeros = 0;
        for (int i = 0; i < b.length(); i += bs) {
            int len = Math.min(bs, b.length() - i);
            ByteBuffer raw = b.buffer().slice(i, len);
            if (ZeroDetector.isZero(raw)) {
                zeros++;
                continue;
            }
            out.add(target.encodes() ? target.encode(b.offset() + i, raw, s)
                    : new EncodedBlock(b.offset() + i, len, raw));
        }
        return new Done(b, out, zeros);
    }

    private static IOException unwrap(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IOException(t);
    }
}
