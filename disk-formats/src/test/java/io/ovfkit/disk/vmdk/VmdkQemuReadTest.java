package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.Extent.Kind;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VMDKs that qemu-img makes read to the same bytes as their raw source: every subformat qemu-img
 * can create, a disk of 40 MiB with random, zero and compressible regions, one whose size is not a
 * whole number of grains, a sparse disk larger than 2 GiB (two extents when split), and backing
 * chains written with qemu-io.
 */
class VmdkQemuReadTest {
    static final String[] SUBFORMATS = {"monolithicSparse", "streamOptimized", "monolithicFlat",
        "twoGbMaxExtentSparse", "twoGbMaxExtentFlat"};
    static final long MIB = 1 << 20;
    static final long BIG = 2 * 1024 * MIB + 64 * MIB + 512;

    @TempDir
    static Path sources;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeSources() throws IOException {
        Random r = new Random(20240611L);
        try (FileChannel ch = FileChannel.open(sources.resolve("mixed.raw"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            put(ch, 0, random(r, 8 * MIB));
            put(ch, 16 * MIB, text(8 * MIB));
            put(ch, 24 * MIB, random(r, MIB));
            put(ch, 33 * MIB + 1000, random(r, 4096));
            put(ch, 40 * MIB - 100, random(r, 100));
        }
        try (FileChannel ch = FileChannel.open(sources.resolve("odd.raw"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            put(ch, 0, random(r, MIB));
            put(ch, 3 * MIB + 12345, text(70000));
            put(ch, 5 * MIB, random(r, 512)); // the last sector, alone in a partial grain
        }
        try (RandomAccessFile f = new RandomAccessFile(sources.resolve("big.raw").toFile(), "rw")) {
            f.setLength(BIG);
            f.seek(0);
            f.write(random(r, MIB));
            f.seek(2048 * MIB - 512 * 1024); // across the 2 GiB split of the twoGbMax* subformats
            f.write(random(r, (int) MIB));
            f.seek(BIG - 512 - 64 * 1024);
            f.write(text(64 * 1024));
            f.seek(BIG - 512);
            f.write(random(r, 512));
        }
    }

    private static void put(FileChannel ch, long at, byte[] b) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            ch.write(bb, at + bb.position());
        }
    }

    private static byte[] random(Random r, long n) {
        byte[] b = new byte[(int) n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] text(long n) {
        return HandBuiltReadTest.Build.text((int) n, "The quick brown fox jumps over the lazy dog. ");
    }

    // ------------------------------------------------------------------------------------ oracle helpers

    static Path qemuImg() {
        return Oracle.require("qemu-img");
    }

    static Oracle.Result run(Path dir, String... cmd) {
        Oracle.Result r = Oracle.run(List.of(cmd), dir, Duration.ofSeconds(120));
        assertThat(r.ok()).as("%s%n%s", String.join(" ", cmd), r.describe()).isTrue();
        return r;
    }

    /** SHA-256 of every guest byte, read through {@link DiskImage#read} in 1 MiB pieces. */
    static String sha256(DiskImage img) throws IOException {
        MessageDigest md = sha();
        ByteBuffer b = ByteBuffer.allocate((int) MIB);
        for (long o = 0; o < img.capacity(); o += MIB) {
            b.clear().limit((int) Math.min(MIB, img.capacity() - o));
            img.read(o, b);
            md.update(b.flip());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha();
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate((int) MIB);
            while (ch.read(b.clear()) > 0) {
                md.update(b.flip());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final int BLOCK = 64 * 1024;

    /**
     * A digest of the content that skips all-zero 64 KiB blocks: SHA-256 over (offset, bytes) of
     * every non-zero block. Only blocks the image's allocation map marks DATA are read; everything
     * else must read as zeros, so two images with equal digests and capacities hold equal bytes.
     */
    static String sparseDigest(DiskImage img) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        long window = 256 * MIB;
        for (long w = 0; w < img.capacity(); w += window) {
            for (Extent e : img.extents(w, Math.min(window, img.capacity() - w))) {
                if (e.kind() == Kind.DATA) {
                    ranges.add(new long[] {e.offset(), e.end()});
                }
            }
        }
        return sparseDigest(img.capacity(), ranges, (off, b) -> img.read(off, b));
    }

    /** {@link #sparseDigest(DiskImage)} of a raw file, reading only the data regions qemu-img map reports (SEEK_DATA). */
    static String sparseDigestOfRaw(Path raw) throws IOException {
        String json = run(raw.getParent(), qemuImg().toString(), "map", "-f", "raw", "--output=json", raw.toString()).stdout();
        Matcher m = Pattern.compile("\"start\":\\s*(\\d+),\\s*\"length\":\\s*(\\d+),[^}]*\"data\":\\s*(true|false)").matcher(json);
        List<long[]> ranges = new ArrayList<>();
        while (m.find()) {
            if (m.group(3).equals("true")) {
                long s = Long.parseLong(m.group(1));
                ranges.add(new long[] {s, s + Long.parseLong(m.group(2))});
            }
        }
        long size = Files.size(raw);
        try (FileChannel ch = FileChannel.open(raw)) {
            return sparseDigest(size, ranges, (off, b) -> {
                long p = off;
                while (b.hasRemaining()) {
                    int n = ch.read(b, p);
                    if (n < 0) {
                        while (b.hasRemaining()) {
                            b.put((byte) 0);
                        }
                    }
                    p += Math.max(n, 0);
                }
            });
        }
    }

    interface Reader {
        void read(long offset, ByteBuffer dst) throws IOException;
    }

    private static String sparseDigest(long capacity, List<long[]> ranges, Reader reader) throws IOException {
        MessageDigest md = sha();
        byte[] zero = new byte[BLOCK];
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        ByteBuffer off = ByteBuffer.allocate(8);
        long done = 0; // blocks below this offset are digested
        for (long[] r : ranges) {
            for (long blk = Math.max(done, r[0] / BLOCK * BLOCK); blk < r[1] && blk < capacity; blk += BLOCK) {
                int len = (int) Math.min(BLOCK, capacity - blk);
                b.clear().limit(len);
                reader.read(blk, b);
                if (java.util.Arrays.mismatch(b.array(), 0, len, zero, 0, len) >= 0) {
                    md.update(off.clear().putLong(blk).flip());
                    md.update(b.array(), 0, len);
                }
                done = blk + BLOCK;
            }
        }
        md.update(off.clear().putLong(capacity).flip());
        return HexFormat.of().formatHex(md.digest());
    }

    static Map<String, String> qemuInfo(Path image) {
        String json = run(image.getParent(), qemuImg().toString(), "info", "-f", "vmdk", "--output=json", image.toString())
                .stdout();
        Map<String, String> out = new java.util.HashMap<>();
        for (String key : List.of("virtual-size", "cid", "parent-cid", "create-type")) {
            Matcher m = Pattern.compile("\"" + key + "\":\\s*\"?([^\",\\s}]+)").matcher(json);
            if (m.find()) {
                out.put(key, m.group(1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ tests

    static Stream<Arguments> subformatsAndSources() {
        List<Arguments> a = new ArrayList<>();
        for (String s : SUBFORMATS) {
            a.add(Arguments.of(s, "mixed"));
            a.add(Arguments.of(s, "odd"));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} from {1}.raw")
    @MethodSource("subformatsAndSources")
    void readsWhatQemuWrote(String subformat, String source) throws IOException {
        Path raw = sources.resolve(source + ".raw");
        Path out = dir.resolve(source + "-" + subformat + ".vmdk");
        run(dir, qemuImg().toString(), "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=" + subformat,
                raw.toString(), out.toString());
        Map<String, String> info = qemuInfo(out);
        boolean sparse = !subformat.endsWith("Flat");
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img).isInstanceOf(VmdkImage.class);
            assertThat(img.subformat()).isEqualTo(subformat);
            assertThat(img.capacity()).isEqualTo(Files.size(raw)).isEqualTo(Long.parseLong(info.get("virtual-size")));
            assertThat(sha256(img)).isEqualTo(sha256(raw));
            assertThat(sparseDigest(img)).isEqualTo(sparseDigestOfRaw(raw));
            List<Extent> map = img.extents(0, img.capacity());
            HandBuiltReadTest.assertCovering(map, 0, img.capacity());
            Kind zeros = HandBuiltReadTest.kindAt(map, source.equals("mixed") ? 12 * MIB : 2 * MIB);
            assertThat(zeros).isEqualTo(sparse ? Kind.UNALLOCATED : Kind.DATA);
            assertThat(HandBuiltReadTest.kindAt(map, 0)).isEqualTo(Kind.DATA);
            assertThat(HandBuiltReadTest.kindAt(map, img.capacity() - 1)).isEqualTo(Kind.DATA);
            CheckResult c = img.check();
            assertThat(c.corruptions()).isEmpty();
            assertThat(c.leaks()).isEmpty();
            Map<String, Object> d = img.details();
            assertThat(d.get("createType")).isEqualTo(info.get("create-type"));
            assertThat(Long.parseLong((String) d.get("cid"), 16)).isEqualTo(Long.parseLong(info.get("cid")));
            assertThat(d.get("compressed")).isEqualTo(subformat.equals("streamOptimized"));
            long files = 0;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(source + "-" + subformat)).toList()) {
                    files += Files.size(p);
                }
            }
            assertThat(img.actualSize()).isEqualTo(files);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"monolithicSparse", "streamOptimized", "twoGbMaxExtentSparse", "twoGbMaxExtentFlat"})
    void readsSparseDisksLargerThan2GiB(String subformat) throws IOException {
        Path raw = sources.resolve("big.raw");
        Path out = dir.resolve("big.vmdk");
        run(dir, qemuImg().toString(), "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=" + subformat,
                raw.toString(), out.toString());
        try (VmdkImage img = VmdkImage.open(out)) {
            assertThat(img.capacity()).isEqualTo(BIG);
            assertThat(sparseDigest(img)).isEqualTo(sparseDigestOfRaw(raw));
            if (subformat.startsWith("twoGb")) {
                assertThat((List<?>) img.details().get("extents")).hasSize(2);
            }
            if (!subformat.endsWith("Flat")) {
                List<Extent> map = img.extents(0, img.capacity());
                assertThat(map.stream().filter(e -> e.kind() == Kind.DATA).mapToLong(Extent::length).sum())
                        .isLessThan(8 * MIB);
                assertThat(img.check().corruptions()).isEmpty();
            }
            ByteBuffer last = ByteBuffer.allocate(512);
            img.read(BIG - 512, last);
            try (FileChannel ch = FileChannel.open(raw)) {
                ByteBuffer want = ByteBuffer.allocate(512);
                ch.read(want, BIG - 512);
                assertThat(last.array()).isEqualTo(want.array());
            }
        }
    }

    @Test
    void readsBackingChainsThatQemuIoWrote() throws IOException {
        Path qemuIo = Oracle.require("qemu-io");
        String q = qemuImg().toString();
        Files.copy(sources.resolve("odd.raw"), dir.resolve("src.raw"));
        run(dir, q, "convert", "-f", "raw", "-O", "vmdk", "src.raw", "base.vmdk");
        run(dir, q, "create", "-f", "vmdk", "-o", "zeroed_grain=on", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        run(dir, qemuIo.toString(), "-f", "vmdk", "-c", "write -P 0xab 1M 64k", "-c", "write -z 64k 64k",
                "-c", "write -P 0xcd 4M 4k", "child.vmdk");
        run(dir, q, "create", "-f", "vmdk", "-b", "child.vmdk", "-F", "vmdk", "top.vmdk");
        run(dir, qemuIo.toString(), "-f", "vmdk", "-c", "write -P 0x11 3M 512", "top.vmdk");
        run(dir, q, "convert", "-f", "vmdk", "-O", "raw", "child.vmdk", "child.raw");
        run(dir, q, "convert", "-f", "vmdk", "-O", "raw", "top.vmdk", "top.raw");
        try (VmdkImage child = VmdkImage.open(dir.resolve("child.vmdk"));
                VmdkImage top = VmdkImage.open(dir.resolve("top.vmdk"))) {
            assertThat(sha256(child)).isEqualTo(sha256(dir.resolve("child.raw")));
            assertThat(sha256(top)).isEqualTo(sha256(dir.resolve("top.raw")));
            assertThat(sparseDigest(top)).isEqualTo(sparseDigestOfRaw(dir.resolve("top.raw")));
            assertThat(top.parent()).isPresent();
            assertThat(top.parent().get().parent()).isPresent();
            assertThat(top.details()).containsEntry("parent", dir.resolve("child.vmdk").toString());
            try (VmdkImage base = VmdkImage.open(dir.resolve("base.vmdk"))) {
                assertThat(child.details().get("parentCid")).isEqualTo(base.details().get("cid"));
            }
            List<Extent> map = top.extents(0, top.capacity());
            HandBuiltReadTest.assertCovering(map, 0, top.capacity());
            assertThat(HandBuiltReadTest.kindAt(map, 0)).as("base data").isEqualTo(Kind.DATA);
            assertThat(HandBuiltReadTest.kindAt(map, 64 * 1024)).as("zeroed grain in the child").isEqualTo(Kind.ZERO);
            assertThat(HandBuiltReadTest.kindAt(map, MIB)).isEqualTo(Kind.DATA);
            assertThat(HandBuiltReadTest.kindAt(map, 2 * MIB)).isEqualTo(Kind.UNALLOCATED);
            assertThat(HandBuiltReadTest.kindAt(map, 3 * MIB)).as("top's own grain").isEqualTo(Kind.DATA);
            assertThat(HandBuiltReadTest.kindAt(map, 4 * MIB)).isEqualTo(Kind.DATA);
            assertThat(top.check().corruptions()).isEmpty();
            assertThat(child.check().corruptions()).isEmpty();
            assertThat(top.actualSize()).isEqualTo(Files.size(dir.resolve("top.vmdk")));
        }
        // the base changes after the snapshot: its CID no longer matches the child's parentCID
        byte[] base = Files.readAllBytes(dir.resolve("base.vmdk"));
        String text = new String(base, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\nCID=") + 5;
        String old = text.substring(at, text.indexOf('\n', at)); // qemu writes the CID without leading zeros
        String changed = (old.charAt(0) == '1' ? "2" : "1") + old.substring(1);
        System.arraycopy(changed.getBytes(StandardCharsets.US_ASCII), 0, base, at, changed.length());
        Files.write(dir.resolve("base.vmdk"), base);
        assertThatThrownBy(() -> VmdkImage.open(dir.resolve("child.vmdk"))).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("child.vmdk")
                .hasMessageContaining(String.format("%08x", Long.parseLong(old, 16)))
                .hasMessageContaining(String.format("%08x", Long.parseLong(changed, 16)));
    }

    @Test
    void streamOfAllZerosAndStreamOfRandomData() throws IOException {
        Path zeros = dir.resolve("zeros.raw");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(33 * MIB);
        }
        Path rnd = dir.resolve("random.raw");
        Files.write(rnd, random(new Random(7), 3 * MIB + 4096));
        for (Path raw : List.of(zeros, rnd)) {
            Path out = dir.resolve(raw.getFileName() + ".vmdk");
            run(dir, qemuImg().toString(), "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized",
                    raw.toString(), out.toString());
            try (VmdkImage img = VmdkImage.open(out)) {
                assertThat(sha256(img)).isEqualTo(sha256(raw));
                assertThat(img.check().consistent()).isTrue();
            }
        }
        try (VmdkImage img = VmdkImage.open(dir.resolve("zeros.raw.vmdk"))) {
            assertThat(img.extents(0, img.capacity())).containsExactly(new Extent(0, 33 * MIB, Kind.UNALLOCATED));
        }
    }
}
