package io.ovfkit.disk.vhdx;

import io.ovfkit.disk.DiskFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Replays a VHDX log in memory (MS-VHDX §2.3): finds the active sequence of log entries and turns
 * their data and zero descriptors into an ordered list of writes that {@link VhdxImage} lays over
 * the file's bytes. The input file is never changed.
 *
 * <p>Entries: a 64-byte {@code loge} header (CRC-32C over the whole entry with the checksum
 * zeroed, entry length a multiple of 4 KiB, tail, sequence number, descriptor count, log GUID,
 * flushed and last file offsets), 32-byte {@code desc}/{@code zero} descriptors filling whole
 * 4 KiB sectors, then one 4 KiB {@code data} sector per data descriptor (its first 8 and last 4
 * bytes live in the descriptor). A sequence is entries whose sequence numbers increase by one,
 * each starting where the previous ends (circularly); it is valid when the tail its last entry
 * names is in it. The active sequence is the valid one whose last entry has the largest sequence
 * number; its entries are applied from the tail to the head.
 */
final class VhdxLog {
    static final int SECTOR = 4096;
    /** Largest log replayed (the log is read into memory). */
    static final long MAX_LOG = 64L << 20;

    /** One write of the replayed log: {@code data == null} writes zeros. */
    record Write(long fileOffset, long length, byte[] data) {
    }

    /** What the replay produced. */
    record Replay(List<Write> writes, long lastFileOffset, long entries, long headSequence) {
    }

    private record Entry(int offset, int length, int tail, long seq, long lastFileOffset, List<Write> writes) {
    }

    private VhdxLog() {
    }

    static Replay replay(Path path, byte[] log, long logOffset, UUID logGuid) {
        int n = log.length / SECTOR;
        // Each sector is parsed at most once; a start inside a sequence already walked gives a suffix of it.
        Entry[] memo = new Entry[n];
        boolean[] parsed = new boolean[n];
        boolean[] visited = new boolean[n];
        java.util.function.IntFunction<Entry> at = off -> {
            int i = off / SECTOR;
            if (!parsed[i]) {
                parsed[i] = true;
                memo[i] = parse(log, off, logGuid);
            }
            return memo[i];
        };
        List<Entry> best = null;
        for (int s = 0; s < n; s++) {
            if (visited[s]) {
                continue;
            }
            Entry e = at.apply(s * SECTOR);
            if (e == null) {
                continue;
            }
            visited[s] = true;
            List<Entry> seq = new ArrayList<>();
            seq.add(e);
            long used = e.length();
            Entry last = e;
            while (used < log.length) {
                int nextOff = (int) ((last.offset() + (long) last.length()) % log.length);
                Entry next = at.apply(nextOff);
                if (next == null || next.seq() != last.seq() + 1) {
                    break;
                }
                visited[nextOff / SECTOR] = true;
                used += next.length();
                if (used > log.length) {
                    break;
                }
                seq.add(next);
                last = next;
            }
            int tailAt = -1;
            for (int i = 0; i < seq.size(); i++) {
                if (seq.get(i).offset() == last.tail()) {
                    tailAt = i;
                    break;
                }
            }
            if (tailAt < 0) {
                continue;
            }
            List<Entry> active = seq.subList(tailAt, seq.size());
            if (best == null || last.seq() > best.get(best.size() - 1).seq()) {
                best = List.copyOf(active);
            }
        }
        if (best == null) {
            throw new DiskFormatException(path, logOffset, "the header names a log (log GUID " + logGuid
                    + ") but the log holds no valid sequence of entries to replay");
        }
        List<Write> writes = new ArrayList<>();
        long lastOff = 0;
        for (Entry e : best) {
            writes.addAll(e.writes());
            lastOff = Math.max(lastOff, e.lastFileOffset());
        }
        return new Replay(List.copyOf(writes), lastOff, best.size(), best.get(best.size() - 1).seq());
    }

    /** The entry at {@code off} of the log, or null when none valid starts there. */
    private static Entry parse(byte[] log, int off, UUID logGuid) {
        if (!Vhdx.sig(log, off, "loge")) {
            return null;
        }
        ByteBuffer b = Vhdx.le(log);
        long len = Integer.toUnsignedLong(b.getInt(off + 8));
        long tail = Integer.toUnsignedLong(b.getInt(off + 12));
        long seq = b.getLong(off + 16);
        long count = Integer.toUnsignedLong(b.getInt(off + 24));
        if (len == 0 || len % SECTOR != 0 || len > log.length || tail % SECTOR != 0 || tail >= log.length
                || count > len / 32 || seq == 0) {
            return null;
        }
        if (!Vhdx.guid(log, off + 32).equals(logGuid)) {
            return null;
        }
        // The entry, unwrapped (it may wrap around the end of the circular log).
        byte[] entry = new byte[(int) len];
        for (int i = 0; i < len; i += SECTOR) {
            System.arraycopy(log, (int) ((off + (long) i) % log.length), entry, i, SECTOR);
        }
        int stored = Vhdx.le(entry).getInt(4);
        if (Vhdx.crc(entry, 0, entry.length, 4) != stored) {
            return null;
        }
        ByteBuffer eb = Vhdx.le(entry);
        long flushed = eb.getLong(48);
        long lastFile = eb.getLong(56);
        long descSectors = (64 + 32 * count + SECTOR - 1) / SECTOR;
        int dataSector = (int) descSectors;
        if (descSectors * SECTOR > len) {
            return null;
        }
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int d = 64 + 32 * i;
            if (Vhdx.sig(entry, d, "zero")) {
                long zlen = eb.getLong(d + 8);
                long foff = eb.getLong(d + 16);
                if (eb.getLong(d + 24) != seq || zlen % SECTOR != 0 || foff % SECTOR != 0 || foff < 0 || zlen < 0) {
                    return null;
                }
                writes.add(new Write(foff, zlen, null));
            } else if (Vhdx.sig(entry, d, "desc")) {
                int trailing = eb.getInt(d + 4);
                long leading = eb.getLong(d + 8);
                long foff = eb.getLong(d + 16);
                if (eb.getLong(d + 24) != seq || foff % SECTOR != 0 || foff < 0) {
                    return null;
                }
                long at = (long) dataSector * SECTOR;
                if (at + SECTOR > len) {
                    return null;
                }
                int a = (int) at;
                long seqHigh = Integer.toUnsignedLong(eb.getInt(a + 4));
                long seqLow = Integer.toUnsignedLong(eb.getInt(a + 4092));
                if (!Vhdx.sig(entry, a, "data") || ((seqHigh << 32) | seqLow) != seq) {
                    return null;
                }
                byte[] data = Arrays.copyOfRange(entry, a, a + SECTOR);
                ByteBuffer db = Vhdx.le(data);
                db.putLong(0, leading);
                db.putInt(4092, trailing);
                writes.add(new Write(foff, SECTOR, data));
                dataSector++;
            } else {
                return null;
            }
        }
        return new Entry(off, (int) len, (int) tail, seq, Math.max(flushed, lastFile), writes);
    }
}
