package io.ovfkit.disk.vmdk;

import static io.ovfkit.disk.vmdk.VmdkWriters.DESCRIPTOR_SECTORS;
import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_BYTES;
import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_SECTORS;
import static io.ovfkit.disk.vmdk.VmdkWriters.GTES_PER_GT;
import static io.ovfkit.disk.vmdk.VmdkWriters.SECTOR;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Writes a streamOptimized VMDK in one forward pass, never seeking: VMware's layout (disk-formats.md
 * §2.4, "Layout A"), which is what a pipe, a socket or a tar entry of unknown size can take.
 *
 * <pre>
 * sector 0       header: version 3, flags 0x30001, deflate, gdOffset = GD_AT_END
 * sectors 1..20  embedded descriptor; zeros up to sector 128 (overHead)
 * per grain table (32 MiB of guest space) that has data, in guest order:
 *                grain marker (u64 lba, u32 size) + zlib data, padded to 512, for each non-zero grain
 *                GT marker + the grain table (512 sector pointers to the grain markers)
 * GD marker + grain directory (0 for grain tables without data), FOOTER marker + footer, EOS
 * </pre>
 *
 * {@link #encode} compresses on the caller's thread (a {@link io.ovfkit.disk.DiskConverter} worker, several at
 * once, each with its own {@code Scratch}) and returns the whole grain record; {@link #write} only appends
 * records in order and fills the grain table, on one thread: beyond that the writer is not thread-safe.
 * Memory: one grain table plus the grain directory (4 bytes per 32 MiB of guest space). Every
 * grain decompresses to a full 64 KiB, the last one zero-padded past the capacity (qemu and libvmdk
 * need the capacity end covered). The file must stay below 2 TiB (32-bit sector pointers); the
 * capacity itself may be larger when the data compresses or is sparse, up to qemu's bound of 32 Mi
 * grain tables (1 PiB). Passing 2 TiB while writing fails with a {@link DiskFormatException}.
 *
 * @see io.ovfkit.disk.DiskConverter
 */
public final class StreamOptimizedWriter implements DiskWriter {
    /** Sectors before the first grain (VMware, FreeBSD mkimg and rPath use 128: grains start at 64 KiB). */
    static final int OVERHEAD_SECTORS = 128;
    /** Largest file: every pointer is a 32-bit sector number. */
    static final long MAX_FILE_BYTES = VmdkWriters.MAX_POINTER_SECTORS * SECTOR;
    /** qemu's bound on grain directory entries. */
    static final long MAX_GTS = 32L << 20;
    private static final int MARKER_GT = 1;
    private static final int MARKER_GD = 2;
    private static final int MARKER_FOOTER = 3;
    private static final int BUFFER = 1 << 20;

    private final Path target;
    private final AtomicOutput file;
    private final WritableByteChannel out;
    private final long capacityBytes;
    private final int level;
    private final long maxFileBytes;
    private final SparseExtentHeader header;
    private final int[] gd;
    private final int[] gt = new int[GTES_PER_GT];
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long currentGt = -1;
    private boolean gtUsed;
    private long lastGrain = -1;
    private boolean finished;
    private boolean failed;

    private StreamOptimizedWriter(Path target, AtomicOutput file, WritableByteChannel out, VmdkWriters.Settings s,
            byte[] descriptor, long maxFileBytes) throws IOException {
        this.target = target;
        this.file = file;
        this.out = out;
        this.capacityBytes = s.capacityBytes();
        this.level = s.compressionLevel();
        this.maxFileBytes = maxFileBytes;
        this.header = new SparseExtentHeader(3, SparseExtentHeader.FLAG_NEWLINE_TEST | SparseExtentHeader.FLAG_COMPRESSED
                | SparseExtentHeader.FLAG_MARKERS, s.sectors(), GRAIN_SECTORS, 1, DESCRIPTOR_SECTORS, GTES_PER_GT, 0,
                SparseExtentHeader.GD_AT_END, OVERHEAD_SECTORS, 0, 1);
        this.gd = new int[Math.toIntExact(header.gtCount())];
        append(header.encode());
        ByteBuffer d = ByteBuffer.allocate((OVERHEAD_SECTORS - 1) * SECTOR);
        d.put(descriptor).clear();
        append(d);
    }

    /**
     * A streamOptimized file at {@code target}, written under a temporary name until finished.
     *
     * @throws DiskFormatException when the capacity needs more than 32 Mi grain tables
     */
    static StreamOptimizedWriter create(Path target, VmdkWriters.Settings s) throws IOException {
        return create(target, s, MAX_FILE_BYTES);
    }

    /** As {@link #create(Path, VmdkWriters.Settings)} with another file size limit (tests). */
    static StreamOptimizedWriter create(Path target, VmdkWriters.Settings s, long maxFileBytes) throws IOException {
        check(target, s);
        byte[] descriptor = VmdkWriters.embeddedDescriptor(target, s);
        AtomicOutput file = AtomicOutput.create(target, s.sync());
        try {
            return new StreamOptimizedWriter(target.toAbsolutePath(), file, file.channel(), s, descriptor, maxFileBytes);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * A streamOptimized VMDK written to {@code out} (a pipe, a socket, a tar entry) strictly in order,
     * never seeking. The caller keeps ownership of {@code out}; {@link #finish()} writes the tail and
     * {@link #close()} does not close {@code out}.
     *
     * @param fileName the name the descriptor's extent line gives the file ({@code disk1.vmdk})
     * @param options capacity, compression level, adapter type, hardware version, content seed
     * @throws IllegalArgumentException when {@code options} asks for another subformat
     */
    public static StreamOptimizedWriter toStream(WritableByteChannel out, String fileName, WriteOptions options)
            throws IOException {
        if (!"streamOptimized".equals(VmdkWriters.subformat(options.subformat()))) {
            throw new IllegalArgumentException("a VMDK written to a stream must be streamOptimized, not " + options.subformat());
        }
        Path name = Path.of(fileName);
        VmdkWriters.Settings s = VmdkWriters.settings(name, options, "streamOptimized");
        check(name, s);
        return new StreamOptimizedWriter(name, null, out, s, VmdkWriters.embeddedDescriptor(name, s), MAX_FILE_BYTES);
    }

    private static void check(Path target, VmdkWriters.Settings s) {
        long grains = (s.sectors() + GRAIN_SECTORS - 1) / GRAIN_SECTORS;
        long gts = (grains + GTES_PER_GT - 1) / GTES_PER_GT;
        if (gts > MAX_GTS) {
            throw new DiskFormatException(target, -1, "a streamOptimized VMDK addresses at most " + MAX_GTS
                    + " grain tables (1 PiB); " + s.capacityBytes() + " bytes need " + gts);
        }
    }

    @Override
    public long capacity() {
        return capacityBytes;
    }

    @Override
    public int blockSize() {
        return GRAIN_BYTES;
    }

    @Override
    public boolean encodes() {
        return true;
    }

    @Override
    public Scratch newScratch() {
        return new Scratch(level);
    }

    /**
     * Compresses one grain into its complete record: grain marker, zlib stream of the 64 KiB grain
     * (zero-padded when the block is shorter), zeros to the next sector boundary. Thread-safe.
     */
    @Override
    public EncodedBlock encode(long offset, ByteBuffer raw, Scratch scratch) {
        int length = raw.remaining();
        VmdkWriters.checkBlock(target, offset, length, capacityBytes, -1);
        ByteBuffer in = raw.duplicate();
        if (length < GRAIN_BYTES) {
            byte[] padded = new byte[GRAIN_BYTES];
            in.get(padded, 0, length);
            in = ByteBuffer.wrap(padded);
        }
        Deflater d = scratch.deflater();
        d.reset();
        d.setInput(in);
        d.finish();
        byte[] o = scratch.buffer(GRAIN_BYTES + GRAIN_BYTES / 8 + 1024);
        int n = 0;
        while (!d.finished()) {
            if (n == o.length) {
                o = Arrays.copyOf(o, o.length * 2);
            }
            n += d.deflate(o, n, o.length - n);
        }
        byte[] record = new byte[(12 + n + SECTOR - 1) / SECTOR * SECTOR];
        ByteBuffer r = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        r.putLong(0, offset / SECTOR);
        r.putInt(8, n);
        System.arraycopy(o, 0, record, 12, n);
        return new EncodedBlock(offset, length, ByteBuffer.wrap(record));
    }

    /**
     * Appends a record made by {@link #encode}; records come in ascending guest order.
     *
     * @throws IllegalArgumentException when the payload is not a grain record for the block's offset
     * @throws DiskFormatException when the file would pass 2 TiB
     */
    @Override
    public void write(EncodedBlock block) throws IOException {
        ensureWritable();
        long grain = VmdkWriters.checkBlock(target, block.offset(), block.length(), capacityBytes, lastGrain);
        ByteBuffer p = block.payload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = p.remaining() >= 12 ? p.getInt(p.position() + 8) : -1;
        if (p.remaining() < SECTOR || p.remaining() % SECTOR != 0 || p.getLong(p.position()) != block.offset() / SECTOR
                || size <= 0 || (12L + size + SECTOR - 1) / SECTOR * SECTOR != p.remaining()) {
            throw new IllegalArgumentException(target + ": the block at " + block.offset()
                    + " is not a grain record made by encode()");
        }
        try {
            long gtIndex = grain / GTES_PER_GT;
            if (gtIndex != currentGt) {
                flushGt();
                currentGt = gtIndex;
            }
            checkRoom(p.remaining());
            gt[(int) (grain % GTES_PER_GT)] = (int) (position / SECTOR);
            gtUsed = true;
            append(p);
            lastGrain = grain;
        } catch (IOException e) {
            failed = true;
            throw AtomicOutput.writeFailure(target, e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void flushGt() throws IOException {
        if (!gtUsed) {
            return;
        }
        ByteBuffer t = ByteBuffer.allocate(GTES_PER_GT * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e : gt) {
            t.putInt(e);
        }
        t.flip();
        checkRoom(SECTOR + t.remaining());
        append(marker(t.remaining() / SECTOR, MARKER_GT));
        gd[(int) currentGt] = (int) (position / SECTOR);
        append(t);
        Arrays.fill(gt, 0);
        gtUsed = false;
    }

    /** Writes the last grain table, the grain directory, the footer and the end-of-stream marker. */
    @Override
    public void finish() throws IOException {
        ensureWritable();
        try {
            flushGt();
            long gdSectors = header.gdSectors();
            checkRoom(SECTOR * (1 + gdSectors + 3));
            append(marker(gdSectors, MARKER_GD));
            long gdOffset = position / SECTOR;
            ByteBuffer chunk = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
            for (int e : gd) {
                if (!chunk.hasRemaining()) {
                    append(chunk.flip());
                    chunk.clear();
                }
                chunk.putInt(e);
            }
            chunk.flip();
            append(chunk);
            append(ByteBuffer.allocate((int) ((SECTOR - gd.length * 4L % SECTOR) % SECTOR)));
            append(marker(1, MARKER_FOOTER));
            append(header.withGdOffset(gdOffset).encode());
            append(ByteBuffer.allocate(SECTOR)); // end of stream
            flush();
            if (file != null) {
                file.commit();
            }
            finished = true;
        } catch (IOException e) {
            failed = true;
            throw AtomicOutput.writeFailure(target, e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Bytes written so far (the file size once finished). */
    public long size() {
        return position;
    }

    private void ensureWritable() {
        if (finished) {
            throw new IllegalStateException(target + ": the stream is already finished");
        }
        if (failed) {
            throw new IllegalStateException(target + ": an earlier write failed; the stream is incomplete");
        }
    }

    private void checkRoom(long n) {
        if (position + n > maxFileBytes) {
            failed = true;
            throw new DiskFormatException(target, position, "the streamOptimized file would pass " + maxFileBytes
                    + " bytes: its grain pointers are 32-bit sector numbers (2 TiB); the data of this "
                    + capacityBytes + "-byte disk does not compress enough. Write twoGbMaxExtentSparse or a flat VMDK instead");
        }
    }

    private static ByteBuffer marker(long sectors, int type) {
        ByteBuffer m = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        m.putLong(0, sectors);
        m.putInt(8, 0);
        m.putInt(12, type);
        return m;
    }

    private void append(ByteBuffer src) throws IOException {
        position += src.remaining();
        if (src.remaining() >= buffer.capacity()) {
            flush();
            writeFully(src);
            return;
        }
        while (src.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), src.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            buffer.put(part);
            src.position(src.position() + n);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Deletes the partial file unless {@link #finish()} succeeded; a stream is left to its owner. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
