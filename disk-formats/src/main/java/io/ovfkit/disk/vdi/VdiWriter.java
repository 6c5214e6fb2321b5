package io.ovfkit.disk.vdi;

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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a VirtualBox VDI 1.1 (disk-formats.md §6), {@code dynamic} (the default, image type 1) or
 * {@code fixed} (type 2), with VirtualBox's layout: a 400-byte header in sector 0, the block map at
 * 1 MiB, the data at the next MiB boundary after the map, 1 MiB blocks. Dynamic: blocks are
 * appended in guest order, blocks never written are free ({@code 0xFFFFFFFF}), and the map and the
 * allocated count are written at {@link #finish()} (reserve, stream, one seek back). Fixed: block
 * {@code i} at data index {@code i}, the whole data area present (zero blocks are holes of the file).
 * A capacity that is not a multiple of 512 is rounded up to whole sectors.
 *
 * <p>The creation and modification UUIDs are equal, random, or derived from
 * {@link WriteOptions#contentSeed()}; the linkage UUIDs are zero (a base image).
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class VdiWriter extends FileBlockWriter {
    static final int BLOCK = 1 << 20;
    static final long MAP_OFFSET = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final AtomicOutput file;
    private final FileChannel ch;
    private final boolean fixed;
    private final long capacity;
    private final int[] map;
    private final long offData;
    private final byte[] uuid;
    private final byte[] pad = new byte[BLOCK];
    private int allocated;
    private boolean finished;

    private VdiWriter(Path target, AtomicOutput file, boolean fixed, long capacity, byte[] uuid) {
        super(file, target);
        this.target = target;
        this.file = file;
        this.ch = file.channel();
        this.fixed = fixed;
        this.capacity = capacity;
        long n = (capacity + BLOCK - 1) / BLOCK;
        this.map = new int[(int) n];
        if (fixed) {
            for (int i = 0; i < map.length; i++) {
                map[i] = i;
            }
            allocated = map.length;
        } else {
            Arrays.fill(map, VdiImage.FREE);
        }
        this.offData = (MAP_OFFSET + 4 * n + BLOCK - 1) / BLOCK * BLOCK;
        this.uuid = uuid;
    }

    /**
     * A VDI writer of {@code options.subformat()} ({@code dynamic} when null, or {@code fixed}).
     *
     * @throws IllegalArgumentException for another subformat
     * @throws DiskFormatException when the disk needs more than {@link VdiImage#MAX_BLOCKS} blocks
     */
    public static VdiWriter create(Path target, WriteOptions options) throws IOException {
        String sub = options.subformat() == null ? "dynamic" : options.subformat().toLowerCase(Locale.ROOT);
        if (!sub.equals("dynamic") && !sub.equals("fixed")) {
            throw new IllegalArgumentException("unknown VDI subformat \"" + options.subformat() + "\"; expected fixed or dynamic");
        }
        long cap = (options.capacity() + 511) / 512 * 512;
        if ((cap + BLOCK - 1) / BLOCK > VdiImage.MAX_BLOCKS) {
            throw new DiskFormatException(target, -1, "a VDI written by ovfkit holds at most " + VdiImage.MAX_BLOCKS
                    + " blocks of 1 MiB (16 TiB); " + cap + " bytes do not fit");
        }
        byte[] u = new byte[16];
        if (options.contentSeed() == null) {
            RANDOM.nextBytes(u);
        } else {
            u = Arrays.copyOf(sha256(options.contentSeed()), 16);
        }
        // RTUUID is stored little-endian in its first three fields: version nibble in byte 7.
        u[7] = (byte) ((u[7] & 0x0F) | 0x40);
        u[8] = (byte) ((u[8] & 0x3F) | 0x80);
        return new VdiWriter(target, AtomicOutput.create(target, options.sync()), sub.equals("fixed"), cap, u);
    }

    private static byte[] sha256(long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("ovfkit-vdi-ids".getBytes(StandardCharsets.US_ASCII));
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
        return BLOCK;
    }

    @Override
    protected void store(EncodedBlock block) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long off = block.offset();
        int idx = (int) (off / BLOCK);
        ByteBuffer data = block.payload().duplicate();
        if (data.remaining() < BLOCK) {
            Arrays.fill(pad, (byte) 0);
            data.get(pad, 0, data.remaining());
            data = ByteBuffer.wrap(pad);
        }
        if (!fixed) {
            map[idx] = allocated++;
        }
        writes.queue(data, offData + (long) map[idx] * BLOCK);
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        byte[] h = new byte[512];
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        byte[] text = "<<< Oracle VM VirtualBox Disk Image >>>\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, h, 0, text.length);
        b.putInt(64, VdiImage.SIGNATURE).putInt(68, VdiImage.VERSION_1_1).putInt(72, 400).putInt(76, fixed ? 2 : 1).putInt(80, 0);
        b.putInt(340, (int) MAP_OFFSET).putInt(344, (int) offData);
        b.putInt(348 + 12, 512); // legacy geometry: C/H/S zero (VirtualBox decides), sector size 512
        b.putLong(368, capacity).putInt(376, BLOCK).putInt(380, 0).putInt(384, map.length).putInt(388, allocated);
        System.arraycopy(uuid, 0, h, 392, 16);
        System.arraycopy(uuid, 0, h, 408, 16);
        b.putInt(456 + 12, 512); // LCHS geometry: zero (auto), sector size 512
        writes.write(ByteBuffer.wrap(h), 0);
        ByteBuffer m = ByteBuffer.allocate(map.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e : map) {
            m.putInt(e);
        }
        writes.write(m.flip(), MAP_OFFSET);
        long end = offData + (long) allocated * BLOCK;
        if (ch.size() < end) {
            writes.write(ByteBuffer.allocate(1), end - 1);
        }
        file.commit();
        finished = true;
    }


    @Override
    public void close() throws IOException {
        file.close();
    }
}
