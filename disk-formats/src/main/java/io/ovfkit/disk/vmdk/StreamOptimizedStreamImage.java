package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A streamOptimized VMDK read once, front to back, from a stream that cannot seek (a gzip-compressed
 * or chunked member of an OVF package, an OVA read from a pipe or a server without range requests).
 * The header and the embedded descriptor come first; then every grain carries its own marker
 * (guest sector and compressed size), so the guest content can be rebuilt in one pass without the
 * grain directory, which such a file keeps at its end. Metadata markers (grain tables, grain
 * directory, footer) are skipped; the end-of-stream marker or the end of the input ends the image.
 *
 * <p>This is a {@linkplain DiskImage#sequential() sequential} image: {@link #read} and
 * {@link #extents} must be called from one thread (it is not thread-safe) with offsets that never go back (each call starts
 * at or after the start of the previous one; bytes below it that were not read are skipped).
 * {@link io.ovfkit.disk.DiskConverter} reads sequential images that way. {@link #extents} looks one
 * grain ahead: what lies before the next grain is {@link Extent.Kind#UNALLOCATED}, the rest of the
 * range from there {@link Extent.Kind#DATA} (exact at grain granularity). Writers emit grains in
 * ascending order (VMware, ovftool, VirtualBox, qemu, ovfkit); a grain that comes after data at a
 * higher offset was already delivered cannot be placed and fails with a {@link DiskFormatException}
 * saying so. Memory: one compressed and one inflated grain.
 */
public final class StreamOptimizedStreamImage implements DiskImage {
    private static final int MARKER_EOS = 0;

    private final Path path;
    private final InputStream in;
    private final SparseExtentHeader header;
    private final VmdkDescriptor descriptor;
    private final long capacity;
    private final int grainBytes;
    private final Inflater inflater = new Inflater(false);
    /** Bytes of the stream consumed so far (for messages). */
    private long position;
    /** No call may start below this guest offset (the end of the last read, the start of the last map query). */
    private long floor;
    /** Guest bytes below this were handed to a caller: a grain for them that comes now is out of order. */
    private long delivered;
    /** The next grain's marker, read ahead: guest byte offset, compressed size; -1 when none is pending. */
    private long pendingOffset = -1;
    private int pendingSize;
    private long pendingAt;
    private boolean ended;
    /** The last grain inflated, kept for reads that end inside it. */
    private long currentOffset = -1;
    private final byte[] current;
    private int currentLength;
    private byte[] compressed = new byte[0];

    private StreamOptimizedStreamImage(Path path, InputStream in, SparseExtentHeader header, VmdkDescriptor descriptor,
            long position) {
        this.path = path;
        this.in = in;
        this.header = header;
        this.descriptor = descriptor;
        this.capacity = header.capacity() * 512;
        this.grainBytes = (int) (header.grainSize() * 512);
        this.current = new byte[grainBytes];
        this.position = position;
    }

    /**
     * Reads the header and the embedded descriptor of a streamOptimized VMDK at the start of
     * {@code in}, leaving the stream at the first grain. The image owns the stream: closing it closes
     * the stream.
     *
     * @param in the VMDK's bytes from its first byte
     * @param name how messages and {@link #path()} name the image
     * @return the image
     * @throws DiskFormatException when the header is not a streamOptimized one (compressed grains with
     *     markers), its grains are larger than 1 MiB, or the descriptor is missing or malformed
     * @throws IOException when the stream cannot be read
     */
    public static StreamOptimizedStreamImage open(InputStream in, Path name) throws IOException {
        byte[] head = in.readNBytes(SparseExtentHeader.SIZE);
        SparseExtentHeader h = SparseExtentHeader.parse(ByteBuffer.wrap(head), name, 0, Long.MAX_VALUE);
        if (!h.compressed() || !h.markers()) {
            throw new DiskFormatException(name, 8, "a sparse VMDK without compressed grains and markers (a"
                    + " monolithicSparse extent) keeps its grain tables apart from its grains and needs random access;"
                    + " it cannot be read from a stream: extract the file first (ovfkit unpack --expand)");
        }
        if (h.grainSize() > 2048) {
            throw new DiskFormatException(name, 20, "grains of " + h.grainSize() + " sectors; at most 2048 (1 MiB) are"
                    + " read");
        }
        if (h.descriptorOffset() < 1 || h.descriptorSize() < 1) {
            throw new DiskFormatException(name, 28, "the streamOptimized extent has no embedded descriptor");
        }
        long pos = SparseExtentHeader.SIZE;
        skipTo(in, pos, h.descriptorOffset() * 512, name);
        pos = h.descriptorOffset() * 512;
        int dlen = (int) (h.descriptorSize() * 512);
        byte[] d = in.readNBytes(dlen);
        if (d.length < dlen) {
            throw new DiskFormatException(name, pos + d.length, "the stream ends inside the embedded descriptor");
        }
        pos += dlen;
        VmdkDescriptor desc = VmdkDescriptor.parse(d, d.length, name);
        if (!"ffffffff".equals(String.format(Locale.ROOT, "%08x", desc.parentCid()))) {
            throw new DiskFormatException(name, h.descriptorOffset() * 512, "a delta disk (parentCID "
                    + String.format(Locale.ROOT, "%08x", desc.parentCid()) + ") cannot be read without its parent");
        }
        long grains = Math.max(pos, h.overHead() * 512);
        skipTo(in, pos, grains, name);
        return new StreamOptimizedStreamImage(name, in, h, desc, grains);
    }

    private static void skipTo(InputStream in, long pos, long target, Path name) throws IOException {
        if (target < pos) {
            throw new DiskFormatException(name, pos, "the header points back to byte " + target + ", which a stream has"
                    + " already passed");
        }
        long n = target - pos;
        long skipped = skip(in, n);
        if (skipped < n) {
            throw new DiskFormatException(name, pos + skipped, "the stream ends before byte " + target);
        }
    }

    @Override
    public boolean sequential() {
        return true;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DiskFormat format() {
        return DiskFormat.VMDK;
    }

    @Override
    public String subformat() {
        return descriptor.createType();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /** The stream's bytes consumed so far: a stream has no size before it is read to its end. */
    @Override
    public long actualSize() {
        return position;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, String> ddb = descriptor.ddb();
        m.put("createType", descriptor.createType());
        m.put("cid", String.format(Locale.ROOT, "%08x", descriptor.cid()));
        m.put("parentCid", String.format(Locale.ROOT, "%08x", descriptor.parentCid()));
        m.put("adapterType", ddb.get("ddb.adapterType"));
        m.put("hardwareVersion", ddb.get("ddb.virtualHWVersion"));
        m.put("geometry", VmdkImage.geometry(ddb));
        m.put("version", (long) header.version());
        m.put("compressed", true);
        m.put("grainSize", (long) grainBytes);
        List<Object> lines = new ArrayList<>();
        List<VmdkDescriptor.ExtentLine> described = descriptor.extents();
        for (VmdkDescriptor.ExtentLine e : described) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("access", e.access());
            l.put("sectors", e.sectors());
            l.put("type", e.type());
            l.put("file", e.file());
            l.put("offset", e.offset());
            lines.add(l);
        }
        m.put("extents", lines);
        m.put("parent", null);
        return m;
    }

    @Override
    public List<Extent> extents(long offset, long length) throws IOException {
        long end = checkRange(offset, length);
        if (length == 0) {
            return List.of();
        }
        skipBelow(offset);
        long data = -1;
        if (currentOffset >= 0 && currentOffset + currentLength > offset && currentOffset < end) {
            data = Math.max(offset, currentOffset);
        } else if (peek() && pendingOffset < end) {
            data = Math.max(offset, pendingOffset);
        }
        floor = offset;
        if (data < 0) {
            return List.of(new Extent(offset, length, Extent.Kind.UNALLOCATED));
        }
        List<Extent> out = new ArrayList<>(2);
        if (data > offset) {
            out.add(new Extent(offset, data - offset, Extent.Kind.UNALLOCATED));
        }
        out.add(new Extent(data, end - data, Extent.Kind.DATA));
        return out;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        long end = checkRange(offset, dst.remaining());
        skipBelow(offset);
        int base = dst.position();
        ByteBuffer zeros = dst.duplicate();
        while (zeros.hasRemaining()) {
            zeros.put((byte) 0);
        }
        copyCurrent(offset, end, dst, base);
        while (peek() && pendingOffset < end) {
            checkOrder();
            inflatePending();
            copyCurrent(offset, end, dst, base);
        }
        floor = end;
        delivered = end;
        dst.position(base + (int) (end - offset));
    }

    private long checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > capacity) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside [0, " + capacity + ")");
        }
        if (offset < floor) {
            throw new IllegalStateException(path + ": read at " + offset + " after " + floor + ": an image read from a"
                    + " stream is read front to back only");
        }
        return offset + length;
    }

    private void copyCurrent(long offset, long end, ByteBuffer dst, int base) {
        if (currentOffset < 0) {
            return;
        }
        long from = Math.max(offset, currentOffset);
        long to = Math.min(end, currentOffset + currentLength);
        if (from < to) {
            dst.put(base + (int) (from - offset), current, (int) (from - currentOffset), (int) (to - from));
        }
    }

    /** Drops the grains that end at or below {@code offset}: the caller has moved past them. */
    private void skipBelow(long offset) throws IOException {
        if (currentOffset >= 0 && currentOffset + currentLength <= offset) {
            currentOffset = -1;
        }
        while (peek() && pendingOffset + grainBytes <= offset) {
            checkOrder();
            skipExactly(pendingSize + padding(12 + pendingSize));
            pendingOffset = -1;
        }
    }

    /** Reads ahead to the next grain marker, skipping metadata; false at the end of the stream. */
    private boolean peek() throws IOException {
        while (pendingOffset < 0 && !ended) {
            byte[] m = in.readNBytes(12);
            if (m.length == 0) {
                ended = true;
                break;
            }
            long at = position;
            if (m.length < 12) {
                throw new DiskFormatException(path, at, "the stream ends inside a marker");
            }
            position += 12;
            ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
            long value = b.getLong(0);
            int size = b.getInt(8);
            if (size == 0) {
                byte[] t = in.readNBytes(500);
                if (t.length < 500) {
                    throw new DiskFormatException(path, at, "the stream ends inside a metadata marker");
                }
                position += 500;
                int type = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                if (type == MARKER_EOS) {
                    if (value == 0) {
                        ended = true;
                        break;
                    }
                }
                if (value < 0 || value > (1L << 32)) {
                    throw new DiskFormatException(path, at, "metadata marker of " + value + " sectors");
                }
                skipExactly(value * 512);
                continue;
            }
            if (size < 0 || size > 2 * grainBytes + 1024) {
                throw new DiskFormatException(path, at + 8, "grain marker with a compressed size of "
                        + Integer.toUnsignedString(size) + " bytes; at most " + (2 * grainBytes + 1024) + " expected");
            }
            if (value < 0 || value >= header.capacity() || value % header.grainSize() != 0) {
                throw new DiskFormatException(path, at, "grain marker for sector " + value + ", not the start of a grain"
                        + " within the capacity (" + header.capacity() + " sectors)");
            }
            pendingOffset = value * 512;
            pendingSize = size;
            pendingAt = at;
        }
        return pendingOffset >= 0;
    }

    private void checkOrder() {
        if (pendingOffset < delivered) {
            throw new DiskFormatException(path, pendingAt, "the grain for guest offset " + pendingOffset + " comes after"
                    + " data up to offset " + delivered + " was read: its grains are not in ascending order, so it"
                    + " cannot be read as a stream; extract the file first (ovfkit unpack --expand) and convert that");
        }
    }

    /** Inflates the pending grain into {@link #current}; the marker's padding is skipped. */
    private void inflatePending() throws IOException {
        if (compressed.length < pendingSize) {
            compressed = new byte[pendingSize];
        }
        int n = in.readNBytes(compressed, 0, pendingSize);
        if (n < pendingSize) {
            throw new DiskFormatException(path, position + n, "the stream ends inside a grain");
        }
        long at = pendingAt;
        position += pendingSize;
        skipExactly(padding(12 + pendingSize));
        int expected = (int) Math.min(grainBytes, capacity - pendingOffset);
        inflater.reset();
        inflater.setInput(compressed, 0, pendingSize);
        int got = 0;
        try {
            while (got < expected) {
                int k = inflater.inflate(current, got, expected - got);
                if (k == 0) {
                    if (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                }
                got += k;
            }
        } catch (DataFormatException e) {
            throw new DiskFormatException(path, at, "the grain for guest offset " + pendingOffset + " is not valid zlib"
                    + " data: " + e.getMessage());
        }
        if (got < expected) {
            throw new DiskFormatException(path, at, "the grain for guest offset " + pendingOffset + " inflates to " + got
                    + " bytes; expected " + expected);
        }
        currentOffset = pendingOffset;
        currentLength = expected;
        pendingOffset = -1;
    }

    private void skipExactly(long n) throws IOException {
        long done = skip(in, n);
        position += done;
        if (done < n) {
            throw new DiskFormatException(path, position, "the stream ends " + (n - done) + " bytes early");
        }
    }

    /** Skips up to {@code n} bytes; fewer only at the end of the stream. */
    static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long k = in.skip(n - done);
            if (k <= 0) {
                if (scratch == null) {
                    scratch = new byte[(int) Math.min(n - done, 1 << 16)];
                }
                int r = in.read(scratch, 0, (int) Math.min(n - done, scratch.length));
                if (r < 0) {
                    break;
                }
                k = r;
            }
            done += k;
        }
        return done;
    }

    private static long padding(long used) {
        long r = used % 512;
        return r == 0 ? 0 : 512 - r;
    }

    /** Not available on a stream: the grain tables are at its end. Use {@code ovfkit disk check} on the file. */
    @Override
    public CheckResult check() {
        throw new UnsupportedOperationException(path + ": a VMDK read from a stream cannot be checked");
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
