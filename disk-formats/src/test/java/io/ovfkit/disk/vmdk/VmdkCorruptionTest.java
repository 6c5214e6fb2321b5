package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One damaged field per case, in a valid monolithicSparse and a valid streamOptimized made by
 * qemu-img (grain directory at the front) and a VMware-layout stream built here (grain directory
 * at the end, footer): header fields refuse to open with a {@link DiskFormatException} naming the
 * file and the field's offset; damaged tables and grain markers open, {@link DiskImage#check()}
 * reports them at their offset and reads that need them fail there. Never a hang, never an
 * OutOfMemoryError, never another exception.
 */
class VmdkCorruptionTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    static Path templates;

    @TempDir
    Path dir;

    /** Offsets of a template's structures. */
    record Layout(byte[] bytes, long gd, long gde0, long gte0Pos, long gte1Pos, long grain0, long lastGtePos,
            long lastGrain) {
        static Layout of(byte[] b) {
            ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            long gdSector = h.getLong(56);
            if (gdSector == -1) {
                gdSector = h.getLong(b.length - 1024 + 56); // footer (the built streams have no padding)
            }
            long gd = gdSector * 512;
            long gt0 = Integer.toUnsignedLong(h.getInt((int) gd)) * 512;
            long lastPos = -1;
            long last = -1;
            for (int i = 0; i < 512; i++) {
                long v = Integer.toUnsignedLong(h.getInt((int) gt0 + 4 * i));
                if (v > last) {
                    last = v;
                    lastPos = gt0 + 4 * i;
                }
            }
            return new Layout(b, gd, gt0 / 512, gt0, gt0 + 4, Integer.toUnsignedLong(h.getInt((int) gt0)) * 512, lastPos,
                    last * 512);
        }
    }

    private static Layout sparse;
    private static Layout stream;
    private static Layout streamA;

    @BeforeAll
    static void makeTemplates() throws IOException {
        String q = Oracle.require("qemu-img").toString();
        Random r = new Random(99);
        byte[] raw = new byte[3 << 20];
        for (int i = 0; i < 1 << 20; i++) {
            raw[i] = (byte) (r.nextInt(16) + 'a'); // compressible but not trivially
        }
        byte[] tail = new byte[65536];
        r.nextBytes(tail);
        System.arraycopy(tail, 0, raw, 2 << 20, tail.length);
        Files.write(templates.resolve("src.raw"), raw);
        for (String f : List.of("monolithicSparse", "streamOptimized")) {
            Oracle.Result res = Oracle.run(List.of(q, "convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=" + f,
                    "src.raw", f + ".vmdk"), templates, LIMIT);
            assertThat(res.ok()).as(res.describe()).isTrue();
        }
        sparse = Layout.of(Files.readAllBytes(templates.resolve("monolithicSparse.vmdk")));
        stream = Layout.of(Files.readAllBytes(templates.resolve("streamOptimized.vmdk")));
        SortedMap<Long, byte[]> grains = new TreeMap<>();
        for (long g = 0; g < 16; g++) {
            grains.put(g, Arrays.copyOfRange(raw, (int) g * 65536, (int) (g + 1) * 65536));
        }
        grains.put(32L, tail);
        long cap = raw.length / 512;
        streamA = Layout.of(HandBuiltReadTest.Build.streamA(cap, 128, grains,
                HandBuiltReadTest.Build.descriptor("streamOptimized", 5, 0xffffffffL, null, "RW " + cap + " SPARSE \"a.vmdk\""),
                HandBuiltReadTest.Build.StreamOptions.defaults()));
    }

    enum Expect {
        /** open fails at the offset */
        OPEN,
        /** open works; check() reports the offset; a full read fails there */
        CHECK_AND_READ,
        /** open works; check() reports the offset; reads work */
        CHECK,
        /** open works and check() finds nothing (it does not inflate); a full read fails at the offset */
        READ
    }

    /** @param offset where the damage is reported, computed from the template's layout */
    record Case(String name, String template, Expect expect, java.util.function.ToLongFunction<Layout> offset,
            Mutation mutation) {
        @Override
        public String toString() {
            return template + ": " + name;
        }
    }

    interface Mutation {
        byte[] apply(Layout l);
    }

    private static Mutation at(java.util.function.ToLongFunction<Layout> pos, Consumer<ByteBuffer> put) {
        return l -> {
            byte[] b = l.bytes().clone();
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            bb.position((int) pos.applyAsLong(l));
            put.accept(bb);
            return b;
        };
    }

    private static Mutation u32(long pos, long v) {
        return at(l -> pos, b -> b.putInt((int) v));
    }

    private static Mutation u64(long pos, long v) {
        return at(l -> pos, b -> b.putLong(v));
    }

    private static Case c(String name, String template, Expect e, long offset, Mutation m) {
        return new Case(name, template, e, l -> offset, m);
    }

    private static Case c(String name, String template, Expect e, java.util.function.ToLongFunction<Layout> offset,
            Mutation m) {
        return new Case(name, template, e, offset, m);
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (String t : List.of("sparse", "stream", "streamA")) {
            all.add(c("magic", t, Expect.OPEN, 0, u32(0, 0x12345678)));
            all.add(c("version 0", t, Expect.OPEN, 4, u32(4, 0)));
            all.add(c("version 4", t, Expect.OPEN, 4, u32(4, 4)));
            all.add(c("incompatible flag 0x40000", t, Expect.OPEN, 8, at(l -> 8, b -> b.putInt(b.getInt(8) | 0x40000))));
            all.add(c("capacity 2^60 sectors", t, Expect.OPEN, 12, u64(12, 1L << 60)));
            all.add(c("capacity: 2^29 grain tables", t, Expect.OPEN, 12, u64(12, 1L << 45)));
            all.add(c("capacity negative", t, Expect.OPEN, 12, u64(12, -5)));
            all.add(c("grainSize 0", t, Expect.OPEN, 20, u64(20, 0)));
            all.add(c("grainSize 3", t, Expect.OPEN, 20, u64(20, 3)));
            all.add(c("grainSize 2^30", t, Expect.OPEN, 20, u64(20, 1L << 30)));
            all.add(c("descriptorOffset 2^58", t, Expect.OPEN, 28, u64(28, 1L << 58)));
            all.add(c("descriptorSize 2^40", t, Expect.OPEN, 28, u64(36, 1L << 40)));
            all.add(c("numGTEsPerGT 0", t, Expect.OPEN, 44, u32(44, 0)));
            all.add(c("numGTEsPerGT 4096", t, Expect.OPEN, 44, u32(44, 4096)));
            all.add(c("newline-detection bytes (text-mode transfer)", t, Expect.OPEN, 73, at(l -> 75, b -> b.put((byte) ' '))));
            all.add(c("grain directory entry beyond EOF", t, Expect.CHECK_AND_READ, Layout::gd,
                    at(Layout::gd, b -> b.putInt(0x7fffff00))));
            all.add(c("grain table entry beyond EOF", t, Expect.CHECK_AND_READ, Layout::gte0Pos,
                    at(Layout::gte0Pos, b -> b.putInt(0x7fffff00))));
            all.add(c("grain table entry inside the metadata", t, Expect.CHECK_AND_READ, Layout::gte0Pos,
                    at(Layout::gte0Pos, b -> b.putInt(5))));
        }
        for (String t : List.of("sparse", "stream")) {
            all.add(c("gdOffset beyond EOF", t, Expect.OPEN, 56, l -> u64(56, l.bytes().length / 512 + 10).apply(l)));
            all.add(c("gdOffset 2^56 (overflows × 512)", t, Expect.OPEN, 56, u64(56, 1L << 56)));
            all.add(c("gdOffset 0", t, Expect.OPEN, 56, u64(56, 0)));
            all.add(c("redundant grain directory beyond EOF", t, Expect.CHECK, 48,
                    l -> u64(48, l.bytes().length / 512 + 10).apply(l)));
        }
        all.add(c("two grain table entries share a grain", "sparse", Expect.CHECK, Layout::gte1Pos,
                at(Layout::gte1Pos, b -> b.putInt(b.getInt(b.position() - 4)))));
        all.add(c("file truncated inside the last grain", "sparse", Expect.CHECK, Layout::lastGtePos,
                l -> Arrays.copyOf(l.bytes(), (int) l.lastGrain() + 1000)));
        all.add(c("file truncated before the last grain", "sparse", Expect.CHECK_AND_READ, Layout::lastGtePos,
                l -> Arrays.copyOf(l.bytes(), (int) l.lastGrain())));
        for (String t : List.of("stream", "streamA")) {
            all.add(c("compressAlgorithm 2", t, Expect.OPEN, 77, at(l -> 77, b -> b.putShort((short) 2))));
            all.add(c("compressed grainSize 4096 sectors", t, Expect.OPEN, 20, u64(20, 4096)));
            all.add(c("grain marker size 2^31", t, Expect.CHECK_AND_READ, Layout::grain0,
                    at(l -> l.grain0() + 8, b -> b.putInt(0x80000000))));
            all.add(c("grain marker size 0 (a metadata marker)", t, Expect.CHECK_AND_READ, Layout::grain0,
                    at(l -> l.grain0() + 8, b -> b.putInt(0))));
            all.add(c("grain marker size cuts the zlib stream", t, Expect.READ, Layout::grain0,
                    at(l -> l.grain0() + 8, b -> b.putInt(10))));
            all.add(c("grain marker LBA of another grain", t, Expect.CHECK_AND_READ, Layout::grain0,
                    at(Layout::grain0, b -> b.putLong(128))));
            all.add(c("grain marker LBA beyond the capacity", t, Expect.CHECK_AND_READ, Layout::grain0,
                    at(Layout::grain0, b -> b.putLong(1L << 40))));
            all.add(c("zlib data damaged", t, Expect.READ, Layout::grain0,
                    at(l -> l.grain0() + 12 + 30, b -> b.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))));
            all.add(c("zlib header damaged", t, Expect.READ, Layout::grain0,
                    at(l -> l.grain0() + 12, b -> b.putShort((short) 0x1234))));
        }
        long end = streamA.bytes().length;
        all.add(c("footer magic", "streamA", Expect.OPEN, end - 1024, u32(end - 1024, 0x11223344)));
        all.add(c("footer marker type", "streamA", Expect.OPEN, end - 1536, u32(end - 1536 + 12, 2)));
        all.add(c("end-of-stream marker garbage", "streamA", Expect.OPEN, end - 1536, u32(end - 512 + 4, 7)));
        all.add(c("footer gdOffset GD_AT_END", "streamA", Expect.OPEN, end - 1024 + 56, u64(end - 1024 + 56, -1)));
        all.add(c("footer gdOffset beyond EOF", "streamA", Expect.OPEN, end - 1024 + 56, u64(end - 1024 + 56, end)));
        all.add(c("footer grainSize differs", "streamA", Expect.OPEN, end - 1024, u64(end - 1024 + 20, 64)));
        all.add(c("footer capacity differs from the header", "streamA", Expect.CHECK, end - 1024,
                u64(end - 1024 + 12, 6143)));
        all.add(c("grain table marker type", "streamA", Expect.CHECK, l -> l.gde0() * 512 - 512,
                at(l -> l.gde0() * 512 - 512 + 12, b -> b.putInt(9))));
        all.add(c("grain directory marker type", "streamA", Expect.CHECK, l -> l.gd() - 512,
                at(l -> l.gd() - 512 + 12, b -> b.putInt(9))));
        all.add(c("truncated footer", "streamA", Expect.OPEN, end - 1536 - 1024, l -> Arrays.copyOf(l.bytes(), (int) end - 1024)));
        return all.stream();
    }

    private static Layout template(String name) {
        return switch (name) {
            case "sparse" -> sparse;
            case "stream" -> stream;
            default -> streamA;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void damageIsReportedAtItsOffset(Case k) throws IOException {
        Layout l = template(k.template());
        Path file = dir.resolve(k.template() + ".vmdk");
        Files.write(file, k.mutation().apply(l));
        long offset = k.offset().applyAsLong(l);
        String where = "at offset " + offset + ":";
        assertTimeoutPreemptively(LIMIT, () -> {
            switch (k.expect()) {
                case OPEN -> {
                    Throwable t = catchThrowable(() -> VmdkImage.open(file).close());
                    assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(file.toString())
                            .hasMessageContaining(where);
                    assertThat(((DiskFormatException) t).offset()).isEqualTo(offset);
                }
                default -> {
                    try (VmdkImage img = VmdkImage.open(file)) {
                        CheckResult c = img.check();
                        if (k.expect() == Expect.READ) {
                            assertThat(c.corruptions()).isEmpty();
                        } else {
                            assertThat(c.corruptions()).anySatisfy(s -> assertThat(s).contains(file.toString()).contains(where));
                        }
                        Throwable t = catchThrowable(() -> readAll(img));
                        if (k.expect() == Expect.CHECK) {
                            assertThat(t).isNull();
                        } else {
                            assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(file.toString())
                                    .hasMessageContaining(where);
                            assertThat(((DiskFormatException) t).offset()).isEqualTo(offset);
                        }
                    }
                }
            }
        });
    }

    private static void readAll(DiskImage img) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        for (long o = 0; o < img.capacity(); o += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), img.capacity() - o));
            img.read(o, b);
        }
        img.extents(0, img.capacity());
    }

    /** The templates themselves are clean: the cases above damage only what they name. */
    @Test
    void templatesAreClean() throws IOException {
        for (String t : List.of("sparse", "stream", "streamA")) {
            Path file = dir.resolve(t + ".vmdk");
            Files.write(file, template(t).bytes());
            try (VmdkImage img = VmdkImage.open(file)) {
                CheckResult c = img.check();
                assertThat(c.corruptions()).as(t).isEmpty();
                assertThat(c.leaks()).as(t).isEmpty();
                readAll(img);
            }
        }
    }

    /**
     * Random damage (seeded) to the metadata and the first grains: whatever happens, the outcome is
     * success or a DiskFormatException, within the time limit.
     */
    @Test
    void randomDamageOnlyEverGivesDiskFormatExceptions() throws IOException {
        Random r = new Random(4242);
        int[] outcomes = new int[2];
        for (int i = 0; i < 300; i++) {
            Layout l = template(List.of("sparse", "stream", "streamA").get(i % 3));
            byte[] b = l.bytes().clone();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int region = r.nextInt(4);
                int pos = switch (region) {
                    case 0 -> r.nextInt(80); // header
                    case 1 -> (int) l.gd() + r.nextInt(8); // directory
                    case 2 -> (int) l.gte0Pos() + r.nextInt(64); // first table entries
                    default -> Math.max(0, b.length - 1536) + r.nextInt(Math.min(1536, b.length)); // footer / tail
                };
                b[pos] = (byte) r.nextInt(256);
            }
            Path file = dir.resolve("fuzz" + i + ".vmdk");
            Files.write(file, b);
            int n = i;
            assertTimeoutPreemptively(LIMIT, () -> {
                try (VmdkImage img = VmdkImage.open(file)) {
                    img.check();
                    img.details();
                    readAll(img);
                    outcomes[0]++;
                } catch (DiskFormatException e) {
                    assertThat(e.getMessage()).as("case %d", n).contains(file.toString());
                    outcomes[1]++;
                }
            });
            Files.delete(file);
        }
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(300);
    }
}
