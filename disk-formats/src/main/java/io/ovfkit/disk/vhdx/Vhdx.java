package io.ovfkit.disk.vhdx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Constants and little helpers of the VHDX format (disk-formats.md §4, MS-VHDX 1.0). */
final class Vhdx {
    static final long KIB = 1024;
    static final long MIB = 1 << 20;
    static final long HEADER1 = 64 * KIB;
    static final long HEADER2 = 128 * KIB;
    static final int HEADER_SIZE = 4096;
    static final long REGION1 = 192 * KIB;
    static final long REGION2 = 256 * KIB;
    static final int REGION_SIZE = 64 * 1024;
    static final int MAX_ENTRIES = 2047;

    static final UUID BAT = UUID.fromString("2DC27766-F623-4200-9D64-115E9BFD4A08");
    static final UUID METADATA = UUID.fromString("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    static final UUID PAGE83 = UUID.fromString("BECA12AB-B2E6-4523-93EF-C309E000C746");
    static final UUID LOGICAL_SECTOR = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    static final UUID PHYSICAL_SECTOR = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");
    static final UUID PARENT_LOCATOR = UUID.fromString("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");
    static final UUID VHDX_LOCATOR_TYPE = UUID.fromString("B04AEFB7-D19E-4A81-B789-25B8E9445913");

    /** BAT payload states. */
    static final int NOT_PRESENT = 0;
    static final int UNDEFINED = 1;
    static final int ZERO = 2;
    static final int UNMAPPED = 3;
    static final int FULLY_PRESENT = 6;
    static final int PARTIALLY_PRESENT = 7;

    private Vhdx() {
    }

    /** A Microsoft-order GUID (data1..3 little-endian) at {@code off} of {@code b}. */
    static UUID guid(byte[] b, int off) {
        ByteBuffer le = ByteBuffer.wrap(b, off, 16).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = Integer.toUnsignedLong(le.getInt(off));
        long d2 = Short.toUnsignedLong(le.getShort(off + 4));
        long d3 = Short.toUnsignedLong(le.getShort(off + 6));
        long msb = (d1 << 32) | (d2 << 16) | d3;
        long lsb = ByteBuffer.wrap(b, off + 8, 8).getLong();
        return new UUID(msb, lsb);
    }

    /** The Microsoft-order bytes of {@code u}. */
    static byte[] guidBytes(UUID u) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long msb = u.getMostSignificantBits();
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** CRC-32C of {@code b[off, off+len)} with the 4 bytes at {@code off + crcAt} taken as zero. */
    static int crc(byte[] b, int off, int len, int crcAt) {
        CRC32C c = new CRC32C();
        c.update(b, off, crcAt);
        c.update(new byte[4]);
        c.update(b, off + crcAt + 4, len - crcAt - 4);
        return (int) c.getValue();
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static boolean sig(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
