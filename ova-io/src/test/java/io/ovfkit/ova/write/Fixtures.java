package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.build.ApplianceBuilder;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Inputs the writer tests package, and independent ways of looking at what they wrote. */
final class Fixtures {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Fixtures() {
    }

    /**
     * A raw disk that looks used: random runs, text runs and zero runs (64 KiB-aligned and not),
     * seeded. {@code size} need not be a multiple of 512.
     */
    static Path rawDisk(Path dir, String name, long size, long seed) {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        byte[] text = ("2026-11-22T03:00:00Z ovfkit[" + seed + "]: block written, nothing to see here\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            int kind = 0;
            while (pos < size) {
                int len = (int) Math.min(size - pos, 4096 + r.nextInt(300_000));
                byte[] b = new byte[len];
                switch (kind++ % 3) {
                    case 0 -> r.nextBytes(b);
                    case 1 -> {
                        for (int i = 0; i < len; i++) {
                            b[i] = text[i % text.length];
                        }
                    }
                    default -> Arrays.fill(b, (byte) 0);
                }
                ch.write(ByteBuffer.wrap(b), pos);
                pos += len;
            }
            ch.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A one-VM appliance named {@code name} with disks {@code NAME-diskN.vmdk} of the given capacities. */
    static OvfDescriptor appliance(String name, long... capacities) {
        ApplianceBuilder b = ApplianceBuilder.named(name).network("VM Network");
        for (int i = 0; i < capacities.length; i++) {
            b.disk(new ApplianceBuilder.DiskSpec(name + "-disk" + (i + 1) + ".vmdk", capacities[i], null, null));
        }
        return b.build(OvfVersion.V1_0);
    }

    /** A member header as read from the raw bytes of a tar file. */
    record Header(long offset, String name, String mode, String uid, String gid, String uname, String gname,
            long size, long mtime, char type, String magic, String version, boolean checksumOk) {
    }

    /** Walks the headers of a tar file byte by byte, as a reader with no tar library would. */
    static List<Header> headers(Path tar) {
        List<Header> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            long pos = 0;
            long end = ch.size();
            ByteBuffer b = ByteBuffer.allocate(512);
            while (pos + 512 <= end) {
                b.clear();
                ch.read(b, pos);
                byte[] h = b.array();
                boolean zero = true;
                for (byte x : h) {
                    zero &= x == 0;
                }
                if (zero) {
                    break;
                }
                long size = number(h, 124, 12);
                long sum = 0;
                for (int i = 0; i < 512; i++) {
                    sum += (i >= 148 && i < 156) ? 32 : (h[i] & 0xff);
                }
                out.add(new Header(pos, text(h, 0, 100), text(h, 100, 8), text(h, 108, 8), text(h, 116, 8),
                        text(h, 265, 32), text(h, 297, 32), size, number(h, 136, 12), (char) h[156],
                        new String(h, 257, 6, StandardCharsets.ISO_8859_1), new String(h, 263, 2, StandardCharsets.ISO_8859_1),
                        sum == number(h, 148, 8)));
                pos += 512 + (size + 511) / 512 * 512;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String text(byte[] h, int off, int len) {
        int n = 0;
        while (n < len && h[off + n] != 0) {
            n++;
        }
        return new String(h, off, n, StandardCharsets.UTF_8);
    }

    /** An octal field, or a base-256 one (first byte 0x80). */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = 0;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        String s = text(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** The member names as Python's tarfile lists them. */
    static List<String> pythonNames(Path tar) {
        Oracle.Result r = python("import sys, tarfile\n"
                + "with tarfile.open(sys.argv[1]) as t:\n"
                + "    assert not t.pax_headers, t.pax_headers\n"
                + "    for m in t.getmembers():\n"
                + "        assert m.isreg() and not m.pax_headers, m.name\n"
                + "        print('%s\\t%d\\t%o\\t%d\\t%d\\t%s\\t%s\\t%d\\t%d' % (m.name, m.size, m.mode, m.uid, m.gid,"
                + " m.uname, m.gname, m.mtime, m.offset_data))\n", tar.toString());
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isEmpty()) {
                names.add(line.split("\t", -1)[0]);
            }
        }
        return names;
    }

    /** Python's tarfile's view of each member: name, size, mode, uid, gid, uname, gname, mtime, data offset. */
    static List<String[]> pythonMembers(Path tar) {
        Oracle.Result r = python("import sys, tarfile\n"
                + "with tarfile.open(sys.argv[1]) as t:\n"
                + "    for m in t.getmembers():\n"
                + "        print('%s\\t%d\\t%o\\t%d\\t%d\\t%s\\t%s\\t%d\\t%d' % (m.name, m.size, m.mode, m.uid, m.gid,"
                + " m.uname, m.gname, m.mtime, m.offset_data))\n", tar.toString());
        List<String[]> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    static Oracle.Result python(String script, String... args) {
        Path py = Oracle.require("python3");
        List<String> cmd = new ArrayList<>(List.of(py.toString(), "-c", script));
        cmd.addAll(List.of(args));
        Oracle.Result r = Oracle.run(cmd, null, TIMEOUT);
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r;
    }

    /** The member names GNU tar lists ({@code tar tf}). */
    static List<String> gnuTarNames(Path tar) {
        Oracle.Result r = run(List.of(Oracle.require("tar").toString(), "tf", tar.toString()), null);
        return List.of(r.stdout().strip().split("\n"));
    }

    /** Extracts the whole archive with GNU tar into {@code dir}. */
    static void gnuTarExtract(Path tar, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of(Oracle.require("tar").toString(), "xf", tar.toAbsolutePath().toString()), dir);
    }

    /** {@code sha256sum} of files (hex each, in order). */
    static List<String> sha256sum(Path dir, List<String> names) {
        List<String> cmd = new ArrayList<>(List.of(Oracle.require("sha256sum").toString(), "--"));
        cmd.addAll(names);
        Oracle.Result r = run(cmd, dir);
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().strip().split("\n")) {
            out.add(line.substring(0, 64));
        }
        return out;
    }

    /** {@code qemu-img compare} of a raw source with an image read in place at an offset of a file. */
    static Oracle.Result qemuCompareInPlace(Path source, Path file, long offset, long size) {
        String json = "json:{\"driver\":\"vmdk\",\"file\":{\"driver\":\"raw\",\"offset\":" + offset + ",\"size\":" + size
                + ",\"file\":{\"driver\":\"file\",\"filename\":\"" + file.toAbsolutePath() + "\"}}}";
        return Oracle.run(List.of(Oracle.require("qemu-img").toString(), "compare", "-f", "raw", source.toString(), json),
                null, TIMEOUT);
    }

    /** {@code qemu-img compare} of a raw source with a VMDK file. */
    static Oracle.Result qemuCompare(Path source, Path vmdk) {
        return Oracle.run(List.of(Oracle.require("qemu-img").toString(), "compare", "-f", "raw", "-F", "vmdk",
                source.toString(), vmdk.toString()), null, TIMEOUT);
    }

    static Oracle.Result run(List<String> cmd, Path dir) {
        Oracle.Result r = Oracle.run(cmd, dir, TIMEOUT, Map.of());
        assertThat(r.ok()).as(String.join(" ", cmd) + "\n" + r.describe()).isTrue();
        return r;
    }

    /** Bytes {@code [offset, offset + size)} of a file. */
    static byte[] slice(Path file, long offset, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size));
            long pos = offset;
            while (b.hasRemaining()) {
                int n = ch.read(b, pos);
                if (n < 0) {
                    throw new IOException("short file");
                }
                pos += n;
            }
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files in {@code dir} whose name starts with a dot (temporary files left behind). */
    static List<String> hiddenFiles(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
