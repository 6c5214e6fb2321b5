package io.ovfkit.ova;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.vmdk.SparseExtentHeader;
import io.ovfkit.disk.vmdk.VmdkDescriptor;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Recognises a disk from its first bytes, for disks that cannot be opened in place (gzip-compressed,
 * chunked, or in a package read as a stream): a single-file VMDK's sparse header gives the capacity
 * and its embedded descriptor the {@code createType} (through disk-formats' public
 * {@link SparseExtentHeader} and {@link VmdkDescriptor}); other formats are named by their magic.
 */
final class DiskHeads {
    private DiskHeads() {
    }

    /**
     * What the head says.
     *
     * @param format short name ({@code vmdk-streamOptimized}, {@code vmdk}, {@code qcow2}, {@code vhdx},
     *     {@code vdi}, {@code vhd}, {@code iso}, {@code raw})
     * @param capacity guest bytes, or {@code null} when the head does not tell
     */
    record Probe(String format, Long capacity) {
    }

    /** The decoded first bytes of a gzip stream's head (as far as they go). */
    static byte[] gunzipHead(byte[] compressed, int max) {
        byte[] out = new byte[max];
        int n = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            while (n < max) {
                int r = in.read(out, n, max - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            // the head ends inside the stream: keep what was decoded
        } catch (IOException e) {
            return null;
        }
        return Arrays.copyOf(out, n);
    }

    static Probe probe(byte[] head, String name) {
        int n = head.length;
        if (n >= 4 && head[0] == 'K' && head[1] == 'D' && head[2] == 'M' && head[3] == 'V') {
            return vmdk(head, name);
        }
        String text = new String(head, 0, Math.min(n, 64), StandardCharsets.ISO_8859_1);
        if (text.startsWith("# Disk DescriptorFile") || text.startsWith("# Disk Descriptor File")) {
            return new Probe("vmdk-descriptor", null);
        }
        if (n >= 32 && head[0] == 'Q' && head[1] == 'F' && head[2] == 'I' && (head[3] & 0xff) == 0xfb) {
            return new Probe("qcow2", ByteBuffer.wrap(head, 24, 8).getLong());
        }
        if (text.startsWith("vhdxfile")) {
            return new Probe("vhdx", null);
        }
        if (text.startsWith("conectix")) {
            return new Probe("vhd", ByteBuffer.wrap(head, 48, 8).getLong());
        }
        if (n >= 0x44 && (head[0x40] & 0xff) == 0x7f && (head[0x41] & 0xff) == 0x10 && (head[0x42] & 0xff) == 0xda
                && (head[0x43] & 0xff) == 0xbe) {
            return new Probe("vdi", null);
        }
        if (n >= 0x8006 && new String(head, 0x8001, 5, StandardCharsets.ISO_8859_1).equals("CD001")) {
            return new Probe("iso", null);
        }
        return new Probe("raw", null);
    }

    private static Probe vmdk(byte[] head, String name) {
        Path p = Path.of("disk");
        try {
            p = Path.of(name);
        } catch (RuntimeException ignored) {
            // a URL or odd name: messages use "disk"
        }
        if (head.length < SparseExtentHeader.SIZE) {
            return new Probe("vmdk", null);
        }
        try {
            SparseExtentHeader h = SparseExtentHeader.parse(ByteBuffer.wrap(head, 0, SparseExtentHeader.SIZE), p, 0,
                    Long.MAX_VALUE / 2);
            Long capacity = h.capacity() * 512;
            String createType = null;
            long from = h.descriptorOffset() * 512;
            long len = h.descriptorSize() * 512;
            if (from > 0 && len > 0 && from + len <= head.length) {
                byte[] d = Arrays.copyOfRange(head, (int) from, (int) (from + len));
                int end = 0;
                while (end < d.length && d[end] != 0) {
                    end++;
                }
                createType = VmdkDescriptor.parse(d, end, p).createType();
            }
            return new Probe(createType == null ? "vmdk" : "vmdk-" + createType, capacity);
        } catch (DiskFormatException e) {
            return new Probe("vmdk", null);
        }
    }
}
