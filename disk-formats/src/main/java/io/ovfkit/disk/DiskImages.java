package io.ovfkit.disk;

import io.ovfkit.disk.raw.RawImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens disk images by their content, never by their file name: the magic number and structure
 * decide the format.
 *
 * <p>Stateless; safe to call from any thread (each call opens a new image).
 */
public final class DiskImages {
    private static final int HEAD = 4096;

    private DiskImages() {
    }

    /**
     * The format of {@code path}'s content; {@link DiskFormat#RAW} when no known structure is found.
     *
     * @throws NoSuchFileException when the file does not exist
     */
    public static DiskFormat probe(Path path) throws IOException {
        return detect(path).format();
    }

    /** What the first bytes say. */
    record Detected(DiskFormat format, boolean recognized) {
    }

    static Detected detect(Path path) throws IOException {
        byte[] head = new byte[HEAD];
        byte[] tail = null;
        int n;
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill what the file has
            }
            n = b.position();
            if (size >= 1024) {
                // A fixed VHD has its footer only in its last 512 bytes.
                ByteBuffer t = ByteBuffer.allocate(512);
                long pos = size - 512;
                int r;
                while (t.hasRemaining() && (r = ch.read(t, pos)) > 0) {
                    pos += r;
                }
                tail = t.array();
            }
        }
        if (n >= 4 && head[0] == 'K' && head[1] == 'D' && head[2] == 'M' && head[3] == 'V') {
            return new Detected(DiskFormat.VMDK, true);
        }
        if (looksLikeVmdkDescriptor(head, n, size)) {
            return new Detected(DiskFormat.VMDK, true);
        }
        if (io.ovfkit.disk.qcow2.Qcow2Image.looksLikeQcow2(head, n)) {
            return new Detected(DiskFormat.QCOW2, true);
        }
        if (io.ovfkit.disk.vdi.VdiImage.looksLikeVdi(head, n)) {
            return new Detected(DiskFormat.VDI, true);
        }
        if (io.ovfkit.disk.vhdx.VhdxImage.looksLikeVhdx(head, n)) {
            return new Detected(DiskFormat.VHDX, true);
        }
        if (io.ovfkit.disk.vhd.VhdImage.looksLikeVhd(head, n, tail)) {
            return new Detected(DiskFormat.VHD, true);
        }
        return new Detected(DiskFormat.RAW, false);
    }

    private static boolean looksLikeVmdkDescriptor(byte[] head, int n, long size) {
        if (size > (1 << 20) || n == 0) {
            return false;
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return text.startsWith("# Disk DescriptorFile") || text.startsWith("# Disk Descriptor File")
                || (text.contains("createType=") && text.contains("CID="));
    }

    /**
     * Opens the image stored in {@code [offset, offset + length)} of {@code channel}, in place and
     * with random access: a plain disk inside an OVA archive, for example. Supported there: single-file
     * VMDKs ({@code KDMV}: monolithicSparse, streamOptimized) and raw content (anything no format
     * recognizes, {@link DiskFormat#RAW}, of capacity {@code length}). A VMDK text descriptor, whose
     * extents are other files, is refused.
     *
     * <p>The image reads through the channel and never closes it: keep the channel open while the
     * image is in use, and close both. Reads of a {@link java.nio.channels.FileChannel} run
     * concurrently; other channels are read one call at a time under the channel's lock.
     * {@link DiskImage#path()} is {@code name} (for messages: no such file need exist) and
     * {@link DiskImage#actualSize()} is {@code length}.
     *
     * @param channel the channel holding the image; not closed by the image
     * @param offset where the image starts in the channel
     * @param length how many bytes it occupies
     * @param name how messages and {@link DiskImage#path()} name the image, e.g. {@code appliance.ova!/disk1.vmdk}
     * @throws DiskFormatException when the content is of a known format but corrupt or not readable in place
     */
    public static DiskImage open(java.nio.channels.SeekableByteChannel channel, long offset, long length, String name)
            throws IOException {
        return SliceImage.open(channel, offset, length, name);
    }

    /**
     * Opens a disk image to be read once, front to back, from a stream that cannot seek: a
     * gzip-compressed or chunked file of an OVF package, or a disk inside an OVA read from a pipe or a
     * server without range requests. The format is told by content:
     * <ul>
     * <li>a streamOptimized VMDK (compressed grains with markers) is read grain after grain
     * ({@link io.ovfkit.disk.vmdk.StreamOptimizedStreamImage});</li>
     * <li>content no format recognizes is raw, of {@code capacity} bytes
     * ({@link io.ovfkit.disk.raw.RawStreamImage}); a fixed VHD, whose footer is at its end, reads as
     * raw too, its footer being past the capacity;</li>
     * <li>formats whose tables may lie after the data they describe, or that name other files, need
     * random access and are refused with a {@link DiskFormatException} that says so: a monolithicSparse
     * VMDK or a VMDK text descriptor, a dynamic or differencing VHD, VHDX, QCOW2 and VDI.</li>
     * </ul>
     * The image is {@linkplain DiskImage#sequential() sequential}; it owns the stream (closing it
     * closes the stream, also when opening fails).
     *
     * @param in the image's bytes from its first one
     * @param name how messages and {@link DiskImage#path()} name the image, e.g. {@code app.ova!/disk1.vmdk.gz}
     * @param capacity the guest size in bytes when the caller knows it (an OVF {@code Disk}'s
     *     capacity), else -1; needed for raw content, ignored for VMDK, which records its own
     * @return the image
     * @throws DiskFormatException when the content cannot be read from a stream (see above), is corrupt,
     *     or is raw and {@code capacity} is -1
     * @throws IOException when the stream cannot be read
     */
    public static DiskImage openStream(java.io.InputStream in, String name, long capacity) throws IOException {
        Path p = Path.of(name);
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in, 1 << 16);
        try {
            b.mark(HEAD);
            byte[] head = b.readNBytes(HEAD);
            b.reset();
            int n = head.length;
            String refused = null;
            if (n >= 4 && head[0] == 'K' && head[1] == 'D' && head[2] == 'M' && head[3] == 'V') {
                return io.ovfkit.disk.vmdk.StreamOptimizedStreamImage.open(b, p);
            } else if (looksLikeVmdkDescriptor(head, n, 0)) {
                refused = "a VMDK text descriptor names its data in other files";
            } else if (io.ovfkit.disk.qcow2.Qcow2Image.looksLikeQcow2(head, n)) {
                refused = "a QCOW2 image's cluster tables may lie anywhere in the file";
            } else if (io.ovfkit.disk.vdi.VdiImage.looksLikeVdi(head, n)) {
                refused = "a VDI image is read through its block map, at random";
            } else if (io.ovfkit.disk.vhdx.VhdxImage.looksLikeVhdx(head, n)) {
                refused = "a VHDX image's block table and metadata may lie anywhere in the file";
            } else if (io.ovfkit.disk.vhd.VhdImage.looksLikeVhd(head, n, null)) {
                refused = "a dynamic VHD is read through its block table, at random";
            }
            if (refused != null) {
                throw new DiskFormatException(p, 0, refused + ": it cannot be read from a stream (a compressed or"
                        + " chunked file, a package read from a pipe or a server without range requests); only"
                        + " streamOptimized VMDK and raw disks can. Extract it first (ovfkit unpack --expand) and"
                        + " convert the file");
            }
            if (capacity < 0) {
                throw new DiskFormatException(p, 0, "raw content read from a stream needs its capacity (the Disk"
                        + " element's ovf:capacity), which was not given");
            }
            return io.ovfkit.disk.raw.RawStreamImage.of(b, p, capacity);
        } catch (IOException | RuntimeException e) {
            try {
                b.close();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /**
     * Opens {@code path}. Content that no format recognizes opens as a raw image.
     *
     * @throws DiskFormatException when the content is of a known format but corrupt
     */
    public static DiskImage open(Path path) throws IOException {
        return open(path, true);
    }

    /**
     * Opens {@code path} over the parent image {@code parent}, named by the caller instead of found
     * by the image: for a VDI differencing image whose base lies elsewhere (VirtualBox keeps
     * snapshots in a {@code Snapshots/} folder). {@code parent} is opened first with
     * {@link #open(Path)} (by content, its own parents found as usual), then {@code path} with
     * {@link io.ovfkit.disk.vdi.VdiImage#open(Path, DiskImage)}, which checks that a VDI parent has
     * the child's parent UUID. The returned image owns the parent: closing it closes both. When
     * anything fails, whatever was opened is closed again.
     *
     * @param path the differencing image
     * @param parent its parent, of any format; {@code null} behaves exactly as {@link #open(Path)}
     * @throws DiskFormatException when {@code path} is not a VDI (VMDK, VHD, VHDX and QCOW2 name
     *         their parent inside the image; raw has none), is a VDI but not a differencing image, or
     *         is not a child of {@code parent}; or when either image is corrupt
     */
    public static DiskImage open(Path path, Path parent) throws IOException {
        if (parent == null) {
            return open(path);
        }
        DiskFormat format = detect(path).format();
        if (format != DiskFormat.VDI) {
            throw new DiskFormatException(path, -1, "this is a " + format.id() + " image, but an explicit parent"
                    + " (--parent) applies to VDI differencing images only: VMDK, VHD, VHDX and QCOW2 name their parent"
                    + " inside the image, and raw images have none");
        }
        DiskImage base = open(parent);
        try {
            return io.ovfkit.disk.vdi.VdiImage.open(path, base);
        } catch (IOException | RuntimeException e) {
            try {
                base.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Opens {@code path}; with {@code rawFallback} false, content no format recognizes is refused.
     *
     * @throws NotADiskImageException when {@code rawFallback} is false and the content is not a known format
     */
    public static DiskImage open(Path path, boolean rawFallback) throws IOException {
        Detected d = detect(path);
        if (!d.recognized() && !rawFallback) {
            throw new NotADiskImageException(path, "not a disk image ovfkit recognizes (no VMDK, VHD, VHDX, QCOW2 or VDI header, descriptor or footer); "
                    + "a raw image has no signature: open it as raw");
        }
        return switch (d.format()) {
            case VMDK -> io.ovfkit.disk.vmdk.VmdkImage.open(path);
            case VHD -> io.ovfkit.disk.vhd.VhdImage.open(path);
            case VHDX -> io.ovfkit.disk.vhdx.VhdxImage.open(path);
            case VDI -> io.ovfkit.disk.vdi.VdiImage.open(path);
            case QCOW2 -> io.ovfkit.disk.qcow2.Qcow2Image.open(path);
            case RAW -> RawImage.open(path);
            default -> throw new NotADiskImageException(path, d.format().id() + " images are not supported yet");
        };
    }
}
