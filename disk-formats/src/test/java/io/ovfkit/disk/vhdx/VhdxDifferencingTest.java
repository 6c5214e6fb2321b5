package io.ovfkit.disk.vhdx;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.vhd.TestDisks;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differencing VHDX ({@code .avhdx}): a child built here by hand over a parent our writer made,
 * read by our reader and by libvhdi ({@code pyvhdi} with {@code set_parent}).
 */
class VhdxDifferencingTest {
    static final long SIZE = 8 * MIB;
    static final int BS = (int) MIB;
    @TempDir
    Path dir;

    private byte[] parentBytes;
    private byte[] expected;

    /** Builds parent.vhdx (random content) and child.avhdx; returns the child's path. */
    private Path build(Map<String, String> locatorOverrides) throws IOException {
        return build(locatorOverrides, true);
    }

    private Path build(Map<String, String> locatorOverrides, boolean zeroBlock) throws IOException {
        parentBytes = new byte[(int) SIZE];
        new Random(1).nextBytes(parentBytes);
        Path raw = dir.resolve("parent.raw");
        Files.write(raw, parentBytes);
        Path parent = dir.resolve("parent.vhdx");
        TestDisks.convert(raw, parent, DiskFormat.VHDX, "dynamic");
        Files.delete(raw);
        UUID linkage;
        try (DiskImage p = DiskImages.open(parent)) {
            linkage = UUID.fromString((String) p.details().get("dataWriteGuid"));
        }
        expected = parentBytes.clone();
        long chunk = (1L << 23) * 512 / BS; // 4096
        long entries = (SIZE / BS + chunk - 1) / chunk * (chunk + 1);
        long batOff = 2 * MIB;
        long mdOff = 3 * MIB;
        long b0 = 4 * MIB;
        long b1 = 5 * MIB;
        long bitmapOff = 6 * MIB;
        long fileSize = 7 * MIB;
        byte[] f = new byte[(int) fileSize];
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, "vhdxfile".getBytes(StandardCharsets.US_ASCII));
        UUID dataWrite = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            int h = (int) (Vhdx.HEADER1 + i * 64 * 1024);
            b.put(h, "head".getBytes(StandardCharsets.US_ASCII)).putLong(h + 8, i + 1);
            b.put(h + 16, Vhdx.guidBytes(UUID.randomUUID())).put(h + 32, Vhdx.guidBytes(dataWrite));
            b.putShort(h + 66, (short) 1).putInt(h + 68, (int) MIB).putLong(h + 72, MIB);
            b.putInt(h + 4, Vhdx.crc(f, h, 4096, 4));
        }
        for (int i = 0; i < 2; i++) {
            int r = (int) (Vhdx.REGION1 + i * 64 * 1024);
            b.put(r, "regi".getBytes(StandardCharsets.US_ASCII)).putInt(r + 8, 2);
            b.put(r + 16, Vhdx.guidBytes(Vhdx.BAT)).putLong(r + 32, batOff).putInt(r + 40, (int) MIB).putInt(r + 44, 1);
            b.put(r + 48, Vhdx.guidBytes(Vhdx.METADATA)).putLong(r + 64, mdOff).putInt(r + 72, (int) MIB).putInt(r + 76, 1);
            b.putInt(r + 4, Vhdx.crc(f, r, 64 * 1024, 4));
        }
        // Metadata: the five items and the parent locator.
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("parent_linkage", "{" + linkage + "}"); // lower case, as Hyper-V writes it (libvhdi reads no other)
        kv.put("relative_path", ".\\parent.vhdx");
        kv.put("absolute_win32_path", "C:\\VMs\\Disks\\parent.vhdx");
        kv.putAll(locatorOverrides);
        kv.values().removeIf(v -> v == null);
        byte[] loc = VhdxDifferencingSeeds.locator(kv);
        int md = (int) mdOff;
        b.put(md, "metadata".getBytes(StandardCharsets.US_ASCII)).putShort(md + 10, (short) 6);
        Object[][] items = {{Vhdx.FILE_PARAMETERS, 8}, {Vhdx.VIRTUAL_DISK_SIZE, 8}, {Vhdx.PAGE83, 16},
            {Vhdx.LOGICAL_SECTOR, 4}, {Vhdx.PHYSICAL_SECTOR, 4}, {Vhdx.PARENT_LOCATOR, loc.length}};
        int at = 64 * 1024;
        for (int i = 0; i < items.length; i++) {
            int e = md + 32 + 32 * i;
            int len = (Integer) items[i][1];
            b.put(e, Vhdx.guidBytes((UUID) items[i][0])).putInt(e + 16, at).putInt(e + 20, len).putInt(e + 24, i == 0 ? 4 : 6);
            int p = md + at;
            switch (i) {
                case 0 -> b.putInt(p, BS).putInt(p + 4, 2);
                case 1 -> b.putLong(p, SIZE);
                case 2 -> b.put(p, Vhdx.guidBytes(UUID.randomUUID()));
                case 3 -> b.putInt(p, 512);
                case 4 -> b.putInt(p, 4096);
                default -> b.put(p, loc);
            }
            at += (len + 7) / 8 * 8;
        }
        // BAT: block 0 full, block 1 partial, block 2 zero, block 5 undefined, the rest not present.
        Random r = new Random(2);
        byte[] d0 = new byte[BS];
        r.nextBytes(d0);
        byte[] d1 = new byte[BS];
        r.nextBytes(d1);
        b.put((int) b0, d0).put((int) b1, d1);
        System.arraycopy(d0, 0, expected, 0, BS);
        int[][] present = {{10, 21}, {2000, 2048}, {777, 778}};
        for (int[] run : present) {
            for (int s = run[0]; s < run[1]; s++) {
                int bit = 2048 + s; // block 1's sectors in chunk 0
                f[(int) bitmapOff + bit / 8] |= (byte) (1 << (bit % 8));
                System.arraycopy(d1, s * 512, expected, BS + s * 512, 512);
            }
        }
        if (zeroBlock) {
            java.util.Arrays.fill(expected, 2 * BS, 3 * BS, (byte) 0);
        }
        int bat = (int) batOff;
        b.putLong(bat, b0 | 6).putLong(bat + 8, b1 | 7).putLong(bat + 16, zeroBlock ? 2 : 0).putLong(bat + 40, 1);
        b.putLong(bat + 8 * (int) chunk, bitmapOff | 6);
        assertThat(entries).isEqualTo(4097);
        Path child = dir.resolve("child.avhdx");
        Files.write(child, f);
        return child;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void childReadsThroughItsParent() throws Exception {
        Path child = build(Map.of());
        try (DiskImage img = DiskImages.open(child)) {
            assertThat(img).isInstanceOf(VhdxImage.class);
            assertThat(img.subformat()).isEqualTo("differencing");
            assertThat(img.parent()).isPresent();
            assertThat(img.parent().get().path().getFileName().toString()).isEqualTo("parent.vhdx");
            assertThat(TestDisks.digest(img)).isEqualTo(sha(expected));
            // Block 1: the child's sectors and the parent's (fully allocated) merge into one run.
            assertThat(img.extents(BS, BS)).containsExactly(new Extent(BS, BS, Extent.Kind.DATA));
            assertThat(img.extents(2 * BS, BS)).containsExactly(new Extent(2 * BS, BS, Extent.Kind.ZERO));
            assertThat(img.check().consistent()).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, String> loc = (Map<String, String>) img.details().get("parentLocator");
            assertThat(loc).containsKey("parent_linkage");
        }
    }

    @Test
    void libvhdiReadsTheSameBytes() throws Exception {
        // libvhdi reads a ZERO block of a differencing disk as the parent's (the specification: zeros),
        // so this child has none.
        Path child = build(Map.of(), false);
        try (DiskImage img = DiskImages.open(child)) {
            assertThat(TestDisks.digest(img)).isEqualTo(sha(expected));
        }
        assertThat(pyvhdiWithParent(child, dir.resolve("parent.vhdx"))).isEqualTo(SIZE + " " + sha(expected));
    }

    @Test
    void parentFoundByLinkageWhenThePathsAreWrong() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("relative_path", ".\\renamed.vhdx");
        o.put("absolute_win32_path", "D:\\elsewhere\\gone.vhdx");
        Path child = build(o);
        try (DiskImage img = DiskImages.open(child)) {
            assertThat(TestDisks.digest(img)).isEqualTo(sha(expected));
        }
    }

    @Test
    void missingParentIsAClearError() throws Exception {
        Path child = build(Map.of());
        Files.delete(dir.resolve("parent.vhdx"));
        assertThatThrownBy(() -> DiskImages.open(child)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("parent").hasMessageContaining("missing");
    }

    @Test
    void wrongLinkageIsRefused() throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("parent_linkage", "{" + UUID.randomUUID() + "}");
        Path child = build(o);
        assertThatThrownBy(() -> DiskImages.open(child)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("data write GUID");
    }

    @Test
    void aChildCannotBeItsOwnParent() throws Exception {
        Path child = build(Map.of());
        // Point the child at itself: the loop is refused.
        Files.delete(dir.resolve("parent.vhdx"));
        Files.copy(child, dir.resolve("parent.vhdx"));
        assertThatThrownBy(() -> DiskImages.open(child)).isInstanceOf(DiskFormatException.class)
                .hasMessageContaining("loops");
    }

    private static String pyvhdiWithParent(Path child, Path parent) {
        Path py = Path.of("/usr/bin/python3");
        Oracle.Result probe = Files.isExecutable(py)
                ? Oracle.run(List.of(py.toString(), "-c", "import pyvhdi"), child.getParent(), Duration.ofSeconds(30))
                : null;
        if (probe == null || !probe.ok()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("pyvhdi (python3-libvhdi) is required under CI");
            }
            Assumptions.assumeThat(false).as("pyvhdi is not installed").isTrue();
        }
        String script = "import pyvhdi,hashlib,sys\np=pyvhdi.file()\np.open(sys.argv[2])\nf=pyvhdi.file()\nf.open(sys.argv[1])\n"
                + "f.set_parent(p)\nn=f.get_media_size()\nh=hashlib.sha256()\no=0\nwhile o<n:\n k=min(1<<22,n-o)\n"
                + " h.update(f.read_buffer_at_offset(k,o))\n o+=k\nprint(n, h.hexdigest())\n";
        Oracle.Result r = Oracle.run(List.of(py.toString(), "-c", script, child.toString(), parent.toString()), child.getParent(),
                Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().trim();
    }
}
