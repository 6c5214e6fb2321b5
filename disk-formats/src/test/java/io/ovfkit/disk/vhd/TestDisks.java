package io.ovfkit.disk.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the VHD and VDI tests: sources, digests, qemu-img and pyvhdi. */
public final class TestDisks {
    public static final long MIB = 1 << 20;

    private TestDisks() {
    }

    /**
     * A raw source of {@code size} bytes: random data in a few places (start, a block straddling a
     * 2 MiB boundary, the very last sector), zeros elsewhere.
     */
    public static Path source(Path dir, String name, long size, long seed) throws IOException {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            byte[] b = new byte[70_000];
            for (long at : new long[] {0, 2 * MIB - 30_000, 5 * MIB + 123, size - 512}) {
                if (at >= 0 && at < size) {
                    r.nextBytes(b);
                    f.seek(at);
                    f.write(b, 0, (int) Math.min(b.length, size - at));
                }
            }
        }
        return p;
    }

    /** Converts {@code src} (any format) into {@code out} with the given format and subformat. */
    public static void convert(Path src, Path out, DiskFormat format, String sub) throws IOException {
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(format, in.capacity()).subformat(sub).build())) {
            DiskConverter.builder().threads(2).build().convert(in, w);
        }
    }

    /** SHA-256 of every guest byte of {@code img}. */
    public static String digest(DiskImage img) throws IOException {
        MessageDigest md = sha();
        ByteBuffer b = ByteBuffer.allocate((int) (4 * MIB));
        for (long off = 0; off < img.capacity(); off += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), img.capacity() - off));
            img.read(off, b);
            md.update(b.flip());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a file's bytes. */
    public static String digest(Path raw) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(raw)) {
            byte[] b = new byte[1 << 20];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs qemu-img (skipped when missing, failing under CI=true). */
    public static Oracle.Result qemu(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Oracle.require("qemu-img").toString());
        cmd.addAll(List.of(args));
        return Oracle.run(cmd, dir, Duration.ofSeconds(120));
    }

    /** qemu-img's virtual size of {@code img} read as {@code fmt}. */
    public static long qemuVirtualSize(Path img, String fmt) {
        Oracle.Result r = qemu(img.getParent(), "info", "-f", fmt, "--output=json", img.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Matcher m = Pattern.compile("\"virtual-size\":\\s*(\\d+)").matcher(r.stdout());
        assertThat(m.find()).as(r.stdout()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Asserts {@code qemu-img compare -f raw -F fmt src out} says identical. */
    public static void qemuCompare(Path src, Path out, String srcFmt, String fmt) {
        Oracle.Result r = qemu(out.getParent(), "compare", "-f", srcFmt, "-F", fmt, src.toString(), out.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /**
     * SHA-256 of the media of a VHD read by libvhdi ({@code pyvhdi}); skipped when the binding is
     * missing, failing under CI=true.
     */
    public static String pyvhdiDigest(Path vhd) {
        Path py = Path.of("/usr/bin/python3");
        String script = "import pyvhdi,hashlib,sys\nf=pyvhdi.file()\nf.open(sys.argv[1])\nn=f.get_media_size()\n"
                + "h=hashlib.sha256()\no=0\nwhile o<n:\n k=min(1<<22,n-o)\n h.update(f.read_buffer_at_offset(k,o))\n o+=k\n"
                + "print(n, h.hexdigest())\n";
        Oracle.Result probe = Files.isExecutable(py)
                ? Oracle.run(List.of(py.toString(), "-c", "import pyvhdi"), vhd.getParent(), Duration.ofSeconds(30))
                : null;
        if (probe == null || !probe.ok()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("pyvhdi (python3-libvhdi) is required under CI");
            }
            Assumptions.abort("pyvhdi is not installed");
        }
        Oracle.Result r = Oracle.run(List.of(py.toString(), "-c", script, vhd.toString()), vhd.getParent(), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().trim();
    }

    /** A corpus file decompressed ({@code .gz}, {@code .bz2}) or copied into {@code dir}, writable. */
    public static Path corpusCopy(Path file, Path dir) throws IOException {
        String n = file.getFileName().toString();
        Path out;
        if (n.endsWith(".gz")) {
            out = dir.resolve(n.substring(0, n.length() - 3));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                Files.copy(in, out);
            }
        } else if (n.endsWith(".bz2")) {
            out = dir.resolve(n.substring(0, n.length() - 4));
            try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(file))) {
                Files.copy(in, out);
            }
        } else {
            out = dir.resolve(n);
            Files.copy(file, out);
        }
        out.toFile().setWritable(true);
        return out;
    }

    /** Overwrites bytes of {@code file} at {@code at}. */
    public static void poke(Path file, long at, byte... b) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(b);
        }
    }
}
