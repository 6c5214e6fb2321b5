package io.ovfkit.disk.vhd;

import io.ovfkit.disk.DiskFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The 512-byte VHD footer (disk-formats.md §3.1, big-endian), parsed or to be written.
 *
 * <p>Immutable as far as the library goes (the {@link #uuid()} array is the record's own: treat it as
 * read-only) and then safe to share between threads.
 *
 * @param features feature bits (bit 1 reserved, always set)
 * @param version file format version (0x00010000)
 * @param dataOffset absolute offset of the dynamic header, all ones for a fixed disk
 * @param timestamp seconds since 2000-01-01T00:00:00Z, unsigned
 * @param creatorApp four characters ({@code win }, {@code qemu}, {@code ovfk} …)
 * @param creatorVersion major &lt;&lt; 16 | minor
 * @param creatorHostOs four characters ({@code Wi2k}, {@code Mac })
 * @param originalSize size at creation, bytes
 * @param currentSize the virtual size in bytes
 * @param cylinders CHS geometry
 * @param heads CHS geometry
 * @param sectors CHS geometry (sectors per track)
 * @param diskType 2 fixed, 3 dynamic, 4 differencing
 * @param uuid the unique id, 16 bytes as stored
 * @param savedState the saved-state byte
 */
public record VhdFooter(int features, int version, long dataOffset, long timestamp, String creatorApp, int creatorVersion,
        String creatorHostOs, long originalSize, long currentSize, int cylinders, int heads, int sectors, int diskType,
        byte[] uuid, int savedState) {
    /** Bytes of a footer. */
    public static final int SIZE = 512;
    static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    /** Disk types. */
    public static final int FIXED = 2;
    /** Dynamic disk. */
    public static final int DYNAMIC = 3;
    /** Differencing disk. */
    public static final int DIFFERENCING = 4;
    /** The largest CHS product (65535 × 16 × 255 sectors). */
    static final long MAX_CHS_SECTORS = 65535L * 16 * 255;

    /** Whether {@code b[off..off+8)} is the footer cookie. */
    static boolean hasCookie(byte[] b, int off) {
        if (b.length < off + 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (b[off + i] != COOKIE[i]) {
                return false;
            }
        }
        return true;
    }

    /** One's complement of the byte sum of {@code b[off..off+len)}, the 4 bytes at {@code off + field} taken as 0. */
    static int checksum(byte[] b, int off, int len, int field) {
        long sum = 0;
        for (int i = 0; i < len; i++) {
            if (i >= field && i < field + 4) {
                continue;
            }
            sum += b[off + i] & 0xFF;
        }
        return (int) ~sum;
    }

    /**
     * Parses a footer read at {@code at} in {@code file}, checking its cookie and checksum.
     *
     * @throws DiskFormatException naming the offset when the cookie or checksum is wrong
     */
    static VhdFooter parse(Path file, long at, byte[] b) {
        if (!hasCookie(b, 0)) {
            throw new DiskFormatException(file, at, "no VHD footer: expected the cookie \"conectix\"");
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        int stored = bb.getInt(64);
        int computed = checksum(b, 0, SIZE, 64);
        if (stored != computed) {
            throw new DiskFormatException(file, at + 64, String.format(
                    "VHD footer checksum 0x%08x does not match the computed 0x%08x (one's complement of the byte sum): "
                            + "the footer is corrupt or was edited", stored, computed));
        }
        byte[] uuid = new byte[16];
        bb.get(68, uuid);
        return new VhdFooter(bb.getInt(8), bb.getInt(12), bb.getLong(16), Integer.toUnsignedLong(bb.getInt(24)),
                new String(b, 28, 4, StandardCharsets.ISO_8859_1), bb.getInt(32), new String(b, 36, 4, StandardCharsets.ISO_8859_1),
                bb.getLong(40), bb.getLong(48), bb.getShort(56) & 0xFFFF, b[58] & 0xFF, b[59] & 0xFF, bb.getInt(60), uuid,
                b[84] & 0xFF);
    }

    /** The 512 bytes, checksum included. */
    byte[] encode() {
        byte[] b = new byte[SIZE];
        ByteBuffer bb = ByteBuffer.wrap(b);
        bb.put(COOKIE);
        bb.putInt(8, features).putInt(12, version).putLong(16, dataOffset).putInt(24, (int) timestamp);
        System.arraycopy(creatorApp.getBytes(StandardCharsets.ISO_8859_1), 0, b, 28, 4);
        bb.putInt(32, creatorVersion);
        System.arraycopy(creatorHostOs.getBytes(StandardCharsets.ISO_8859_1), 0, b, 36, 4);
        bb.putLong(40, originalSize).putLong(48, currentSize).putShort(56, (short) cylinders);
        b[58] = (byte) heads;
        b[59] = (byte) sectors;
        bb.putInt(60, diskType);
        System.arraycopy(uuid, 0, b, 68, 16);
        b[84] = (byte) savedState;
        bb.putInt(64, checksum(b, 0, SIZE, 64));
        return b;
    }

    /** The CHS product in bytes. */
    long chsBytes() {
        return (long) cylinders * heads * sectors * 512;
    }

    /** The uuid in the usual 8-4-4-4-12 spelling (bytes in stored order). */
    String uuidText() {
        return uuidText(uuid);
    }

    static String uuidText(byte[] u) {
        String h = HexFormat.of().formatHex(u);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }

    /**
     * The CHS geometry of the VHD specification for {@code totalSectors} (disk-formats.md §7.1;
     * identical to qemu's {@code calculate_geometry}): {cylinders, heads, sectors per track}.
     */
    public static int[] geometry(long totalSectors) {
        long t = Math.min(totalSectors, MAX_CHS_SECTORS);
        long spt;
        long heads;
        long cth;
        if (t >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cth = t / spt;
        } else {
            spt = 17;
            cth = t / spt;
            heads = Math.max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16) {
                spt = 31;
                heads = 16;
                cth = t / spt;
            }
            if (cth >= heads * 1024) {
                spt = 63;
                heads = 16;
                cth = t / spt;
            }
        }
        return new int[] {(int) (cth / heads), (int) heads, (int) spt};
    }
}
