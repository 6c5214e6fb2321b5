package io.ovfkit.disk.vhdx;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.FileBlockWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a VHDX (disk-formats.md §4), {@code dynamic} (the default) or {@code fixed}.
 *
 * <p>Layout: file identifier ({@code vhdxfile}, creator {@code ovfkit}) · header 1 at 64 KiB
 * (sequence 1) and header 2 at 128 KiB (sequence 2), log GUID zero · identical region tables at
 * 192 and 256 KiB (BAT and metadata, both marked required) · an empty 1 MiB log at 1 MiB · the BAT
 * at 2 MiB, {@code roundUp(entries × 8, 1 MiB)} long · the metadata region (1 MiB: table, then the
 * five items at region offset 64 KiB) · the payload blocks, each 1 MiB-aligned.
 *
 * <ul>
 *   <li><b>dynamic</b>: a block is allocated when the first non-zero piece of it arrives and
 *       appended after the previous one, in guest order; the rest of it stays zero (holes of the
 *       file). Blocks never written are NOT_PRESENT with offset 0. The BAT is reserved, the data
 *       streamed and the BAT written at {@link #finish()} with one seek back.</li>
 *   <li><b>fixed</b>: LeaveBlocksAllocated = 1; every block FULLY_PRESENT, contiguous from the
 *       data start (zero blocks stay holes).</li>
 * </ul>
 *
 * <p>Defaults: 32 MiB blocks (Hyper-V's default), 512-byte logical sectors (the only size qemu
 * opens), 4096-byte physical sectors. {@link #create(Path, WriteOptions, int, int)} chooses the
 * block size (1 to 256 MiB, a power of 2) and the logical sector size (512 or 4096). The virtual
 * size is the capacity rounded up to a whole logical sector, at most 64 TiB. The converter feeds
 * 1 MiB pieces ({@link #blockSize()}), so zero detection works at 1 MiB whatever the VHDX block size.
 *
 * <p>Identifiers (file write, data write and page 83 GUIDs) are random, or derived from
 * {@link WriteOptions#contentSeed()} when it is set.
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class VhdxWriter extends FileBlockWriter {
    /** Default block size, Hyper-V's. */
    public static final int DEFAULT_BLOCK_SIZE = 32 << 20;
    static final long LOG_OFFSET = Vhdx.MIB;
    static final long LOG_LENGTH = Vhdx.MIB;
    static final long BAT_OFFSET = 2 * Vhdx.MIB;
    /**
     * The unit of zero detection: all-zero 64 KiB runs inside an allocated block are never written
     * and stay holes of the file (reading as zeros), as qemu-img leaves them.
     */
    static final int PIECE = 64 << 10;

    private final Path target;
    private final AtomicOutput file;
    private final FileChannel ch;
    private final boolean fixed;
    private final long capacity;
    private final int bs;
    private final int lss;
    private final long chunkRatio;
    private final long[] bat;
    private final long batLength;
    private final long mdOffset;
    private final long dataStart;
    private final UUID fileWrite;
    private final UUID dataWrite;
    private final UUID page83;
    private long next;
    private long currentBlock = -1;
    private boolean finished;

    private VhdxWriter(Path target, AtomicOutput file, boolean fixed, long capacity, int bs, int lss, Long seed) {
        super(file, target);
        this.target = target;
        this.file = file;
        this.ch = file.channel();
        this.fixed = fixed;
        this.capacity = capacity;
        this.bs = bs;
        this.lss = lss;
        this.chunkRatio = (1L << 23) * lss / bs;
        long blocks = (capacity + bs - 1) / bs;
        this.bat = new long[(int) (blocks + (blocks - 1) / chunkRatio)];
        this.batLength = roundMiB(bat.length * 8L);
        this.mdOffset = BAT_OFFSET + batLength;
        this.dataStart = mdOffset + Vhdx.MIB;
        this.next = dataStart;
        if (seed == null) {
            fileWrite = UUID.randomUUID();
            dataWrite = UUID.randomUUID();
            page83 = UUID.randomUUID();
        } else {
            fileWrite = seeded("file-write", seed);
            dataWrite = seeded("data-write", seed);
            page83 = seeded("page83", seed);
        }
        if (fixed) {
            for (long i = 0; i < blocks; i++) {
                bat[(int) (i + i / chunkRatio)] = ((dataStart + i * bs) & 0xFFFFFFFFFFF00000L) | Vhdx.FULLY_PRESENT;
            }
        }
    }

    private static long roundMiB(long v) {
        return (v + Vhdx.MIB - 1) / Vhdx.MIB * Vhdx.MIB;
    }

    /**
     * A VHDX writer of {@code options.subformat()} ({@code dynamic} when null, or {@code fixed}) with
     * {@link WriteOptions#blockSize()} (32 MiB when 0) and {@link WriteOptions#sectorSize()}.
     */
    public static VhdxWriter create(Path target, WriteOptions options) throws IOException {
        return create(target, options, options.blockSize() == 0 ? DEFAULT_BLOCK_SIZE : options.blockSize(),
                options.sectorSize());
    }

    /**
     * A VHDX writer with the given block size (a power of 2 from 1 to 256 MiB) and logical sector
     * size (512 or 4096; qemu opens only 512).
     *
     * @throws IllegalArgumentException for an unknown subformat, block or sector size
     * @throws DiskFormatException when the capacity exceeds 64 TiB
     */
    public static VhdxWriter create(Path target, WriteOptions options, int blockSize, int logicalSectorSize)
            throws IOException {
        String sub = options.subformat() == null ? "dynamic" : options.subformat().toLowerCase(Locale.ROOT);
        if (!sub.equals("dynamic") && !sub.equals("fixed")) {
            throw new IllegalArgumentException("unknown VHDX subformat \"" + options.subformat() + "\"; expected fixed or dynamic");
        }
        if (blockSize < Vhdx.MIB || blockSize > 256 * Vhdx.MIB || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("VHDX block size " + blockSize + " is not a power of 2 from 1 MiB to 256 MiB");
        }
        if (logicalSectorSize != 512 && logicalSectorSize != 4096) {
            throw new IllegalArgumentException("VHDX logical sector size " + logicalSectorSize + " is not 512 or 4096");
        }
        long cap = (options.capacity() + logicalSectorSize - 1) / logicalSectorSize * logicalSectorSize;
        if (cap > VhdxImage.MAX_SIZE) {
            throw new DiskFormatException(target, -1, "a VHDX holds at most 64 TiB; " + cap + " bytes do not fit");
        }
        long blocks = (cap + blockSize - 1) / blockSize;
        if (blocks > VhdxImage.MAX_BAT_ENTRIES) {
            throw new DiskFormatException(target, -1, cap + " bytes need " + blocks + " blocks of " + blockSize
                    + " bytes; choose a larger block size");
        }
        AtomicOutput out = AtomicOutput.create(target, options.sync());
        return new VhdxWriter(target, out, sub.equals("fixed"), cap, blockSize, logicalSectorSize, options.contentSeed());
    }

    private static UUID seeded(String label, long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("ovfkit-vhdx-" + label).getBytes(StandardCharsets.US_ASCII));
            md.update(ByteBuffer.allocate(8).putLong(seed).array());
            ByteBuffer d = ByteBuffer.wrap(md.digest());
            long msb = (d.getLong() & ~0xF000L) | 0x4000L;
            long lsb = (d.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public int blockSize() {
        return PIECE;
    }

    @Override
    protected void store(EncodedBlock block) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long off = block.offset();
        long vb = off / bs;
        long base;
        if (fixed) {
            base = dataStart + vb * bs;
        } else {
            if (vb != currentBlock) {
                bat[(int) (vb + vb / chunkRatio)] = next | Vhdx.FULLY_PRESENT;
                currentBlock = vb;
                next += bs;
            }
            base = bat[(int) (vb + vb / chunkRatio)] & 0xFFFFFFFFFFF00000L;
        }
        writes.queue(block.payload().duplicate(), base + off % bs);
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long end = fixed ? dataStart + (capacity + bs - 1) / bs * bs : next;
        // Identifier.
        ByteBuffer id = ByteBuffer.allocate(64 * 1024);
        id.put("vhdxfile".getBytes(StandardCharsets.US_ASCII)).put("ovfkit".getBytes(StandardCharsets.UTF_16LE));
        writes.write(id.clear(), 0);
        writes.write(ByteBuffer.wrap(header(1)), Vhdx.HEADER1);
        writes.write(ByteBuffer.wrap(header(2)), Vhdx.HEADER2);
        byte[] rt = regionTable();
        writes.write(ByteBuffer.wrap(rt), Vhdx.REGION1);
        writes.write(ByteBuffer.wrap(rt), Vhdx.REGION2);
        ByteBuffer t = ByteBuffer.allocate((int) batLength).order(ByteOrder.LITTLE_ENDIAN);
        for (long e : bat) {
            t.putLong(e);
        }
        writes.write(t.clear(), BAT_OFFSET);
        writes.write(ByteBuffer.wrap(metadata()), mdOffset);
        if (ch.size() < end) {
            // The last block ends in zeros: extend the file over it.
            writes.write(ByteBuffer.allocate(1), end - 1);
        }
        file.commit();
        finished = true;
    }

    private byte[] header(long seq) {
        byte[] h = new byte[Vhdx.HEADER_SIZE];
        ByteBuffer b = Vhdx.le(h);
        b.put("head".getBytes(StandardCharsets.US_ASCII));
        b.putLong(8, seq);
        b.put(16, Vhdx.guidBytes(fileWrite));
        b.put(32, Vhdx.guidBytes(dataWrite));
        b.putShort(64, (short) 0).putShort(66, (short) 1).putInt(68, (int) LOG_LENGTH).putLong(72, LOG_OFFSET);
        b.putInt(4, Vhdx.crc(h, 0, h.length, 4));
        return h;
    }

    private byte[] regionTable() {
        byte[] t = new byte[Vhdx.REGION_SIZE];
        ByteBuffer b = Vhdx.le(t);
        b.put("regi".getBytes(StandardCharsets.US_ASCII));
        b.putInt(8, 2);
        b.put(16, Vhdx.guidBytes(Vhdx.BAT)).putLong(32, BAT_OFFSET).putInt(40, (int) batLength).putInt(44, 1);
        b.put(48, Vhdx.guidBytes(Vhdx.METADATA)).putLong(64, mdOffset).putInt(72, (int) Vhdx.MIB).putInt(76, 1);
        b.putInt(4, Vhdx.crc(t, 0, t.length, 4));
        return t;
    }

    private byte[] metadata() {
        byte[] m = new byte[(int) Vhdx.MIB];
        ByteBuffer b = Vhdx.le(m);
        b.put("metadata".getBytes(StandardCharsets.US_ASCII));
        b.putShort(10, (short) 5);
        int at = 64 * 1024;
        // File parameters, virtual disk size, page 83, logical and physical sector size.
        Object[][] items = {
            {Vhdx.FILE_PARAMETERS, 8, 4}, {Vhdx.VIRTUAL_DISK_SIZE, 8, 6}, {Vhdx.PAGE83, 16, 6},
            {Vhdx.LOGICAL_SECTOR, 4, 6}, {Vhdx.PHYSICAL_SECTOR, 4, 6}};
        for (int i = 0; i < items.length; i++) {
            int e = 32 + 32 * i;
            int len = (Integer) items[i][1];
            b.put(e, Vhdx.guidBytes((UUID) items[i][0])).putInt(e + 16, at).putInt(e + 20, len).putInt(e + 24, (Integer) items[i][2]);
            switch (i) {
                case 0 -> b.putInt(at, bs).putInt(at + 4, fixed ? 1 : 0);
                case 1 -> b.putLong(at, capacity);
                case 2 -> b.put(at, Vhdx.guidBytes(page83));
                case 3 -> b.putInt(at, lss);
                default -> b.putInt(at, 4096);
            }
            at += len;
        }
        return m;
    }


    @Override
    public void close() throws IOException {
        file.close();
    }
}
