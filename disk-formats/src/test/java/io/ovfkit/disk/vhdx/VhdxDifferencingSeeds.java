package io.ovfkit.disk.vhdx;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a small differencing VHDX ({@code .avhdx} layout, as {@link VhdxDifferencingTest} builds it)
 * over a parent beside it, for the fuzz seeds: a parent locator with {@code parent_linkage},
 * {@code relative_path} and {@code absolute_win32_path}, 1 MiB blocks, block 0 partially present
 * (a sector bitmap with two runs of the child's sectors). Fixed GUIDs, so the file is the same each time.
 */
public final class VhdxDifferencingSeeds {
    private static final int MIB = 1 << 20;
    private static final int BS = MIB;

    private VhdxDifferencingSeeds() {
    }

    /** Writes {@code child}, a differencing disk over {@code parent} (a VHDX in the same folder). */
    public static void writeChild(Path parent, Path child) throws IOException {
        long size;
        UUID linkage;
        try (DiskImage p = DiskImages.open(parent)) {
            size = p.capacity();
            linkage = UUID.fromString((String) p.details().get("dataWriteGuid"));
        }
        String name = parent.getFileName().toString();
        long chunk = (1L << 23) * 512 / BS; // 4096 blocks per sector bitmap block
        int batOff = 2 * MIB;
        int mdOff = 3 * MIB;
        int b0 = 4 * MIB;
        int bitmapOff = 5 * MIB;
        byte[] f = new byte[6 * MIB];
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, "vhdxfile".getBytes(StandardCharsets.US_ASCII));
        UUID dataWrite = new UUID(0x1111_2222_3333_4444L, 0x8555_6666_7777_8888L);
        for (int i = 0; i < 2; i++) {
            int h = (int) (Vhdx.HEADER1 + i * 64 * 1024);
            b.put(h, "head".getBytes(StandardCharsets.US_ASCII)).putLong(h + 8, i + 1);
            b.put(h + 16, Vhdx.guidBytes(new UUID(i + 1, 0x8000_0000_0000_0001L))).put(h + 32, Vhdx.guidBytes(dataWrite));
            b.putShort(h + 66, (short) 1).putInt(h + 68, MIB).putLong(h + 72, MIB);
            b.putInt(h + 4, Vhdx.crc(f, h, 4096, 4));
        }
        for (int i = 0; i < 2; i++) {
            int r = (int) (Vhdx.REGION1 + i * 64 * 1024);
            b.put(r, "regi".getBytes(StandardCharsets.US_ASCII)).putInt(r + 8, 2);
            b.put(r + 16, Vhdx.guidBytes(Vhdx.BAT)).putLong(r + 32, batOff).putInt(r + 40, MIB).putInt(r + 44, 1);
            b.put(r + 48, Vhdx.guidBytes(Vhdx.METADATA)).putLong(r + 64, mdOff).putInt(r + 72, MIB).putInt(r + 76, 1);
            b.putInt(r + 4, Vhdx.crc(f, r, 64 * 1024, 4));
        }
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("parent_linkage", "{" + linkage + "}");
        kv.put("relative_path", ".\\" + name);
        kv.put("absolute_win32_path", "C:\\VMs\\Disks\\" + name);
        byte[] loc = locator(kv);
        b.put(mdOff, "metadata".getBytes(StandardCharsets.US_ASCII)).putShort(mdOff + 10, (short) 6);
        Object[][] items = {{Vhdx.FILE_PARAMETERS, 8}, {Vhdx.VIRTUAL_DISK_SIZE, 8}, {Vhdx.PAGE83, 16},
            {Vhdx.LOGICAL_SECTOR, 4}, {Vhdx.PHYSICAL_SECTOR, 4}, {Vhdx.PARENT_LOCATOR, loc.length}};
        int at = 64 * 1024;
        for (int i = 0; i < items.length; i++) {
            int e = mdOff + 32 + 32 * i;
            int len = (Integer) items[i][1];
            b.put(e, Vhdx.guidBytes((UUID) items[i][0])).putInt(e + 16, at).putInt(e + 20, len).putInt(e + 24, i == 0 ? 4 : 6);
            int p = mdOff + at;
            switch (i) {
                case 0 -> b.putInt(p, BS).putInt(p + 4, 2);
                case 1 -> b.putLong(p, size);
                case 2 -> b.put(p, Vhdx.guidBytes(new UUID(0x0bad_cafe_0000_0001L, 0x8000_0000_0000_0002L)));
                case 3 -> b.putInt(p, 512);
                case 4 -> b.putInt(p, 4096);
                default -> b.put(p, loc);
            }
            at += (len + 7) / 8 * 8;
        }
        // Block 0 partially present: sectors 0-7 and the disk's last sector are the child's.
        long last = size / 512 - 1;
        for (int s = 0; s < 8; s++) {
            f[bitmapOff + s / 8] |= (byte) (1 << (s % 8));
            for (int k = 0; k < 512; k++) {
                f[b0 + s * 512 + k] = (byte) (s * 512 + k * 13 + 5);
            }
        }
        f[bitmapOff + (int) (last / 8)] |= (byte) (1 << (last % 8));
        java.util.Arrays.fill(f, b0 + (int) last * 512, b0 + (int) last * 512 + 512, (byte) 0x5A);
        b.putLong(batOff, b0 | Vhdx.PARTIALLY_PRESENT);
        b.putLong(batOff + 8 * (int) chunk, bitmapOff | Vhdx.FULLY_PRESENT);
        Files.write(child, f);
    }

    /** A VHDX parent locator holding {@code kv} (also used by {@code VhdxDifferencingTest}). */
    static byte[] locator(Map<String, String> kv) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(20 + 12 * kv.size()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(Vhdx.guidBytes(Vhdx.VHDX_LOCATOR_TYPE)).putShort((short) 0).putShort((short) kv.size());
        int base = head.capacity();
        for (Map.Entry<String, String> e : kv.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_16LE);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_16LE);
            head.putInt(base + strings.size());
            strings.writeBytes(k);
            head.putInt(base + strings.size());
            strings.writeBytes(v);
            head.putShort((short) k.length).putShort((short) v.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }
}
