package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.raw.RawImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DiskImages#open(SeekableByteChannel, long, long, String)}: images read in place from a range of a larger file. */
class ChannelSliceTest {
    @TempDir
    Path tmp;

    private byte[] content() {
        byte[] c = new byte[3 << 20];
        new Random(7).nextBytes(c);
        Arrays.fill(c, 1 << 20, 2 << 20, (byte) 0);
        return c;
    }

    private byte[] vmdk(byte[] content, String subformat) throws IOException {
        Path raw = Files.write(tmp.resolve("src.raw"), content);
        Path out = tmp.resolve(subformat + ".vmdk");
        try (DiskImage in = RawImage.open(raw);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VMDK, content.length)
                        .subformat(subformat).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        return Files.readAllBytes(out);
    }

    /** {@code image} between 1000 bytes of junk before and 5000 after. */
    private Path embedded(byte[] image) throws IOException {
        byte[] all = new byte[1000 + image.length + 5000];
        new Random(1).nextBytes(all);
        System.arraycopy(image, 0, all, 1000, image.length);
        return Files.write(tmp.resolve("container.bin"), all);
    }

    @Test
    void aStreamOptimizedVmdkInsideAFileReadsLikeTheFileItself() throws IOException {
        byte[] content = content();
        for (String sub : new String[] {"streamOptimized", "monolithicSparse"}) {
            byte[] image = vmdk(content, sub);
            Path container = embedded(image);
            try (FileChannel ch = FileChannel.open(container, StandardOpenOption.READ)) {
                try (DiskImage img = DiskImages.open(ch, 1000, image.length, "container.bin!/disk.vmdk")) {
                    assertThat(img.format()).isEqualTo(DiskFormat.VMDK);
                    assertThat(img.subformat()).isEqualTo(sub);
                    assertThat(img.capacity()).isEqualTo(content.length);
                    assertThat(img.actualSize()).isEqualTo(image.length);
                    assertThat(img.path().toString()).isEqualTo("container.bin!/disk.vmdk");
                    ByteBuffer b = ByteBuffer.allocate(content.length);
                    img.read(0, b);
                    assertThat(b.array()).isEqualTo(content);
                    assertThat(img.check().consistent()).isTrue();
                }
                assertThat(ch.isOpen()).as("the caller's channel stays open").isTrue();
            }
        }
    }

    @Test
    void anyChannelWorksNotOnlyAFileChannel() throws IOException {
        byte[] content = content();
        byte[] image = vmdk(content, "streamOptimized");
        Path container = embedded(image);
        try (SeekableByteChannel ch = Files.newByteChannel(container);
                SeekableByteChannel plain = new Wrapper(ch);
                DiskImage img = DiskImages.open(plain, 1000, image.length, "d.vmdk")) {
            ByteBuffer b = ByteBuffer.allocate(70_000);
            img.read((2 << 20) + 3, b);
            assertThat(b.array()).isEqualTo(Arrays.copyOfRange(content, (2 << 20) + 3, (2 << 20) + 70_003));
        }
    }

    @Test
    void unrecognizedContentIsRawOfTheRangesLength() throws IOException {
        byte[] image = new byte[4096];
        new Random(3).nextBytes(image);
        Path container = embedded(image);
        try (FileChannel ch = FileChannel.open(container, StandardOpenOption.READ);
                DiskImage img = DiskImages.open(ch, 1000, 4096, "raw.img")) {
            assertThat(img.format()).isEqualTo(DiskFormat.RAW);
            assertThat(img.capacity()).isEqualTo(4096);
            ByteBuffer b = ByteBuffer.allocate(4096);
            img.read(0, b);
            assertThat(b.array()).isEqualTo(image);
            assertThatThrownBy(() -> img.read(4000, ByteBuffer.allocate(100))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTextDescriptorIsRefusedInPlace() throws IOException {
        byte[] d = ("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n"
                + "RW 8 FLAT \"x-flat.vmdk\" 0\n").getBytes(StandardCharsets.US_ASCII);
        Path container = embedded(d);
        try (FileChannel ch = FileChannel.open(container, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> DiskImages.open(ch, 1000, d.length, "x.vmdk")).isInstanceOf(DiskFormatException.class)
                    .hasMessageContaining("only single-file VMDKs");
        }
    }

    @Test
    void aCorruptVmdkNamesTheImage() throws IOException {
        byte[] image = vmdk(content(), "streamOptimized");
        byte[] cut = Arrays.copyOf(image, image.length / 2);
        Path container = embedded(cut);
        try (FileChannel ch = FileChannel.open(container, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> DiskImages.open(ch, 1000, cut.length, "pkg.ova!/cut.vmdk"))
                    .isInstanceOf(DiskFormatException.class).hasMessageContaining("cut.vmdk");
        }
    }

    /** A channel that is not a FileChannel, so reads go through position + read. */
    private static final class Wrapper implements SeekableByteChannel {
        private final SeekableByteChannel c;

        Wrapper(SeekableByteChannel c) {
            this.c = c;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return c.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return c.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            c.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return c.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return c.isOpen();
        }

        @Override
        public void close() throws IOException {
            c.close();
        }
    }
}
