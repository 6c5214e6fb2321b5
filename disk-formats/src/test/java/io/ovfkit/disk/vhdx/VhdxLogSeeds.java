package io.ovfkit.disk.vhdx;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Puts a dirty log into a VHDX the project wrote, for the fuzz seeds (the same log as {@link VhdxLogTest}). */
public final class VhdxLogSeeds {
    private VhdxLogSeeds() {
    }

    /**
     * Adds a log entry at the start of the log with a data descriptor (4 KiB of pattern written over
     * {@code dataOffset + 4096}) and a zero descriptor (8 KiB at {@code dataOffset + 16384}), and
     * points both headers at it, so that opening the image replays it.
     */
    public static void addDirtyLog(java.nio.file.Path vhdx, long dataOffset) throws IOException {
        UUID g = new UUID(0x0123456789abcdefL, 0x0fedcba987654321L);
        long seq = 0x1_0000_0005L;
        byte[] sector = new byte[4096];
        for (int i = 0; i < sector.length; i++) {
            sector[i] = (byte) (i * 7 + 1);
        }
        byte[] entry = new byte[8192];
        ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        try (RandomAccessFile f = new RandomAccessFile(vhdx.toFile(), "rw")) {
            long fileSize = f.length();
            e.put(0, "loge".getBytes(StandardCharsets.US_ASCII)).putInt(8, 8192).putInt(12, 0).putLong(16, seq).putInt(24, 2);
            e.put(32, Vhdx.guidBytes(g)).putLong(48, fileSize).putLong(56, fileSize);
            e.put(64, "desc".getBytes(StandardCharsets.US_ASCII))
                    .putInt(68, ByteBuffer.wrap(sector, 4092, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                    .putLong(72, ByteBuffer.wrap(sector, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                    .putLong(80, dataOffset + 4096).putLong(88, seq);
            e.put(96, "zero".getBytes(StandardCharsets.US_ASCII)).putLong(104, 8192).putLong(112, dataOffset + 16384)
                    .putLong(120, seq);
            e.put(4096, "data".getBytes(StandardCharsets.US_ASCII)).putInt(4100, (int) (seq >>> 32));
            System.arraycopy(sector, 8, entry, 4104, 4084);
            e.putInt(8188, (int) seq);
            e.putInt(4, Vhdx.crc(entry, 0, entry.length, 4));
            f.seek(Vhdx.MIB);
            f.write(entry);
            for (long h : new long[] {Vhdx.HEADER1, Vhdx.HEADER2}) {
                byte[] hb = new byte[4096];
                f.seek(h);
                f.readFully(hb);
                System.arraycopy(Vhdx.guidBytes(g), 0, hb, 48, 16);
                ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Vhdx.crc(hb, 0, 4096, 4));
                f.seek(h);
                f.write(hb);
            }
        }
    }
}
