package io.ovfkit.disk.vhd;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DirectBuffers;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.FileBlockWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a VHD (disk-formats.md §3), {@code fixed} or {@code dynamic} (the default).
 *
 * <ul>
 *   <li><b>fixed</b>: the guest bytes (all-zero 64 KiB runs stay holes of the file) then the footer; the
 *       file length is the capacity + 512. Azure wants a whole number of MiB: callers choose the
 *       capacity (nothing is rounded beyond whole sectors).</li>
 *   <li><b>dynamic</b>: footer copy · dynamic header at 512 · BAT at 1536 with exactly
 *       {@code ceil(capacity / 2 MiB)} entries, padded to a sector with 0xFF · blocks of a 512-byte
 *       bitmap (all ones) and 2 MiB of data, appended in guest order · footer. The BAT is reserved,
 *       the blocks streamed and the BAT written at {@link #finish()} (one seek back).</li>
 * </ul>
 *
 * <p>Size: the footer's current size is the exact capacity (rounded up to a whole sector). The
 * creator application is {@code ovfk}; since qemu reads the CHS product instead of the current size
 * for creators it does not know, the geometry is the specification's (§7.1) only when its product
 * equals the capacity exactly, and otherwise 65535/16/255, which makes qemu use the current size (the
 * same geometry qemu's {@code force_size=on} writes). Hyper-V, Azure and VirtualBox read the current
 * size in every case. Capacity at most 2040 GiB (qemu's and Hyper-V's VHD limit).
 *
 * <p>Identifiers: the unique id is random and the timestamp the current time; with
 * {@link WriteOptions#contentSeed()} the unique id derives from the seed and the timestamp is
 * {@code SOURCE_DATE_EPOCH} when set, else 2000-01-01 (0).
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class VhdWriter extends FileBlockWriter {
    /** Largest virtual size: 0xFF000000 sectors (2040 GiB). */
    public static final long MAX_CAPACITY = 0xFF000000L * 512;
    static final int BLOCK = 2 << 20;
    /**
     * The unit of zero detection: all-zero 64 KiB runs are never written. In a fixed VHD they stay
     * holes of the file, as in a raw image; in a dynamic one they are holes inside a block that a
     * non-zero unit allocated (the block's sector bitmap says present, the host file reads zeros
     * there), which is what qemu-img writes too: about a quarter less data on a used disk than
     * whole 2 MiB blocks.
     */
    static final int UNIT = 64 << 10;
    static final int BITMAP = 512;
    static final long BAT_OFFSET = 1536;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final AtomicOutput file;
    /** The sector bitmap of a fully written block, queued before each block's data. */
    private static final ByteBuffer FULL_BITMAP = fullBitmap();
    private final boolean dynamic;
    private final long capacity;
    private final VhdFooter footer;
    private final int[] bat;
    private final long dataStart;
    private long next;
    private boolean finished;

    private VhdWriter(Path target, AtomicOutput file, boolean dynamic, long capacity, VhdFooter footer) {
        super(file, target);
        this.target = target;
        this.file = file;
        this.dynamic = dynamic;
        this.capacity = capacity;
        this.footer = footer;
        if (dynamic) {
            int n = (int) ((capacity + BLOCK - 1) / BLOCK);
            this.bat = new int[n];
            Arrays.fill(bat, -1);
            this.dataStart = BAT_OFFSET + (4L * n + 511) / 512 * 512;
        } else {
            this.bat = null;
            this.dataStart = 0;
        }
        this.next = dataStart;
    }

    /**
     * A VHD writer of {@code options.subformat()} ({@code dynamic} when null, or {@code fixed}).
     *
     * @throws IllegalArgumentException for another subformat
     * @throws DiskFormatException when the capacity exceeds 2040 GiB
     */
    public static VhdWriter create(Path target, WriteOptions options) throws IOException {
        String sub = options.subformat() == null ? "dynamic" : options.subformat().toLowerCase(Locale.ROOT);
        if (!sub.equals("dynamic") && !sub.equals("fixed")) {
            throw new IllegalArgumentException("unknown VHD subformat \"" + options.subformat() + "\"; expected fixed or dynamic");
        }
        long cap = (options.capacity() + 511) / 512 * 512;
        if (cap > MAX_CAPACITY) {
            throw new DiskFormatException(target, -1, "a VHD holds at most 2040 GiB (" + MAX_CAPACITY + " bytes); "
                    + cap + " bytes do not fit. Write VHDX or another format instead");
        }
        boolean dyn = sub.equals("dynamic");
        VhdFooter f = footerFor(cap, dyn ? VhdFooter.DYNAMIC : VhdFooter.FIXED, options.contentSeed());
        AtomicOutput out = AtomicOutput.create(target, options.sync());
        return new VhdWriter(target, out, dyn, cap, f);
    }

    static VhdFooter footerFor(long cap, int type, Long seed) {
        long sectors = cap / 512;
        int[] chs = VhdFooter.geometry(sectors);
        if ((long) chs[0] * chs[1] * chs[2] != sectors) {
            chs = new int[] {65535, 16, 255};
        }
        byte[] uuid = new byte[16];
        long ts;
        if (seed == null) {
            RANDOM.nextBytes(uuid);
            ts = System.currentTimeMillis() / 1000 - 946684800L;
        } else {
            uuid = Arrays.copyOf(sha256("ovfkit-vhd-ids", seed), 16);
            ts = sourceDateEpoch() - 946684800L;
        }
        uuid[6] = (byte) ((uuid[6] & 0x0F) | 0x40);
        uuid[8] = (byte) ((uuid[8] & 0x3F) | 0x80);
        ts = Math.max(0, Math.min(0xFFFFFFFFL, ts));
        return new VhdFooter(2, 0x00010000, type == VhdFooter.FIXED ? -1L : 512L, ts, "ovfk", 0x00010000, "Wi2k", cap, cap,
                chs[0], chs[1], chs[2], type, uuid, 0);
    }

    static long sourceDateEpoch() {
        String s = System.getenv("SOURCE_DATE_EPOCH");
        if (s != null) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // ignored: fall back to the epoch of the format
            }
        }
        return 946684800L;
    }

    static byte[] sha256(String label, long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(label.getBytes(StandardCharsets.US_ASCII));
            md.update(ByteBuffer.allocate(8).putLong(seed).array());
            return md.digest();
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
        return UNIT;
    }

    @Override
    protected void store(EncodedBlock block) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long off = block.offset();
        ByteBuffer data = block.payload().duplicate();
        if (!dynamic) {
            writes.queue(data, off);
        } else {
            int idx = (int) (off / BLOCK);
            if (bat[idx] == -1) {
                // The block's first non-zero unit: the block goes at the end of the file, its
                // bitmap first; the footer written after the last block covers its whole length.
                if (next / 512 >= 0xFFFFFFFFL) {
                    throw new DiskFormatException(target, next, "the file passed 2 TiB: BAT entries are 32-bit sector numbers");
                }
                bat[idx] = (int) (next / 512);
                writes.queue(FULL_BITMAP.duplicate(), next);
                next += BITMAP + BLOCK;
            }
            writes.queue(data, (bat[idx] & 0xFFFFFFFFL) * 512 + BITMAP + off % BLOCK);
        }
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        byte[] f = footer.encode();
        if (!dynamic) {
            writes.write(ByteBuffer.wrap(f), capacity);
        } else {
            writes.write(ByteBuffer.wrap(f), 0);
            byte[] h = new byte[1024];
            ByteBuffer hb = ByteBuffer.wrap(h);
            hb.put("cxsparse".getBytes(StandardCharsets.US_ASCII));
            hb.putLong(8, -1L).putLong(16, BAT_OFFSET).putInt(24, 0x00010000).putInt(28, bat.length).putInt(32, BLOCK);
            hb.putInt(36, VhdFooter.checksum(h, 0, 1024, 36));
            writes.write(ByteBuffer.wrap(h), 512);
            ByteBuffer t = ByteBuffer.allocate((int) (dataStart - BAT_OFFSET));
            for (int e : bat) {
                t.putInt(e);
            }
            while (t.hasRemaining()) {
                t.put((byte) 0xFF);
            }
            writes.write(t.flip(), BAT_OFFSET);
            writes.write(ByteBuffer.wrap(f), next);
        }
        file.commit();
        finished = true;
    }


    @Override
    public void close() throws IOException {
        file.close();
    }

    private static ByteBuffer fullBitmap() {
        ByteBuffer b = DirectBuffers.allocate(BITMAP);
        while (b.hasRemaining()) {
            b.put((byte) 0xFF);
        }
        return b.flip().asReadOnlyBuffer();
    }
}
