package io.ovfkit.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The header flavour of each member of a tar file, read from the headers only (data is skipped,
 * nothing is extracted). ova-io indexes members but does not say which flavour their headers are;
 * importers care (vSphere takes no PAX), so this reads the 512-byte headers of a local OVA itself.
 */
final class TarHeaders {
    /** One member: its name and flavour ({@code ustar}, {@code gnu}, {@code pax}, {@code v7}). */
    record Header(String name, String flavour) {
    }

    private static final int MAX_HEADERS = 1_000_000;

    private TarHeaders() {
    }

    /** The members' headers in archive order; stops quietly at the end marker or a damaged header. */
    static List<Header> read(Path file) throws IOException {
        List<Header> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            long size = ch.size();
            boolean pax = false;
            boolean gnu = false;
            ByteBuffer b = ByteBuffer.allocate(512);
            for (int i = 0; i < MAX_HEADERS && pos + 512 <= size; i++) {
                b.clear();
                while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
                    // fill
                }
                byte[] h = b.array();
                if (allZero(h)) {
                    break;
                }
                long length = size(h);
                if (length < 0) {
                    break;
                }
                byte type = h[156];
                pos += 512 + ((length + 511) / 512) * 512;
                if (type == 'x' || type == 'g') {
                    pax = true;
                    continue;
                }
                if (type == 'L' || type == 'K') {
                    gnu = true;
                    continue;
                }
                String magic = new String(h, 257, 8, StandardCharsets.ISO_8859_1);
                String flavour;
                if (pax) {
                    flavour = "pax";
                } else if (gnu || magic.equals("ustar  \0")) {
                    flavour = "gnu";
                } else if (magic.startsWith("ustar\0")) {
                    flavour = "ustar";
                } else {
                    flavour = "v7";
                }
                out.add(new Header(name(h), flavour));
                pax = false;
                gnu = false;
            }
        }
        return out;
    }

    private static boolean allZero(byte[] h) {
        for (byte x : h) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String name(byte[] h) {
        int n = 0;
        while (n < 100 && h[n] != 0) {
            n++;
        }
        String name = new String(h, 0, n, StandardCharsets.UTF_8);
        int pn = 0;
        while (pn < 155 && h[345 + pn] != 0) {
            pn++;
        }
        String prefix = new String(h, 345, pn, StandardCharsets.UTF_8);
        return prefix.isEmpty() || !new String(h, 257, 6, StandardCharsets.ISO_8859_1).startsWith("ustar")
                ? name : prefix + "/" + name;
    }

    /** The size field: octal, or GNU base-256 when the high bit is set; -1 when unreadable. */
    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = 124; i < 136; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                return -1;
            }
            v = v * 8 + (c - '0');
            digits = true;
        }
        return v;
    }
}
