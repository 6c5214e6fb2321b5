package io.ovfkit.disk.qcow2;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** Helpers of the QCOW2 tests: sources, qemu-img, qemu-io and pyqcow. */
final class Q {
    static final long MIB = 1 << 20;

    private Q() {
    }

    /**
     * A raw source mixing compressible text, random bytes and zeros: text at the start, random bytes
     * across the 1 MiB boundary, text again at 5 MiB and random bytes in the last sector.
     */
    static Path mixed(Path dir, String name, long size, long seed) throws IOException {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) {
            sb.append("2026-11-22 04:18:").append(r.nextInt(60)).append(" host kernel: eth0 link up speed ")
                    .append(r.nextInt(10000)).append(" Mb/s duplex full\n");
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] rnd = new byte[200_000];
        r.nextBytes(rnd);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
            put(f, 0, text, size);
            put(f, MIB - 70_000, rnd, size);
            put(f, 5 * MIB + 4096, text, size);
            put(f, size - 512, rnd, size);
        }
        return p;
    }

    private static void put(RandomAccessFile f, long at, byte[] b, long size) throws IOException {
        if (at >= 0 && at < size) {
            f.seek(at);
            f.write(b, 0, (int) Math.min(b.length, size - at));
        }
    }

    static Oracle.Result qemu(Path dir, String... args) {
        return TestDisks.qemu(dir, args);
    }

    static void qemuOk(Path dir, String... args) {
        Oracle.Result r = qemu(dir, args);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    static void qemuIo(Path dir, String fmt, Path img, String cmd) {
        List<String> c = new ArrayList<>(List.of(Oracle.require("qemu-io").toString(), "-f", fmt, "-c", cmd, img.toString()));
        Oracle.Result r = Oracle.run(c, dir, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /** SHA-256 of what qemu-img reads from {@code img}. */
    static String qemuDigest(Path img, String fmt) throws IOException {
        Path raw = img.resolveSibling(img.getFileName() + ".back.raw");
        qemuOk(img.getParent(), "convert", "-f", fmt, "-O", "raw", img.toString(), raw.toString());
        try {
            return TestDisks.digest(raw);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    static String ourDigest(Path img) throws IOException {
        try (DiskImage i = DiskImages.open(img, false)) {
            return TestDisks.digest(i);
        }
    }

    /** {@code size sha256} of the media as libqcow ({@code pyqcow}) reads it; skipped when missing, failing under CI=true. */
    static String pyqcowDigest(Path img) {
        Path py = Path.of("/usr/bin/python3");
        String script = "import pyqcow,hashlib,sys\nf=pyqcow.file()\nf.open(sys.argv[1])\nn=f.get_media_size()\n"
                + "h=hashlib.sha256()\no=0\nwhile o<n:\n k=min(1<<22,n-o)\n h.update(f.read_buffer_at_offset(k,o))\n o+=k\n"
                + "print(n, h.hexdigest())\n";
        Oracle.Result probe = Files.isExecutable(py)
                ? Oracle.run(List.of(py.toString(), "-c", "import pyqcow"), img.getParent(), Duration.ofSeconds(30))
                : null;
        if (probe == null || !probe.ok()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("pyqcow (python3-libqcow) is required under CI");
            }
            Assumptions.abort("pyqcow is not installed");
        }
        Oracle.Result r = Oracle.run(List.of(py.toString(), "-c", script, img.toString()), img.getParent(), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().trim();
    }
}
