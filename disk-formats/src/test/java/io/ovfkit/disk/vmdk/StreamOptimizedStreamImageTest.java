package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ovf.testing.Oracle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk images read once, front to back, from streams ({@link DiskImages#openStream}): streamOptimized
 * VMDKs written by ovfkit and by qemu-img, raw content, and the formats that need random access,
 * refused with the reason.
 */
class StreamOptimizedStreamImageTest {
    static final int MIB = 1 << 20;

    @TempDir
    static Path sources;

    @TempDir
    Path dir;

    static Path raw;

    @BeforeAll
    static void makeSource() throws IOException {
        Random r = new Random(7);
        raw = sources.resolve("mixed.raw");
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] a = new byte[3 * MIB];
            r.nextBytes(a);
            ch.write(ByteBuffer.wrap(a), 0);
            byte[] t = "a stream of text ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            ch.write(ByteBuffer.wrap(t), 9L * MIB + 777);
            byte[] tail = new byte[512];
            r.nextBytes(tail);
            ch.write(ByteBuffer.wrap(tail), 21L * MIB - 512 + 65536 * 3 + 1024);
        }
    }

    private static Path ovfkitStreamOptimized(Path dir) throws IOException {
        Path vmdk = dir.resolve("ovfkit.vmdk");
        try (DiskImage in = DiskImages.open(raw);
                DiskWriter out = DiskWriters.create(vmdk, WriteOptions.builder(DiskFormat.VMDK, in.capacity())
                        .subformat("streamOptimized").build())) {
            DiskConverter.builder().threads(2).build().convert(in, out);
        }
        return vmdk;
    }

    private static Path toRaw(DiskImage in, Path out) throws IOException {
        try (DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.RAW, in.capacity()).build())) {
            DiskConverter.builder().threads(3).batchBytes(1 << 20).build().convert(in, w);
        }
        return out;
    }

    private static void assertSameAsSource(Path out) throws IOException {
        byte[] want = Files.readAllBytes(raw);
        byte[] got = Files.readAllBytes(out);
        assertThat(got.length).isGreaterThanOrEqualTo(want.length);
        assertThat(java.util.Arrays.copyOf(got, want.length)).isEqualTo(want);
    }

    @Test
    void ovfkitsStreamOptimizedVmdkConvertsFromAStreamToTheSameBytes() throws IOException {
        Path vmdk = ovfkitStreamOptimized(dir);
        try (DiskImage in = DiskImages.openStream(Files.newInputStream(vmdk), "p.ova!/ovfkit.vmdk", -1)) {
            assertThat(in.sequential()).isTrue();
            assertThat(in.subformat()).isEqualTo("streamOptimized");
            assertThat(in.details()).containsEntry("createType", "streamOptimized").containsKey("cid");
            assertSameAsSource(toRaw(in, dir.resolve("out.raw")));
        }
    }

    @Test
    void aGzipCompressedVmdkConvertsThroughGzip() throws IOException {
        Path vmdk = ovfkitStreamOptimized(dir);
        Path gz = dir.resolve("ovfkit.vmdk.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(vmdk, out);
        }
        try (DiskImage in = DiskImages.openStream(new GZIPInputStream(Files.newInputStream(gz)), "gz", -1)) {
            assertSameAsSource(toRaw(in, dir.resolve("out.raw")));
        }
    }

    @Test
    void qemuImgsStreamOptimizedVmdkConvertsFromAStream() throws IOException {
        Path qemu = Oracle.require("qemu-img");
        Path vmdk = dir.resolve("qemu.vmdk");
        Oracle.Result r = Oracle.run(List.of(qemu.toString(), "convert", "-O", "vmdk", "-o", "subformat=streamOptimized",
                raw.toString(), vmdk.toString()), dir, Duration.ofMinutes(2));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (DiskImage in = DiskImages.openStream(Files.newInputStream(vmdk), "qemu.vmdk", -1)) {
            Path out = toRaw(in, dir.resolve("out.raw"));
            Oracle.Result c = Oracle.run(List.of(qemu.toString(), "compare", "-f", "raw", "-F", "raw", raw.toString(),
                    out.toString()), dir, Duration.ofMinutes(2));
            assertThat(c.exitCode()).as(c.stdout() + c.stderr()).isZero();
        }
    }

    @Test
    void theMapWalkedGrainByGrainCountsTheStoredGrains() throws IOException {
        Path vmdk = ovfkitStreamOptimized(dir);
        long inPlace = 0;
        try (DiskImage img = DiskImages.open(vmdk)) {
            for (Extent e : img.extents(0, img.capacity())) {
                inPlace += e.kind() == Extent.Kind.DATA ? e.length() : 0;
            }
        }
        long streamed = 0;
        try (DiskImage in = DiskImages.openStream(Files.newInputStream(vmdk), "v", -1)) {
            for (long off = 0; off < in.capacity(); off += 65536) {
                for (Extent e : in.extents(off, Math.min(65536, in.capacity() - off))) {
                    streamed += e.kind() == Extent.Kind.DATA ? e.length() : 0;
                }
            }
        }
        assertThat(streamed).isEqualTo(inPlace).isPositive();
    }

    @Test
    void readingBackwardsIsRefused() throws IOException {
        Path vmdk = ovfkitStreamOptimized(dir);
        try (DiskImage in = DiskImages.openStream(Files.newInputStream(vmdk), "v", -1)) {
            in.read(MIB, ByteBuffer.allocate(4096));
            assertThatThrownBy(() -> in.read(0, ByteBuffer.allocate(512))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("front to back");
        }
    }

    @Test
    void rawContentReadsWithTheCapacityGivenAndZerosAfterItsEnd() throws IOException {
        byte[] content = Files.readAllBytes(raw);
        long capacity = content.length + 4096;
        try (DiskImage in = DiskImages.openStream(new ByteArrayInputStream(content), "r", capacity)) {
            assertThat(in.format()).isEqualTo(DiskFormat.RAW);
            Path out = toRaw(in, dir.resolve("out.raw"));
            assertThat(Files.size(out)).isEqualTo(capacity);
            assertSameAsSource(out);
        }
    }

    @Test
    void rawContentWithoutACapacityIsRefused() {
        assertThatThrownBy(() -> DiskImages.openStream(new ByteArrayInputStream(new byte[4096]), "r", -1))
                .isInstanceOf(DiskFormatException.class).hasMessageContaining("needs its capacity");
    }

    @Test
    void formatsThatNeedRandomAccessAreRefusedWithTheReason() throws IOException {
        Path sparse = dir.resolve("sparse.vmdk");
        try (DiskImage in = DiskImages.open(raw);
                DiskWriter out = DiskWriters.create(sparse, WriteOptions.builder(DiskFormat.VMDK, in.capacity())
                        .subformat("monolithicSparse").build())) {
            DiskConverter.builder().build().convert(in, out);
        }
        assertRefused(sparse, "monolithicSparse");
        for (DiskFormat f : List.of(DiskFormat.QCOW2, DiskFormat.VHDX, DiskFormat.VDI, DiskFormat.VHD)) {
            Path img = dir.resolve("d." + f.id());
            try (DiskImage in = DiskImages.open(raw);
                    DiskWriter out = DiskWriters.create(img, WriteOptions.builder(f, in.capacity()).build())) {
                DiskConverter.builder().build().convert(in, out);
            }
            assertRefused(img, "cannot be read from a stream");
        }
    }

    private static void assertRefused(Path img, String reason) throws IOException {
        InputStream s = Files.newInputStream(img);
        assertThatThrownBy(() -> DiskImages.openStream(s, img.getFileName().toString(), 1 << 20))
                .isInstanceOf(DiskFormatException.class).hasMessageContaining(reason);
    }
}
