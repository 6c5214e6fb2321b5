package io.ovfkit.disk.vmdk;

import static io.ovfkit.disk.vmdk.VmdkWriters.DESCRIPTOR_SECTORS;
import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_BYTES;
import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_SECTORS;
import static io.ovfkit.disk.vmdk.VmdkWriters.GTES_PER_GT;
import static io.ovfkit.disk.vmdk.VmdkWriters.SECTOR;

import io.ovfkit.disk.DiskFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One hosted sparse extent (disk-formats.md §2.2–2.3) written into a seekable file by
 * reserve-and-patch (§8.2 (3)): the metadata area is reserved from the extent size, grains are
 * appended in guest order from {@code overHead}, each grain table is written into its two reserved
 * places (redundant and primary copy) as soon as the grains it covers are done, and the header,
 * descriptor and both grain directories are written last. Memory: one grain table.
 *
 * <p>Layout, as qemu writes it (in sectors): {@code 0} header · {@code 1..20} embedded descriptor
 * (only when there is one) · redundant GD · its GTs · GD · its GTs · zeros up to {@code overHead}
 * (a multiple of 128) · grains. Version 1, flags {@code 0x3} (newline test, redundant GD), no
 * compression, GTE 0 for grains never written.
 */
final class SparseExtentWriter {
    private final FileChannel channel;
    private final Path file;
    private final long sectors;
    private final byte[] descriptor;
    private final long gtCount;
    private final long gdSectors;
    private final long rgdOffset;
    private final long gdOffset;
    private final long overHead;
    private final int[] gt = new int[GTES_PER_GT];
    private final byte[] pad = new byte[GRAIN_BYTES];
    private long currentGt = -1;
    private boolean gtUsed;
    private long nextSector;
    private long lastGrain = -1;

    /**
     * @param channel the extent file, empty, opened for writing
     * @param file its final name, for messages
     * @param sectors the extent's size in sectors
     * @param descriptor the embedded descriptor text, or {@code null} for none (a split extent)
     * @throws DiskFormatException when 32-bit sector pointers cannot address the extent
     */
    SparseExtentWriter(FileChannel channel, Path file, long sectors, byte[] descriptor) {
        this.channel = channel;
        this.file = file;
        this.sectors = sectors;
        this.descriptor = descriptor;
        long grains = (sectors + GRAIN_SECTORS - 1) / GRAIN_SECTORS;
        this.gtCount = (grains + GTES_PER_GT - 1) / GTES_PER_GT;
        this.gdSectors = (gtCount * 4 + SECTOR - 1) / SECTOR;
        long gtSectors = GTES_PER_GT * 4L / SECTOR;
        this.rgdOffset = 1 + (descriptor == null ? 0 : DESCRIPTOR_SECTORS);
        this.gdOffset = rgdOffset + gdSectors + gtSectors * gtCount;
        this.overHead = roundUp(gdOffset + gdSectors + gtSectors * gtCount, GRAIN_SECTORS);
        if (overHead + grains * GRAIN_SECTORS > VmdkWriters.MAX_POINTER_SECTORS) {
            throw tooLarge(file, sectors, descriptor != null);
        }
        this.nextSector = overHead;
    }

    /** Whether an extent of {@code sectors} fits 32-bit sector pointers even when every grain holds data. */
    static boolean addressable(long sectors, boolean withDescriptor) {
        long grains = (sectors + GRAIN_SECTORS - 1) / GRAIN_SECTORS;
        long gts = (grains + GTES_PER_GT - 1) / GTES_PER_GT;
        long gdSectors = (gts * 4 + SECTOR - 1) / SECTOR;
        long meta = 1 + (withDescriptor ? DESCRIPTOR_SECTORS : 0) + 2 * (gdSectors + 4 * gts);
        return roundUp(meta, GRAIN_SECTORS) + grains * GRAIN_SECTORS <= VmdkWriters.MAX_POINTER_SECTORS;
    }

    /** The largest extent, in sectors, whose grains 32-bit sector pointers can all address. */
    static long maxAddressableSectors(boolean withDescriptor) {
        long lo = 0;
        long hi = VmdkWriters.MAX_POINTER_SECTORS;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (addressable(mid, withDescriptor)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    static DiskFormatException tooLarge(Path file, long sectors, boolean withDescriptor) {
        return new DiskFormatException(file, -1, "a hosted sparse extent addresses its grains with 32-bit sector numbers, "
                + "so it holds less than 2 TiB (at most " + maxAddressableSectors(withDescriptor) * SECTOR + " bytes); "
                + sectors * SECTOR + " bytes do not fit. Write twoGbMaxExtentSparse, streamOptimized or a flat VMDK instead");
    }

    private static long roundUp(long v, long m) {
        return (v + m - 1) / m * m;
    }

    /**
     * Stores the grain {@code grain} of this extent (index within the extent); grains come in
     * ascending order. {@code data} is at most one grain; a shorter one is padded with zeros.
     */
    void grain(long grain, ByteBuffer data) throws IOException {
        if (grain <= lastGrain || grain * GRAIN_SECTORS >= sectors || data.remaining() > GRAIN_BYTES) {
            throw new IllegalStateException(file + ": grain " + grain + " is out of order or outside the extent");
        }
        long gtIndex = grain / GTES_PER_GT;
        if (gtIndex != currentGt) {
            flushGt();
            currentGt = gtIndex;
        }
        ByteBuffer d = data.duplicate();
        if (d.remaining() < GRAIN_BYTES) {
            Arrays.fill(pad, (byte) 0);
            d.get(pad, 0, d.remaining());
            d = ByteBuffer.wrap(pad);
        }
        writeFully(d, nextSector * SECTOR);
        gt[(int) (grain % GTES_PER_GT)] = (int) nextSector;
        gtUsed = true;
        nextSector += GRAIN_SECTORS;
        lastGrain = grain;
    }

    private void flushGt() throws IOException {
        if (!gtUsed) {
            return;
        }
        ByteBuffer t = ByteBuffer.allocate(GTES_PER_GT * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int e : gt) {
            t.putInt(e);
        }
        long gtSectors = GTES_PER_GT * 4L / SECTOR;
        writeFully(t.flip(), (rgdOffset + gdSectors + currentGt * gtSectors) * SECTOR);
        writeFully(t.flip(), (gdOffset + gdSectors + currentGt * gtSectors) * SECTOR);
        Arrays.fill(gt, 0);
        gtUsed = false;
    }

    /** Writes the last grain table, both grain directories, the descriptor and the header. */
    void finish() throws IOException {
        flushGt();
        long gtSectors = GTES_PER_GT * 4L / SECTOR;
        for (long base : new long[] {rgdOffset, gdOffset}) {
            ByteBuffer chunk = ByteBuffer.allocate(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
            long at = base * SECTOR;
            for (long i = 0; i < gtCount; i++) {
                if (!chunk.hasRemaining()) {
                    at += writeFully(chunk.flip(), at);
                    chunk.clear();
                }
                chunk.putInt((int) (base + gdSectors + i * gtSectors));
            }
            writeFully(chunk.flip(), at);
        }
        if (descriptor != null) {
            writeFully(ByteBuffer.wrap(descriptor), SECTOR);
        }
        SparseExtentHeader h = new SparseExtentHeader(1, SparseExtentHeader.FLAG_NEWLINE_TEST | SparseExtentHeader.FLAG_REDUNDANT_GD,
                sectors, GRAIN_SECTORS, descriptor == null ? 0 : 1, descriptor == null ? 0 : DESCRIPTOR_SECTORS, GTES_PER_GT,
                rgdOffset, gdOffset, overHead, 0, 0);
        writeFully(h.encode(), 0);
        long end = nextSector * SECTOR;
        if (channel.size() < end) {
            // No grain, or nothing after the metadata: extend to overHead without writing (a hole).
            writeFully(ByteBuffer.allocate(1), end - 1);
        }
    }

    private int writeFully(ByteBuffer b, long at) throws IOException {
        int n = b.remaining();
        long pos = at;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
        return n;
    }
}
