package io.ovfkit.disk.vhd;

import static io.ovfkit.disk.vhd.TestDisks.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VHDs written through {@link io.ovfkit.disk.DiskConverter}, checked with qemu-img ({@code info -f
 * vpc} exact size, {@code compare}), libvhdi and our own reader.
 */
class VhdWriterTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} bytes")
    @CsvSource({"dynamic, 8388608", "fixed, 8388608", "dynamic, 7341568", "fixed, 7341568", "dynamic, 1048576",
            "fixed, 1048576", "dynamic, 104861184", "fixed, 16515072"})
    void writtenVhdReadsBackEverywhere(String sub, long size) throws IOException {
        Path src = TestDisks.source(dir, "src.raw", size, size);
        Path out = dir.resolve("out.vhd");
        TestDisks.convert(src, out, DiskFormat.VHD, sub);

        assertThat(TestDisks.qemuVirtualSize(out, "vpc")).isEqualTo(size);
        TestDisks.qemuCompare(src, out, "raw", "vpc");
        String srcDigest = TestDisks.digest(src);
        assertThat(TestDisks.pyvhdiDigest(out)).isEqualTo(size + " " + srcDigest);
        try (DiskImage img = DiskImages.open(out, false)) {
            assertThat(img).isInstanceOf(VhdImage.class);
            assertThat(img.subformat()).isEqualTo(sub);
            assertThat(img.capacity()).isEqualTo(size);
            assertThat(img.check().consistent()).isTrue();
            assertThat(TestDisks.digest(img)).isEqualTo(srcDigest);
            assertThat(img.details()).containsEntry("creatorApp", "ovfk").containsEntry("currentSize", size);
        }
        if (sub.equals("fixed")) {
            assertThat(Files.size(out)).isEqualTo(size + 512);
        } else {
            try (DiskImage img = DiskImages.open(out)) {
                assertThat(img.details()).containsEntry("batEntries", (size + 2 * MIB - 1) / (2 * MIB));
            }
        }
    }

    @Test
    void geometryFollowsTheSpecificationAndForcesTheSizeOtherwise() {
        // 8 MiB: 240/4/17 is below the size -> 65535/16/255 so that qemu reads the current size.
        VhdFooter f = VhdWriter.footerFor(8 * MIB, VhdFooter.FIXED, 1L);
        assertThat(new int[] {f.cylinders(), f.heads(), f.sectors()}).containsExactly(65535, 16, 255);
        assertThat(VhdFooter.geometry(8 * MIB / 512)).containsExactly(240, 4, 17);
        // 241 x 4 x 17 sectors is exactly a CHS product: the spec geometry is kept.
        VhdFooter g = VhdWriter.footerFor(241L * 4 * 17 * 512, VhdFooter.FIXED, 1L);
        assertThat(new int[] {g.cylinders(), g.heads(), g.sectors()}).containsExactly(241, 4, 17);
        assertThat(VhdFooter.geometry(136365211648L / 512)).containsExactly(65278, 16, 255);
    }

    @Test
    void seededOutputIsReproducible() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 3 * MIB, 7);
        byte[][] outs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("o" + i + ".vhd");
            try (DiskImage in = DiskImages.open(src);
                    var w = io.ovfkit.disk.DiskWriters.create(out, io.ovfkit.disk.WriteOptions
                            .builder(DiskFormat.VHD, in.capacity()).contentSeed(42).build())) {
                io.ovfkit.disk.DiskConverter.builder().threads(1 + i).build().convert(in, w);
            }
            outs[i] = Files.readAllBytes(out);
        }
        assertThat(outs[0]).isEqualTo(outs[1]);
    }

    @Test
    void zeroBlocksStayUnallocated() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 20 * MIB, 3);
        Path out = dir.resolve("out.vhd");
        TestDisks.convert(src, out, DiskFormat.VHD, "dynamic");
        try (DiskImage img = DiskImages.open(out)) {
            List<Extent> ex = img.extents(0, img.capacity());
            assertThat(ex).contains(new Extent(0, 6 * MIB, Extent.Kind.DATA), new Extent(18 * MIB, 2 * MIB, Extent.Kind.DATA));
            assertThat(ex.get(1)).isEqualTo(new Extent(6 * MIB, 12 * MIB, Extent.Kind.UNALLOCATED));
            ByteBuffer b = ByteBuffer.allocate(4096);
            img.read(10 * MIB, b);
            assertThat(b.array()).containsOnly(0);
        }
        // 4 data blocks of 2 MiB + 512 and the metadata.
        assertThat(Files.size(out)).isEqualTo(1536 + 512 + 4 * (2 * MIB + 512) + 512);
    }

    @Test
    void vmdkConvertsToVhd() throws IOException {
        Path src = TestDisks.source(dir, "src.raw", 9 * MIB + 512, 11);
        Path vmdk = dir.resolve("mid.vmdk");
        TestDisks.convert(src, vmdk, DiskFormat.VMDK, "streamOptimized");
        Path out = dir.resolve("out.vhd");
        TestDisks.convert(vmdk, out, DiskFormat.VHD, "dynamic");
        TestDisks.qemuCompare(src, out, "raw", "vpc");
        TestDisks.qemuCompare(vmdk, out, "vmdk", "vpc");
        assertThat(TestDisks.qemuVirtualSize(out, "vpc")).isEqualTo(9 * MIB + 512);
    }

    @Test
    void refusesMoreThan2040GiB() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.ovfkit.disk.DiskWriters.create(dir.resolve("big.vhd"),
                io.ovfkit.disk.WriteOptions.builder(DiskFormat.VHD, VhdWriter.MAX_CAPACITY + 512).build()))
                .isInstanceOf(io.ovfkit.disk.DiskFormatException.class).hasMessageContaining("2040 GiB");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
