package io.ovfkit.convert.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Writes a minimal ISO 9660 image holding one file in its root directory, the way the OVF
 * environment reaches a guest on a CD-ROM (DSP0243 §11.1, the {@code iso} transport):
 * a primary volume descriptor, a terminator, both path tables, the root directory and the file.
 * Level 1 identifiers (8.3, upper case, {@code ;1}); no Joliet or Rock Ridge: Linux and Windows
 * show the name in lower case ({@code ovf-env.xml}).
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class IsoImage {
    private static final int SECTOR = 2048;
    /** The largest file this writer puts on an image (an OVF environment is a few KiB). */
    public static final int MAX_FILE = 64 << 20;

    private IsoImage() {
    }

    /**
     * Writes {@code iso} holding {@code content} as {@code fileName}.
     *
     * @param volumeId up to 32 characters of A-Z, 0-9 and _ (such as {@code OVF_ENV})
     * @param fileName an 8.3 name such as {@code OVF-ENV.XML}
     * @param time the recorded date (UTC)
     */
    public static void write(Path iso, String volumeId, String fileName, byte[] content, ZonedDateTime time) throws IOException {
        if (content.length > MAX_FILE) {
            throw new IllegalArgumentException("file too large for this ISO writer: " + content.length + " bytes");
        }
        String id = fileName.toUpperCase(java.util.Locale.ROOT) + ";1";
        int fileSectors = (content.length + SECTOR - 1) / SECTOR;
        int rootSector = 20;
        int fileSector = 21;
        int total = fileSector + Math.max(fileSectors, 1);
        ByteBuffer img = ByteBuffer.allocate(total * SECTOR);
        ZonedDateTime t = time.withZoneSameInstant(ZoneOffset.UTC);
        // primary volume descriptor, sector 16
        ByteBuffer pvd = slice(img, 16);
        pvd.put(0, (byte) 1);
        put(pvd, 1, "CD001");
        pvd.put(6, (byte) 1);
        put(pvd, 8, pad("", 32));
        put(pvd, 40, pad(volumeId, 32));
        both32(pvd, 80, total);
        both16(pvd, 120, 1);
        both16(pvd, 124, 1);
        both16(pvd, 128, SECTOR);
        both32(pvd, 132, 10);
        pvd.order(ByteOrder.LITTLE_ENDIAN).putInt(140, 18);
        pvd.order(ByteOrder.BIG_ENDIAN).putInt(148, 19);
        directoryRecord(pvd, 156, rootSector, SECTOR, true, new byte[] {0}, t);
        put(pvd, 190, pad("", 128));
        put(pvd, 318, pad("", 128));
        put(pvd, 446, pad("", 128));
        put(pvd, 574, pad("OVFKIT", 128));
        put(pvd, 702, pad("", 37 * 3));
        String date = String.format("%04d%02d%02d%02d%02d%02d00", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        put(pvd, 813, date);
        put(pvd, 830, date);
        put(pvd, 847, "0000000000000000");
        put(pvd, 864, "0000000000000000");
        pvd.put(881, (byte) 1);
        // terminator, sector 17
        ByteBuffer term = slice(img, 17);
        term.put(0, (byte) 255);
        put(term, 1, "CD001");
        term.put(6, (byte) 1);
        // path tables (L at 18, M at 19): the root only
        pathTable(slice(img, 18), rootSector, ByteOrder.LITTLE_ENDIAN);
        pathTable(slice(img, 19), rootSector, ByteOrder.BIG_ENDIAN);
        // root directory
        ByteBuffer root = slice(img, rootSector);
        int p = directoryRecord(root, 0, rootSector, SECTOR, true, new byte[] {0}, t);
        p += directoryRecord(root, p, rootSector, SECTOR, true, new byte[] {1}, t);
        directoryRecord(root, p, fileSector, content.length, false, id.getBytes(StandardCharsets.US_ASCII), t);
        img.put(fileSector * SECTOR, content);
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            img.position(0).limit(img.capacity());
            while (img.hasRemaining()) {
                ch.write(img);
            }
        }
    }

    private static ByteBuffer slice(ByteBuffer img, int sector) {
        return img.duplicate().position(sector * SECTOR).limit(sector * SECTOR + SECTOR).slice();
    }

    private static void pathTable(ByteBuffer b, int rootSector, ByteOrder order) {
        b.order(order);
        b.put(0, (byte) 1);
        b.put(1, (byte) 0);
        b.putInt(2, rootSector);
        b.putShort(6, (short) 1);
        b.put(8, (byte) 0);
    }

    private static int directoryRecord(ByteBuffer b, int at, int extent, int length, boolean dir, byte[] id, ZonedDateTime t) {
        int len = 33 + id.length + (id.length % 2 == 0 ? 1 : 0);
        b.put(at, (byte) len);
        b.put(at + 1, (byte) 0);
        both32(b, at + 2, extent);
        both32(b, at + 10, length);
        b.put(at + 18, (byte) (t.getYear() - 1900));
        b.put(at + 19, (byte) t.getMonthValue());
        b.put(at + 20, (byte) t.getDayOfMonth());
        b.put(at + 21, (byte) t.getHour());
        b.put(at + 22, (byte) t.getMinute());
        b.put(at + 23, (byte) t.getSecond());
        b.put(at + 24, (byte) 0);
        b.put(at + 25, (byte) (dir ? 2 : 0));
        both16(b, at + 28, 1);
        b.put(at + 32, (byte) id.length);
        for (int i = 0; i < id.length; i++) {
            b.put(at + 33 + i, id[i]);
        }
        return len;
    }

    private static void both32(ByteBuffer b, int at, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        b.order(ByteOrder.BIG_ENDIAN).putInt(at + 4, v);
    }

    private static void both16(ByteBuffer b, int at, int v) {
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
        b.order(ByteOrder.BIG_ENDIAN).putShort(at + 2, (short) v);
    }

    private static void put(ByteBuffer b, int at, String ascii) {
        byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            b.put(at + i, bytes[i]);
        }
    }

    private static String pad(String s, int n) {
        char[] c = new char[n];
        Arrays.fill(c, ' ');
        String u = s.length() > n ? s.substring(0, n) : s;
        u.getChars(0, u.length(), c, 0);
        return new String(c);
    }
}
