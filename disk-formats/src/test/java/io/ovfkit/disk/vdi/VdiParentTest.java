package io.ovfkit.disk.vdi;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A differencing VDI opened over a parent the caller names ({@link VdiImage#open(Path, DiskImage)},
 * {@link DiskImages#open(Path, Path)}), as VirtualBox lays them out: the base in the VM folder, the
 * child in {@code Snapshots/}.
 */
class VdiParentTest {
    private static final long SIZE = 4 * MIB;

    @TempDir
    Path dir;

    private Path src;
    private Path base;
    private Path child;

    @BeforeEach
    void baseAndChildInDifferentFolders() throws IOException {
        src = TestDisks.source(dir, "src.raw", SIZE, 2);
        base = dir.resolve("base.vdi");
        TestDisks.convert(src, base, DiskFormat.VDI, "dynamic");
        child = Files.createDirectory(dir.resolve("Snapshots")).resolve("child.vdi");
        Differencing.write(base, child, (byte) 0x5A);
    }

    @Test
    void childInAnotherFolderReadsThroughTheParentItIsGiven() throws IOException {
        // qemu-img reads the base (it cannot read differencing VDIs): the child's free blocks must show that.
        Path baseRaw = dir.resolve("base.raw");
        Oracle.Result r = TestDisks.qemu(dir, "convert", "-f", "vdi", "-O", "raw", base.toString(), baseRaw.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        byte[] expected = Differencing.expected(Files.readAllBytes(baseRaw), (byte) 0x5A);
        try (DiskImage parent = VdiImage.open(base); VdiImage img = VdiImage.open(child, parent)) {
            assertThat(img.subformat()).isEqualTo("differencing");
            assertThat(img.capacity()).isEqualTo(SIZE);
            assertThat(img.parent()).containsSame(parent);
            assertThat(img.details()).containsEntry("parent", base.toString())
                    .containsEntry("parentUuid", parent.details().get("uuid"));
            assertThat(TestDisks.digest(img)).isEqualTo(sha256(expected));
            assertThat(img.extents(3 * MIB, MIB)).containsExactly(new Extent(3 * MIB, MIB, Extent.Kind.ZERO));
            assertThat(img.check().consistent()).as("%s", img.check()).isTrue();
        }
    }

    @Test
    void diskImagesOpensTheNamedParentByContent() throws IOException {
        try (DiskImage img = DiskImages.open(child, base)) {
            assertThat(img).isInstanceOf(VdiImage.class);
            assertThat(img.parent()).get().extracting(DiskImage::path).isEqualTo(base);
            assertThat(TestDisks.digest(img)).isEqualTo(expectedDigest());
        }
    }

    @Test
    void aNullParentOpensAsWithoutOne() throws IOException {
        try (DiskImage img = DiskImages.open(base, (Path) null)) {
            assertThat(img.subformat()).isEqualTo("dynamic");
            assertThat(img.parent()).isEmpty();
            assertThat(TestDisks.digest(img)).isEqualTo(TestDisks.digest(src));
        }
    }

    @Test
    void withoutTheParentAChildInAnotherFolderIsMissingItsParent() {
        Throwable t = catchThrowable(() -> DiskImages.open(child).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(child.toString())
                .hasMessageContaining("is missing: no .vdi file in " + child.getParent());
        assertThat(((DiskFormatException) t).offset()).isEqualTo(424);
    }

    @Test
    void aVdiThatIsNotTheParentIsRefusedNamingBothUuids() throws IOException {
        Path other = dir.resolve("other.vdi");
        TestDisks.convert(src, other, DiskFormat.VDI, "dynamic");
        String childLink;
        String otherUuid;
        try (DiskImage c = DiskImages.open(child, base); DiskImage o = DiskImages.open(other)) {
            childLink = (String) c.details().get("parentUuid");
            otherUuid = (String) o.details().get("uuid");
        }
        assertThat(childLink).isNotEqualTo(otherUuid);

        Throwable t = catchThrowable(() -> DiskImages.open(child, other).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(child.toString())
                .hasMessageContaining(childLink).hasMessageContaining(otherUuid).hasMessageContaining(other.toString())
                .hasMessageContaining("not this image's parent");
        assertThat(((DiskFormatException) t).offset()).isEqualTo(424);
        assertThat(((DiskFormatException) t).file()).isEqualTo(child);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dynamic", "fixed"})
    void aParentForABaseImageIsRefused(String sub) throws IOException {
        Path vdi = dir.resolve(sub + ".vdi");
        TestDisks.convert(src, vdi, DiskFormat.VDI, sub);
        Throwable t = catchThrowable(() -> DiskImages.open(vdi, base).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(vdi.toString())
                .hasMessageContaining("a parent (" + base + ") was given, but this is a " + sub + " VDI")
                .hasMessageContaining("not a differencing image");
    }

    @Test
    void aRawParentWorks() throws IOException {
        try (DiskImage img = DiskImages.open(child, src)) {
            assertThat(img.parent()).get().extracting(DiskImage::format).isEqualTo(DiskFormat.RAW);
            assertThat(TestDisks.digest(img)).isEqualTo(expectedDigest());
        }
    }

    @Test
    void aVmdkParentWorks() throws IOException {
        Path vmdk = dir.resolve("base.vmdk");
        TestDisks.convert(src, vmdk, DiskFormat.VMDK, "monolithicSparse");
        try (DiskImage img = DiskImages.open(child, vmdk)) {
            assertThat(img.parent()).get().extracting(DiskImage::format).isEqualTo(DiskFormat.VMDK);
            assertThat(img.details()).containsEntry("parent", vmdk.toString());
            assertThat(TestDisks.digest(img)).isEqualTo(expectedDigest());
        }
    }

    @Test
    void beyondASmallerParentTheChildReadsZeros() throws IOException {
        // 2.5 MiB of the base: block 0 is the parent's, block 2 (free) half the parent's and half zeros.
        Path shortRaw = dir.resolve("short.raw");
        byte[] all = Files.readAllBytes(src);
        Files.write(shortRaw, Arrays.copyOf(all, (int) (2 * MIB + MIB / 2)));
        byte[] expected = Differencing.expected(all, (byte) 0x5A);
        Arrays.fill(expected, (int) (2 * MIB + MIB / 2), (int) (3 * MIB), (byte) 0);
        try (DiskImage img = DiskImages.open(child, shortRaw)) {
            assertThat(TestDisks.digest(img)).isEqualTo(sha256(expected));
            assertThat(img.extents(2 * MIB, MIB)).last().isEqualTo(
                    new Extent(2 * MIB + MIB / 2, MIB / 2, Extent.Kind.UNALLOCATED));
        }
    }

    @Test
    void theParentsOwnParentIsFoundAsUsual() throws IOException {
        // base.vdi <- mid.vdi (beside base, found by UUID) <- Snapshots/top.vdi (named explicitly).
        Path mid = dir.resolve("mid.vdi");
        Differencing.write(base, mid, (byte) 0x11);
        Path top = dir.resolve("Snapshots").resolve("top.vdi");
        Differencing.write(mid, top, (byte) 0x22);
        // mid: block 0 base, 1 = 0x11, 2 base, 3 zero; top over it: block 0 base, 1 = 0x22, 2 base, 3 zero.
        byte[] expected = Differencing.expected(Files.readAllBytes(src), (byte) 0x22);
        try (DiskImage img = DiskImages.open(top, mid)) {
            DiskImage p = img.parent().orElseThrow();
            assertThat(p.path()).isEqualTo(mid);
            assertThat(p.parent()).get().extracting(DiskImage::path).isEqualTo(base);
            assertThat(TestDisks.digest(img)).isEqualTo(sha256(expected));
        }
    }

    @Test
    void closingTheChildClosesTheParent() throws IOException {
        DiskImage parent = VdiImage.open(base);
        VdiImage img = VdiImage.open(child, parent);
        img.close();
        assertThatThrownBy(() -> parent.read(0, ByteBuffer.allocate(512))).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aFailedOpenLeavesTheGivenParentToTheCaller() throws IOException {
        Path other = dir.resolve("other.vdi");
        TestDisks.convert(src, other, DiskFormat.VDI, "dynamic");
        try (DiskImage wrong = VdiImage.open(other)) {
            assertThatThrownBy(() -> VdiImage.open(child, wrong)).isInstanceOf(DiskFormatException.class);
            ByteBuffer b = ByteBuffer.allocate(512);
            wrong.read(0, b);
            assertThat(b.hasRemaining()).isFalse();
        }
    }

    @Test
    void aNullParentIsRefusedByVdiImage() {
        assertThatThrownBy(() -> VdiImage.open(child, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("parent");
    }

    @Test
    void aParentChainThatLoopsBackToTheChildIsRefused() throws IOException {
        try (DiskImage b = VdiImage.open(base)) {
            // A non-VDI parent (no UUID to compare) that claims to be the child file itself.
            DiskImage self = new DelegatingImage(b, child);
            Throwable t = catchThrowable(() -> VdiImage.open(child, self).close());
            assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(child.toString())
                    .hasMessageContaining("loops back to this file");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"qcow2, ", "vmdk, streamOptimized", "vhd, dynamic", "vhdx, dynamic", "raw, "})
    void otherFormatsDoNotTakeAParent(String format, String sub) throws IOException {
        DiskFormat f = DiskFormat.parse(format);
        Path img = dir.resolve("image." + format);
        if (f == DiskFormat.RAW) {
            Files.copy(src, img);
        } else {
            TestDisks.convert(src, img, f, sub);
        }
        Throwable t = catchThrowable(() -> DiskImages.open(img, base).close());
        assertThat(t).isInstanceOf(DiskFormatException.class).hasMessageContaining(img.toString())
                .hasMessageContaining("this is a " + format + " image")
                .hasMessageContaining("--parent")
                .hasMessageContaining("applies to VDI differencing images only")
                .hasMessageContaining("VMDK, VHD, VHDX and QCOW2 name their parent inside the image");
        assertThat(((DiskFormatException) t).offset()).isEqualTo(-1);
    }

    @Test
    void failuresLeakNoFileHandles() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
        Path other = dir.resolve("other.vdi");
        TestDisks.convert(src, other, DiskFormat.VDI, "dynamic");
        Path corrupt = dir.resolve("corrupt.vdi");
        byte[] b = Files.readAllBytes(base);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(376, 3 << 20); // block size not a power of 2
        Files.write(corrupt, b);
        Path qcow2 = dir.resolve("image.qcow2");
        TestDisks.convert(src, qcow2, DiskFormat.QCOW2, null);
        Path missing = dir.resolve("missing.vdi");

        long before = count(fds);
        for (int i = 0; i < 2000; i++) {
            Path[] bad = switch (i % 5) {
                case 0 -> new Path[] {child, other};    // not the parent: both opened, both closed
                case 1 -> new Path[] {base, other};     // a parent for a base image
                case 2 -> new Path[] {child, corrupt};  // the parent itself is corrupt
                case 3 -> new Path[] {corrupt, base};   // the child is corrupt after its parent opened
                default -> new Path[] {qcow2, base};    // not a VDI
            };
            assertThatThrownBy(() -> DiskImages.open(bad[0], bad[1]).close()).isInstanceOf(DiskFormatException.class);
            assertThatThrownBy(() -> DiskImages.open(child, missing).close()).isInstanceOf(IOException.class);
        }
        assertThat(count(fds)).isLessThanOrEqualTo(before + 5);
    }

    private static long count(Path fds) throws IOException {
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }

    private String expectedDigest() throws IOException {
        return sha256(Differencing.expected(Files.readAllBytes(src), (byte) 0x5A));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds differencing VDIs the way {@code VdiTest} does (qemu-img cannot): a copy of the parent
     * VDI with type 4, the parent's creation UUID as linkage UUID, a creation UUID of its own, and a
     * map of four 1 MiB blocks: 0 free (the parent's), 1 its own data filled with one byte, 2 free,
     * 3 zero. The allocated count is set to match, so that the image checks consistent.
     */
    static final class Differencing {
        private Differencing() {
        }

        /** Writes {@code child}, a differencing image of the 4 MiB VDI {@code parent}. */
        static void write(Path parent, Path child, byte fill) throws IOException {
            byte[] p = Files.readAllBytes(parent);
            byte[] c = p.clone();
            ByteBuffer h = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(76, 4);
            System.arraycopy(p, 392, c, 424, 16);
            c[392] ^= 1;
            c[393] ^= fill; // children of one parent differ in their creation UUID
            int map = h.getInt(340);
            long data = Integer.toUnsignedLong(h.getInt(344));
            int idx1 = h.getInt(map + 4);
            if (idx1 < 0) {
                throw new IllegalStateException("block 1 of " + parent + " is not allocated");
            }
            h.putInt(map, VdiImage.FREE);
            h.putInt(map + 8, VdiImage.FREE);
            h.putInt(map + 12, VdiImage.ZERO);
            h.putInt(388, 1);
            Arrays.fill(c, (int) (data + idx1 * MIB), (int) (data + (idx1 + 1) * MIB), fill);
            Files.write(child, c);
        }

        /** The guest content of such a child over a parent of content {@code parent}. */
        static byte[] expected(byte[] parent, byte fill) {
            byte[] e = Arrays.copyOf(parent, (int) SIZE);
            Arrays.fill(e, (int) MIB, (int) (2 * MIB), fill);
            Arrays.fill(e, (int) (3 * MIB), (int) (4 * MIB), (byte) 0);
            return e;
        }
    }

    /** Another image under a different name: a non-VDI parent whose path is chosen by the test. */
    private static final class DelegatingImage implements DiskImage {
        private final DiskImage d;
        private final Path path;

        DelegatingImage(DiskImage d, Path path) {
            this.d = d;
            this.path = path;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public DiskFormat format() {
            return DiskFormat.RAW;
        }

        @Override
        public String subformat() {
            return "raw";
        }

        @Override
        public long capacity() {
            return d.capacity();
        }

        @Override
        public long actualSize() throws IOException {
            return d.actualSize();
        }

        @Override
        public void read(long offset, ByteBuffer dst) throws IOException {
            d.read(offset, dst);
        }

        @Override
        public java.util.List<Extent> extents(long offset, long length) throws IOException {
            return d.extents(offset, length);
        }

        @Override
        public java.util.Map<String, Object> details() {
            return d.details();
        }

        @Override
        public io.ovfkit.disk.CheckResult check() throws IOException {
            return d.check();
        }

        @Override
        public void close() throws IOException {
            d.close();
        }
    }
}
