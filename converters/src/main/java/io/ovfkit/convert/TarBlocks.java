package io.ovfkit.convert;

import java.nio.charset.StandardCharsets;

/**
 * Tar headers as GNU tar writes them (magic {@code "ustar  \0"}; sizes of 8 GiB and more in
 * base-256), for the archives {@link Retargeter} writes itself (the GCE image, the OCI layout).
 * Names are at most 100 bytes; no PAX, no long-name entries.
 */
final class TarBlocks {
    static final int BLOCK = 512;
    static final byte FILE = '0';
    static final byte DIRECTORY = '5';

    private TarBlocks() {
    }

    /**
     * One header block.
     *
     * @param name the member name (at most 100 bytes of UTF-8)
     * @param size the data size
     * @param mode permission bits
     * @param owner uid and gid
     * @param mtime seconds since the epoch
     * @param type {@link #FILE} or {@link #DIRECTORY}
     */
    static byte[] header(String name, long size, int mode, int owner, long mtime, byte type) {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > 100) {
            throw new IllegalArgumentException("tar member name longer than 100 bytes: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, owner);
        octal(h, 116, 8, owner);
        if (size < 077777777777L) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80; // GNU base-256
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, Math.max(0, mtime));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = type;
        byte[] magic = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String s = String.format("%06o", sum);
        for (int i = 0; i < 6; i++) {
            h[148 + i] = (byte) s.charAt(i);
        }
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void octal(byte[] h, int at, int len, long v) {
        String s = Long.toOctalString(v);
        int digits = len - 1;
        if (s.length() > digits) {
            throw new IllegalArgumentException("value too large for a tar field: " + v);
        }
        for (int i = 0; i < digits; i++) {
            int k = i - (digits - s.length());
            h[at + i] = (byte) (k < 0 ? '0' : s.charAt(k));
        }
        h[at + digits] = 0;
    }

    /** Zero bytes that pad {@code size} bytes of data to a whole block. */
    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }
}
