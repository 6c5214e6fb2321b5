package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A hosted sparse extent ({@code KDMV}, disk-formats.md §2.2–2.4): monolithicSparse, the extents of
 * twoGbMaxExtentSparse, and streamOptimized with compressed grains, whether its grain directory is
 * at the front (qemu, open-vmdk) or after the data with a footer (VMware, {@code gdOffset =
 * GD_AT_END}).
 *
 * <p>Every value read from the file is checked before it is used: table entries must point inside
 * the file and past the metadata ({@code overHead}), grain markers must carry the LBA of their
 * table position and a compressed size of at most twice the grain, and a grain must inflate to
 * exactly one grain (the last grain of a disk whose size is not a whole number of grains: at least
 * the rest of the disk). A violation raises a {@link DiskFormatException} naming the file and the
 * offset of the bad value, when the read needs it; {@link #check} finds them all.
 */
final class SparseExtent implements VmdkExtent {
    /** Largest grain of a compressed extent (1 MiB), so that a compressed grain stays ≤ 2 MiB. */
    static final long MAX_COMPRESSED_GRAIN_SECTORS = 2048;
    private static final int MARKER_GT = 1;
    private static final int MARKER_GD = 2;
    private static final int MARKER_FOOTER = 3;
    private static final int MAX_FINDINGS = 100;
    private static final long FOOTER_SCAN = 1 << 20;
    /** Overlap and leak detection keep one bit per slot; above this many slots they are skipped. */
    private static final long MAX_BITMAP = 1L << 28;

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final SparseExtentHeader header;
    private final SparseExtentHeader effective;
    private final SparseExtentHeader footer;
    private final long footerPosition;
    private final boolean eosPresent;
    private final GrainDirectory gd;
    private final long length;
    private final long grainBytes;
    private final long grainCount;
    private final int gtEntries;
    private final long maxCompressed;
    private final ReaderCaches caches;
    private final long grainKey;

    private SparseExtent(Path file, FileChannel channel, long fileSize, SparseExtentHeader header,
            SparseExtentHeader footer, long footerPosition, boolean eosPresent, GrainDirectory gd, long length,
            ReaderCaches caches, long ordinal) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.header = header;
        this.footer = footer;
        this.effective = footer != null && header.gdOffset() == SparseExtentHeader.GD_AT_END ? footer : header;
        this.footerPosition = footerPosition;
        this.eosPresent = eosPresent;
        this.gd = gd;
        this.length = length;
        this.grainBytes = effective.grainSize() * 512;
        this.grainCount = effective.grainCount();
        this.gtEntries = effective.numGtesPerGt();
        this.maxCompressed = 2 * grainBytes + 1024;
        this.caches = caches;
        this.grainKey = ordinal << 35;
    }

    /**
     * Opens the sparse extent in {@code channel}.
     *
     * @param lineSectors the size the descriptor's extent line gives, or -1 to take the header's capacity
     * @throws DiskFormatException when the header, footer or grain directory is unusable
     */
    static SparseExtent open(Path file, FileChannel channel, long lineSectors, ReaderCaches caches) throws IOException {
        long fileSize = channel.size();
        if (fileSize < SparseExtentHeader.SIZE) {
            throw new DiskFormatException(file, 0, "the file has " + fileSize
                    + " bytes, too short for a sparse extent header (512 bytes)");
        }
        ByteBuffer hb = ByteBuffer.allocate(SparseExtentHeader.SIZE);
        GrainDirectory.readFully(channel, hb, 0, file);
        hb.flip();
        if (hb.get(0) == 'k' && hb.get(1) == 'd' && hb.get(2) == 'm' && hb.get(3) == 'v') {
            throw new DiskFormatException(file, 0, "magic \"kdmv\" (lower case): the file is an unfinished VMDK that "
                    + "its writer (open-vmdk) never completed; expected KDMV");
        }
        SparseExtentHeader h = SparseExtentHeader.parse(hb, file, 0, fileSize);
        checkNewlines(hb, h, file, 0);
        if (h.compressed() && h.grainSize() > MAX_COMPRESSED_GRAIN_SECTORS) {
            throw new DiskFormatException(file, 20, "compressed grains of " + h.grainSize()
                    + " sectors; at most " + MAX_COMPRESSED_GRAIN_SECTORS + " (1 MiB) are accepted");
        }
        SparseExtentHeader footer = null;
        long footerPos = -1;
        boolean eos = false;
        if (h.gdOffset() == SparseExtentHeader.GD_AT_END) {
            footerPos = findFooter(file, channel, fileSize);
            ByteBuffer fb = ByteBuffer.allocate(SparseExtentHeader.SIZE);
            GrainDirectory.readFully(channel, fb, footerPos, file);
            fb.flip();
            footer = SparseExtentHeader.parse(fb, file, footerPos, fileSize);
            checkNewlines(fb, footer, file, footerPos);
            if (footer.gdOffset() == SparseExtentHeader.GD_AT_END) {
                throw new DiskFormatException(file, footerPos + 56, "the footer's gdOffset is GD_AT_END too; "
                        + "expected the sector of the grain directory");
            }
            if (footer.grainSize() != h.grainSize() || footer.numGtesPerGt() != h.numGtesPerGt()
                    || footer.compressed() != h.compressed()) {
                throw new DiskFormatException(file, footerPos, "the footer disagrees with the header on the grain layout "
                        + "(grain size " + footer.grainSize() + " vs " + h.grainSize() + ", flags 0x"
                        + Integer.toHexString(footer.flags()) + " vs 0x" + Integer.toHexString(h.flags()) + ")");
            }
            eos = footerPos + 1024 <= fileSize;
        }
        SparseExtentHeader eff = footer != null ? footer : h;
        if (eff.capacity() > Long.MAX_VALUE / 512) {
            throw new DiskFormatException(file, 12, "capacity " + eff.capacity() + " sectors is out of range");
        }
        long length = lineSectors >= 0 ? lineSectors * 512 : eff.capacity() * 512;
        long ordinal = caches.nextOrdinal();
        GrainDirectory gd = null;
        if (eff.gtCount() > 0) {
            gd = GrainDirectory.read(file, channel, fileSize, eff.gdOffset(), eff.gtCount(), eff.numGtesPerGt(),
                    caches.tables, ordinal << 32, "grain directory", footer != null ? footerPos + 56 : 56);
        }
        return new SparseExtent(file, channel, fileSize, h, footer, footerPos, eos, gd, length, caches, ordinal);
    }

    private static void checkNewlines(ByteBuffer b, SparseExtentHeader h, Path file, long at) {
        if ((h.flags() & SparseExtentHeader.FLAG_NEWLINE_TEST) != 0
                && (b.get(73) != '\n' || b.get(74) != ' ' || b.get(75) != '\r' || b.get(76) != '\n')) {
            throw new DiskFormatException(file, at + 73, "the newline-detection bytes are not \\n \\r\\n: the file was "
                    + "damaged by a text-mode transfer (FTP ASCII mode or a line-ending conversion)");
        }
    }

    /**
     * The byte offset of a stream's footer (the header copy): normally at {@code fileSize - 1024}
     * after its marker, followed by the end-of-stream marker. Trailing zero sectors after the
     * end-of-stream marker (padding) are tolerated up to 1 MiB.
     */
    private static long findFooter(Path file, FileChannel channel, long fileSize) throws IOException {
        long sectors = fileSize / 512;
        if (sectors < 4) {
            throw new DiskFormatException(file, 56, "gdOffset is GD_AT_END (the grain directory follows the data) but the "
                    + "file is too short for a footer");
        }
        long end = sectors * 512;
        long expected = end - 1536;
        if (isFooterMarker(channel, expected, file) && isZeroSector(channel, end - 512, file)) {
            return expected + 512;
        }
        long from = Math.max(0, end - FOOTER_SCAN);
        ByteBuffer tail = ByteBuffer.allocate((int) (end - from));
        GrainDirectory.readFully(channel, tail, from, file);
        long last = -1;
        for (long s = end - 512; s >= from; s -= 512) {
            if (!zero(tail, (int) (s - from), 512)) {
                last = s;
                break;
            }
        }
        if (last >= 1024 && isFooterMarker(channel, last - 512, file)) {
            return last;
        }
        throw new DiskFormatException(file, expected, "gdOffset is GD_AT_END but no footer was found: expected a footer "
                + "marker (type 3), the footer (a copy of the header) and an end-of-stream marker as the last three "
                + "sectors; the stream is truncated or not a VMware stream");
    }

    private static boolean isFooterMarker(FileChannel ch, long pos, Path file) throws IOException {
        if (pos < 512) {
            return false;
        }
        ByteBuffer m = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        GrainDirectory.readFully(ch, m, pos, file);
        return m.getLong(0) == 1 && m.getInt(8) == 0 && m.getInt(12) == MARKER_FOOTER;
    }

    private static boolean isZeroSector(FileChannel ch, long pos, Path file) throws IOException {
        ByteBuffer m = ByteBuffer.allocate(512);
        GrainDirectory.readFully(ch, m, pos, file);
        return zero(m, 0, 512);
    }

    private static boolean zero(ByteBuffer b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The descriptor embedded in this extent, or {@code null} when the header has none or its area
     * holds no text (the extents of a split disk).
     */
    VmdkDescriptor embeddedDescriptor() throws IOException {
        if (header.descriptorOffset() == 0 || header.descriptorSize() == 0) {
            return null;
        }
        int n = (int) (header.descriptorSize() * 512);
        ByteBuffer b = ByteBuffer.allocate(n);
        GrainDirectory.readFully(channel, b, header.descriptorOffset() * 512, file);
        byte[] bytes = b.array();
        int start = 0;
        while (start < n && (bytes[start] == 0 || bytes[start] == ' ' || bytes[start] == '\n' || bytes[start] == '\r')) {
            if (bytes[start] == 0) {
                return null;
            }
            start++;
        }
        if (start == n) {
            return null;
        }
        String head = new String(bytes, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1);
        if (!head.contains("=")) {
            throw new DiskFormatException(file, header.descriptorOffset() * 512, "the embedded descriptor area holds no "
                    + "descriptor text");
        }
        return VmdkDescriptor.parse(bytes, n, file);
    }

    /** The header at sector 0. */
    SparseExtentHeader header() {
        return header;
    }

    /** The header in force: the footer of a stream whose header says GD_AT_END, else the header. */
    SparseExtentHeader effectiveHeader() {
        return effective;
    }

    /** Bytes per grain. */
    long grainBytes() {
        return grainBytes;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------------------------------- mapping

    private Extent.Kind kind(long gte) {
        if (gte == 0) {
            return Extent.Kind.UNALLOCATED;
        }
        if (gte == 1 && effective.zeroedGrainGtes()) {
            return Extent.Kind.ZERO;
        }
        return Extent.Kind.DATA;
    }

    @Override
    public Run run(long offset, long max) throws IOException {
        long end = offset + Math.min(max, length - offset);
        long coverage = (long) gtEntries * grainBytes;
        Extent.Kind kind = null;
        long pos = offset;
        while (pos < end) {
            long grain = pos / grainBytes;
            Extent.Kind k;
            long next;
            if (grain >= grainCount) {
                k = Extent.Kind.UNALLOCATED;
                next = end;
            } else {
                int gt = (int) (grain / gtEntries);
                int[] t = gd.table(gt);
                if (t == null) {
                    k = Extent.Kind.UNALLOCATED;
                    next = (gt + 1) * coverage;
                } else {
                    k = kind(Integer.toUnsignedLong(t[(int) (grain % gtEntries)]));
                    next = (grain + 1) * grainBytes;
                }
            }
            if (kind == null) {
                kind = k;
            } else if (k != kind) {
                break;
            }
            pos = next;
        }
        return new Run(kind, Math.min(pos, end) - offset);
    }

    // ---------------------------------------------------------------------------------------- reading

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        long off = offset;
        while (dst.hasRemaining()) {
            long grain = off / grainBytes;
            int in = (int) (off % grainBytes);
            int n = (int) Math.min(dst.remaining(), grainBytes - in);
            ByteBuffer part = dst.slice(dst.position(), n);
            readGrain(grain, in, part);
            dst.position(dst.position() + n);
            off += n;
        }
    }

    private void readGrain(long grain, int in, ByteBuffer part) throws IOException {
        if (grain >= grainCount) {
            VmdkExtent.zero(part);
            return;
        }
        int gt = (int) (grain / gtEntries);
        int idx = (int) (grain % gtEntries);
        int[] t = gd.table(gt);
        long gte = t == null ? 0 : Integer.toUnsignedLong(t[idx]);
        if (kind(gte) != Extent.Kind.DATA) {
            VmdkExtent.zero(part);
            return;
        }
        long gtePos = gd.gtePosition(gt, idx);
        String problem = pointerProblem(gte);
        if (problem != null) {
            throw new DiskFormatException(file, gtePos, "grain table entry for guest sector " + grain * effective.grainSize()
                    + " " + problem);
        }
        if (!effective.compressed()) {
            long pos = gte * 512 + in;
            while (part.hasRemaining()) {
                int r = channel.read(part, pos);
                if (r < 0) {
                    VmdkExtent.zero(part); // a grain cut by the end of the file reads zeros, as in qemu
                    return;
                }
                pos += r;
            }
            return;
        }
        if (in == 0 && part.remaining() == grainBytes && part.hasArray()) {
            // a whole grain into a heap buffer: inflate in place, nothing cached
            int at = part.arrayOffset() + part.position();
            int n = inflateGrain(grain, gte, part.array(), at);
            Arrays.fill(part.array(), at + n, at + (int) grainBytes, (byte) 0);
            part.position(part.limit());
            return;
        }
        byte[] g = decoded(grain, gte);
        part.put(g, in, part.remaining());
    }

    /** Why a grain pointer is unusable, or {@code null}. */
    private String pointerProblem(long gte) {
        if (gte < effective.overHead()) {
            return "points to sector " + gte + ", inside the metadata (grains start at overHead = sector "
                    + effective.overHead() + ")";
        }
        long need = effective.compressed() && effective.markers() ? 12 : 1;
        if (gte * 512 + need > fileSize) {
            return "points to sector " + gte + ", beyond the end of the file (" + fileSize + " bytes)";
        }
        return null;
    }

    /** The decoded bytes of compressed grain {@code grain} whose table entry is {@code gte} (cached). */
    private byte[] decoded(long grain, long gte) throws IOException {
        long key = grainKey | grain;
        byte[] cached = caches.grains.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] out = new byte[(int) grainBytes];
        inflateGrain(grain, gte, out, 0);
        caches.grains.put(key, out);
        return out;
    }

    /**
     * Inflates compressed grain {@code grain} (table entry {@code gte}) into {@code out[at, at + grainBytes)}
     * after checking its marker; returns the bytes produced (less than a grain only for the last grain).
     */
    private int inflateGrain(long grain, long gte, byte[] out, int at) throws IOException {
        long pos = gte * 512;
        long dataPos;
        int size;
        if (effective.markers()) {
            Marker m = marker(pos);
            String problem = grainMarkerProblem(m, grain);
            if (problem != null) {
                throw new DiskFormatException(file, pos, problem);
            }
            size = (int) m.size();
            dataPos = pos + 12;
        } else {
            size = (int) Math.min(maxCompressed, fileSize - pos);
            dataPos = pos;
        }
        ByteBuffer in = ByteBuffer.allocate(size);
        GrainDirectory.readFully(channel, in, dataPos, file);
        int n = inflate(in.array(), size, out, at, pos, grain);
        long rest = (effective.capacity() - grain * effective.grainSize()) * 512;
        boolean partialLast = rest < grainBytes;
        if (n != grainBytes && !(partialLast && n >= rest)) {
            throw new DiskFormatException(file, pos, "the compressed grain for guest sector " + grain * effective.grainSize()
                    + " inflates to " + n + " bytes; expected " + grainBytes
                    + (partialLast ? " (or at least the " + rest + " bytes left of the disk)" : ""));
        }
        return n;
    }

    private int inflate(byte[] in, int size, byte[] out, int at, long pos, long grain) {
        Inflater inf = caches.inflaters.take();
        int len = (int) grainBytes;
        try {
            inf.setInput(in, 0, size);
            int n = 0;
            while (n < len && !inf.finished()) {
                int k = inf.inflate(out, at + n, len - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (!inf.finished()) {
                if (n == len && !inf.needsInput()) {
                    byte[] one = new byte[1];
                    if (inf.inflate(one) > 0) {
                        throw new DiskFormatException(file, pos, "the compressed grain for guest sector "
                                + grain * effective.grainSize() + " inflates to more than one grain (" + grainBytes + " bytes)");
                    }
                }
                if (!inf.finished()) {
                    throw new DiskFormatException(file, pos, "the compressed grain for guest sector "
                            + grain * effective.grainSize() + " ends before its zlib stream does (" + size
                            + " compressed bytes, " + n + " inflated)");
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new DiskFormatException(file, pos, "the compressed grain for guest sector " + grain * effective.grainSize()
                    + " is not valid zlib data: " + e.getMessage(), e);
        } finally {
            caches.inflaters.give(inf);
        }
    }

    /** A marker's first 16 bytes: {@code u64 value} (LBA or sector count), {@code u32 size}, {@code u32 type}. */
    private record Marker(long value, long size, int type) {
    }

    private Marker marker(long pos) throws IOException {
        ByteBuffer m = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        if (pos + 16 > fileSize) {
            m.limit((int) Math.max(12, fileSize - pos));
        }
        GrainDirectory.readFully(channel, m, pos, file);
        return new Marker(m.getLong(0), Integer.toUnsignedLong(m.getInt(8)), m.limit() >= 16 ? m.getInt(12) : 0);
    }

    /** What is wrong with the marker of compressed grain {@code grain}, or {@code null}. */
    private String grainMarkerProblem(Marker m, long grain) {
        long lba = grain * effective.grainSize();
        if (m.size() == 0) {
            return "the grain table entry for guest sector " + lba + " points to a metadata marker (type " + m.type()
                    + "), not a grain marker";
        }
        if (Long.compareUnsigned(m.value(), effective.capacity()) >= 0) {
            return "grain marker LBA " + Long.toUnsignedString(m.value()) + " lies beyond the capacity ("
                    + effective.capacity() + " sectors)";
        }
        if (m.value() != lba) {
            return "grain marker LBA " + m.value() + " does not match its grain table position (guest sector " + lba + ")";
        }
        if (m.size() > maxCompressed) {
            return "grain marker for guest sector " + lba + " announces " + m.size() + " compressed bytes; at most "
                    + maxCompressed + " (twice the grain) are accepted";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------- checking

    @Override
    public void check(List<String> corruptions, List<String> leaks) throws IOException {
        Findings f = new Findings(corruptions);
        checkFooter(f);
        if (length > effective.capacity() * 512) {
            f.add(12, "the extent line gives " + length / 512 + " sectors but the extent holds " + effective.capacity()
                    + "; the rest reads as zeros");
        }
        if (gd == null) {
            return;
        }
        boolean layoutA = footer != null || footerProbe() != null;
        if (layoutA && effective.markers()) {
            Marker m = marker(gd.position() - 512);
            if (m.size() != 0 || m.type() != MARKER_GD) {
                f.add(gd.position() - 512, "expected a grain directory marker (type 2) before the grain directory");
            }
        }
        if ((effective.flags() & SparseExtentHeader.FLAG_REDUNDANT_GD) != 0 && effective.rgdOffset() != 0) {
            checkRedundant(f);
        }
        long fileSectors = (fileSize + 511) / 512;
        boolean compressed = effective.compressed();
        long slotSectors = compressed ? 1 : effective.grainSize();
        long base = compressed ? 0 : effective.overHead();
        long slots = fileSectors > base ? (fileSectors - base + slotSectors - 1) / slotSectors : 0;
        BitSet used = slots <= MAX_BITMAP ? new BitSet((int) slots) : null;
        long referenced = 0;
        for (int gt = 0; gt < gd.size(); gt++) {
            long gde = gd.entry(gt);
            if (gde == 0) {
                continue;
            }
            if (!gd.entryValid(gt)) {
                f.add(gd.position() + 4L * gt, "grain directory entry " + gt + " points to sector " + gde
                        + ", beyond the end of the file (" + fileSize + " bytes)");
                continue;
            }
            if (layoutA && effective.markers()) {
                Marker m = marker(gde * 512 - 512);
                if (m.size() != 0 || m.type() != MARKER_GT) {
                    f.add(gde * 512 - 512, "expected a grain table marker (type 1) before grain table " + gt);
                }
            }
            int[] t = gd.table(gt);
            for (int i = 0; i < gtEntries; i++) {
                long grain = (long) gt * gtEntries + i;
                long gte = Integer.toUnsignedLong(t[i]);
                if (grain >= grainCount || kind(gte) != Extent.Kind.DATA) {
                    continue;
                }
                long gtePos = gd.gtePosition(gt, i);
                String lbaText = "guest sector " + grain * effective.grainSize();
                String problem = pointerProblem(gte);
                if (problem != null) {
                    f.add(gtePos, "grain table entry for " + lbaText + " " + problem);
                    continue;
                }
                long first;
                long count;
                if (compressed) {
                    long size;
                    if (effective.markers()) {
                        Marker m = marker(gte * 512);
                        String mp = grainMarkerProblem(m, grain);
                        if (mp != null) {
                            f.add(gte * 512, mp);
                            continue;
                        }
                        size = 12 + m.size();
                    } else {
                        size = 1;
                    }
                    if (gte * 512 + size > fileSize) {
                        f.add(gte * 512, "the compressed grain for " + lbaText + " (" + size
                                + " bytes with its marker) extends beyond the end of the file");
                        continue;
                    }
                    first = gte;
                    count = (size + 511) / 512;
                } else {
                    long needed = Math.min(grainBytes, (effective.capacity() - grain * effective.grainSize()) * 512);
                    if (gte * 512 + needed > fileSize) {
                        f.add(gtePos, "grain table entry for " + lbaText + " points to sector " + gte
                                + ": the grain extends beyond the end of the file (" + fileSize + " bytes)");
                        continue;
                    }
                    first = (gte - base) / slotSectors;
                    count = (gte - base) % slotSectors == 0 ? 1 : 2;
                }
                referenced++;
                if (used != null) {
                    long from = first;
                    long to = Math.min(slots, from + count);
                    if (!used.get((int) from, (int) to).isEmpty()) {
                        f.add(gtePos, "grain table entry for " + lbaText + " points to sector " + gte
                                + ", which another grain table entry uses too");
                    }
                    used.set((int) from, (int) to);
                }
            }
        }
        if (!compressed && used != null && slots > 0) {
            markMetadata(used, base, slotSectors, slots);
            long unused = slots - used.cardinality();
            if (unused > 0) {
                int firstFree = used.nextClearBit(0);
                leaks.add(file + ": " + unused + " grain-sized area(s) (" + unused * grainBytes
                        + " bytes) after the metadata are referenced by no grain table entry; the first at offset "
                        + (base + firstFree * slotSectors) * 512);
            }
        }
        f.finish(file);
    }

    private void markMetadata(BitSet used, long base, long slotSectors, long slots) throws IOException {
        markRange(used, base, slotSectors, slots, gd.position() / 512, (gd.size() * 4L + 511) / 512);
        for (int gt = 0; gt < gd.size(); gt++) {
            if (gd.entry(gt) != 0 && gd.entryValid(gt)) {
                markRange(used, base, slotSectors, slots, gd.entry(gt), (gd.tableBytes() + 511) / 512);
            }
        }
    }

    private static void markRange(BitSet used, long base, long slotSectors, long slots, long sector, long count) {
        if (sector + count <= base) {
            return;
        }
        long from = Math.max(0, (sector - base) / slotSectors);
        long to = Math.min(slots, (sector + count - base + slotSectors - 1) / slotSectors);
        if (from < to) {
            used.set((int) from, (int) to);
        }
    }

    private void checkRedundant(Findings f) throws IOException {
        long rgd = effective.rgdOffset();
        long bytes = gd.size() * 4L;
        if (rgd < 1 || rgd > fileSize / 512 || rgd * 512 + bytes > fileSize) {
            f.add(48, "the redundant grain directory (sector " + Long.toUnsignedString(rgd) + ", " + gd.size()
                    + " entries) does not lie inside the file (" + fileSize + " bytes)");
            return;
        }
        GrainDirectory r = GrainDirectory.read(file, channel, fileSize, rgd, gd.size(), gtEntries,
                new BoundedCache<>(1), 0, "redundant grain directory", 48);
        for (int gt = 0; gt < r.size(); gt++) {
            if (!r.entryValid(gt)) {
                f.add(r.position() + 4L * gt, "redundant grain directory entry " + gt + " points to sector " + r.entry(gt)
                        + ", beyond the end of the file");
            }
        }
    }

    private void checkFooter(Findings f) throws IOException {
        SparseExtentHeader ft = footer;
        long at = footerPosition;
        if (ft == null) {
            ft = footerProbe();
            at = fileSize / 512 * 512 - 1024;
        } else if (!eosPresent) {
            f.add(at + 512, "no end-of-stream marker after the footer");
        }
        if (ft == null) {
            return;
        }
        StringBuilder diff = new StringBuilder();
        compare(diff, "version", header.version(), ft.version());
        compare(diff, "flags", header.flags(), ft.flags());
        compare(diff, "capacity", header.capacity(), ft.capacity());
        compare(diff, "grainSize", header.grainSize(), ft.grainSize());
        compare(diff, "descriptorOffset", header.descriptorOffset(), ft.descriptorOffset());
        compare(diff, "descriptorSize", header.descriptorSize(), ft.descriptorSize());
        compare(diff, "numGTEsPerGT", header.numGtesPerGt(), ft.numGtesPerGt());
        compare(diff, "overHead", header.overHead(), ft.overHead());
        compare(diff, "compressAlgorithm", header.compressAlgorithm(), ft.compressAlgorithm());
        if (header.gdOffset() != SparseExtentHeader.GD_AT_END) {
            compare(diff, "gdOffset", header.gdOffset(), ft.gdOffset());
        }
        if (diff.length() > 0) {
            f.add(at, "the footer does not match the header:" + diff);
        }
    }

    private static void compare(StringBuilder diff, String field, long header, long footer) {
        if (header != footer) {
            diff.append(' ').append(field).append(' ').append(footer).append(" (header ").append(header).append(')');
        }
    }

    /** The footer of a stream whose header has a real gdOffset but which ends with a footer anyway. */
    private SparseExtentHeader footerProbe() throws IOException {
        long end = fileSize / 512 * 512;
        if (!effective.markers() || end < 2048 || !isFooterMarker(channel, end - 1536, file)) {
            return null;
        }
        ByteBuffer fb = ByteBuffer.allocate(SparseExtentHeader.SIZE);
        GrainDirectory.readFully(channel, fb, end - 1024, file);
        fb.flip();
        try {
            return SparseExtentHeader.parse(fb, file, end - 1024, fileSize);
        } catch (DiskFormatException e) {
            return null;
        }
    }

    /** Collects one extent's corruptions, at most {@value #MAX_FINDINGS} of them, then a count. */
    private final class Findings {
        private final List<String> out;
        private int count;

        Findings(List<String> out) {
            this.out = out;
        }

        void add(long offset, String message) {
            if (count++ < MAX_FINDINGS) {
                out.add(file + ": at offset " + offset + ": " + message);
            }
        }

        void finish(Path f) {
            if (count > MAX_FINDINGS) {
                out.add(f + ": " + (count - MAX_FINDINGS) + " more problems not listed");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
