package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.raw.RawWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The block contract every file writer shares: order, alignment, bounds, and no output on failure. */
class FileBlockWriterTest {
    private static final long CAPACITY = 8L << 20;

    @TempDir
    Path dir;

    static Stream<DiskFormat> formats() {
        return Stream.of(DiskFormat.RAW, DiskFormat.QCOW2, DiskFormat.VHD, DiskFormat.VHDX, DiskFormat.VDI);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void blocksOutOfOrderUnalignedOrOutsideTheDiskAreRefusedAndLeaveNoFile(DiskFormat format) throws IOException {
        Path out = dir.resolve("out." + format.id());
        try (DiskWriter w = DiskWriters.create(out, WriteOptions.builder(format, CAPACITY).build())) {
            int unit = w.blockSize();
            w.write(List.of(block(unit, unit), block(2L * unit, unit)));
            // The same block again, one before it, one not on a unit, one past the end, one too long.
            for (EncodedBlock bad : List.of(block(2L * unit, unit), block(unit, unit), block(3L * unit + 512, 512),
                    block(CAPACITY, unit), block(4L * unit, unit + 1))) {
                assertThatThrownBy(() -> w.write(bad)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(out.toString())
                        .hasMessageContaining("block at " + bad.offset() + " (" + bad.length() + " bytes)")
                        .hasMessageContaining("out of order, unaligned or outside the disk");
            }
            // A refused block changes nothing: the next good one is still accepted.
            w.write(block(3L * unit, unit));
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRawStreamRefusesABlockBehindIt() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (RawWriter w = RawWriter.toStream(Channels.newChannel(sink), CAPACITY)) {
            w.write(block(1 << 20, 64 << 10));
            assertThatThrownBy(() -> w.write(block(0, 64 << 10))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the raw stream: block at 0");
        }
    }

    private static EncodedBlock block(long offset, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        while (b.hasRemaining()) {
            b.put((byte) 1);
        }
        return new EncodedBlock(offset, length, b.flip());
    }
}
