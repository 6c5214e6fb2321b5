package io.ovfkit.disk;

import io.ovfkit.disk.raw.RawImage;
import io.ovfkit.disk.vmdk.VmdkImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image read in place from a range of a larger file or channel ({@link DiskImages#open(SeekableByteChannel,
 * long, long, String)}): the format's reader over a {@link ChannelSlice}, with {@link #actualSize()} the
 * length of the range and {@link #path()} the name given, since there is no file of its own.
 */
final class SliceImage implements DiskImage {
    private final DiskImage inner;
    private final Path name;
    private final long length;

    private SliceImage(DiskImage inner, Path name, long length) {
        this.inner = inner;
        this.name = name;
        this.length = length;
    }

    static DiskImage open(SeekableByteChannel channel, long offset, long length, String name) throws IOException {
        Path p = nameAsPath(name);
        ChannelSlice slice = new ChannelSlice(channel, offset, length);
        try {
            byte[] head = new byte[(int) Math.min(length, 4096)];
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && slice.read(b, b.position()) > 0) {
                // fill what the range has
            }
            int n = b.position();
            DiskImage inner;
            if (n >= 4 && ((head[0] == 'K' && head[1] == 'D' && head[2] == 'M' && head[3] == 'V')
                    || (head[0] == 'k' && head[1] == 'd' && head[2] == 'm' && head[3] == 'v'))) {
                inner = VmdkImage.open(slice, p);
            } else if (looksLikeVmdkDescriptor(head, n)) {
                throw new DiskFormatException(p, 0, "a VMDK text descriptor names its extents as separate files, which "
                        + "cannot be found inside a range of another file; only single-file VMDKs (sparse, "
                        + "streamOptimized) open in place");
            } else {
                inner = RawImage.of(p, slice, length);
            }
            return new SliceImage(inner, p, length);
        } catch (IOException | RuntimeException | Error e) {
            slice.close();
            throw e;
        }
    }

    private static boolean looksLikeVmdkDescriptor(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return text.startsWith("# Disk DescriptorFile") || text.startsWith("# Disk Descriptor File")
                || (text.contains("createType=") && text.contains("CID="));
    }

    /** {@code name} as a path for messages; characters the file system refuses become {@code _}. */
    static Path nameAsPath(String name) {
        String n = name == null || name.isEmpty() ? "image" : name;
        try {
            return Path.of(n);
        } catch (InvalidPathException e) {
            return Path.of(n.replaceAll("[^A-Za-z0-9._/!-]", "_"));
        }
    }

    @Override
    public Path path() {
        return name;
    }

    @Override
    public DiskFormat format() {
        return inner.format();
    }

    @Override
    public String subformat() {
        return inner.subformat();
    }

    @Override
    public long capacity() {
        return inner.capacity();
    }

    /** The length of the range the image occupies. */
    @Override
    public long actualSize() {
        return length;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        inner.read(offset, dst);
    }

    @Override
    public List<Extent> extents(long offset, long len) throws IOException {
        return inner.extents(offset, len);
    }

    @Override
    public Map<String, Object> details() {
        return inner.details();
    }

    @Override
    public Optional<DiskImage> parent() {
        return inner.parent();
    }

    @Override
    public CheckResult check() throws IOException {
        return inner.check();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return "SliceImage[" + name + ", " + inner + "]";
    }
}
