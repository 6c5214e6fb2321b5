package io.ovfkit.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a disk file holds, from its first bytes (after gzip is undone): the names target rules use
 * ({@code vmdk-streamOptimized}, {@code vmdk-monolithicSparse}, {@code vmdk-descriptor},
 * {@code qcow2}, {@code vhdx}, {@code vhd}, {@code vdi}, {@code iso}, {@code unknown}).
 */
final class DiskPayloads {
    /** Bytes needed: an ISO's volume descriptor is at 32769. */
    static final int HEAD = 32774;

    private DiskPayloads() {
    }

    static String classify(byte[] head, int n) {
        if (n >= 12 && ascii(head, 0, 4).equals("KDMV")) {
            int flags = ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            boolean compressed = (flags & (1 << 16)) != 0;
            boolean markers = (flags & (1 << 17)) != 0;
            return compressed && markers ? "vmdk-streamOptimized" : "vmdk-monolithicSparse";
        }
        if (n >= 4 && ascii(head, 0, 4).equals("COWD")) {
            return "vmdk-cowd";
        }
        if (n >= 21 && ascii(head, 0, 21).equals("# Disk DescriptorFile")) {
            return "vmdk-descriptor";
        }
        if (n >= 4 && (head[0] & 0xff) == 'Q' && head[1] == 'F' && head[2] == 'I' && (head[3] & 0xff) == 0xfb) {
            return "qcow2";
        }
        if (n >= 8 && ascii(head, 0, 8).equals("vhdxfile")) {
            return "vhdx";
        }
        if (n >= 8 && ascii(head, 0, 8).equals("conectix")) {
            return "vhd";
        }
        if (n >= 0x44 && ByteBuffer.wrap(head, 0x40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == 0xbeda107f) {
            return "vdi";
        }
        if (n >= 32774 && ascii(head, 32769, 5).equals("CD001")) {
            return "iso";
        }
        return "unknown";
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
