package io.ovfkit.disk.vmdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.Extent;
import io.ovfkit.disk.fuzz.FuzzImages;
import io.ovfkit.disk.fuzz.FuzzSeedWriterTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Coverage-guided fuzzing of the VMDK reader: the sparse extent header, grain directory and tables,
 * the text descriptor (its extents are the sibling files {@link FuzzSeedWriterTest#vmdkExtents}
 * writes, as the seeds name them), compressed grains and stream markers. Each input is opened three
 * ways, as users do: {@link VmdkImage#open(Path)}, in place inside an archive
 * ({@link DiskImages#open(java.nio.channels.SeekableByteChannel, long, long, String)}), and once
 * from a stream ({@link DiskImages#openStream}). Input encoding and contract: {@link FuzzImages}.
 * Seeds and saved findings: {@code VmdkFuzzTestInputs/} (docs/fuzzing.md).
 */
class VmdkFuzzTest {
    private static final Path DIR = FuzzImages.workDir("vmdk");

    static {
        try {
            FuzzSeedWriterTest.vmdkExtents(DIR);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest
    void openVmdk(byte[] input) throws IOException {
        Path file = DIR.resolve("fuzz.vmdk");
        FuzzImages.check(input, file, VmdkImage::open);
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                DiskImage img = DiskImages.open(ch, 0, size, "fuzz.ova!/fuzz.vmdk")) {
            FuzzImages.use(img);
        } catch (DiskFormatException e) {
            assertThat(e.getMessage()).contains("fuzz.vmdk");
        }
        if (size <= 8 << 20) {
            try (DiskImage img = DiskImages.openStream(new ByteArrayInputStream(Files.readAllBytes(file)), "fuzz.vmdk", -1)) {
                readInOrder(img);
            } catch (DiskFormatException e) {
                assertThat(e.getMessage()).contains("fuzz.vmdk");
            }
        }
    }

    /** A sequential image read as the converter reads it: extents in order, at most 4 MiB of data. */
    private static void readInOrder(DiskImage img) throws IOException {
        long cap = img.capacity();
        ByteBuffer b = ByteBuffer.allocate(64 << 10);
        long read = 0;
        for (Extent e : img.extents(0, Math.min(cap, 1L << 30))) {
            if (e.kind() != Extent.Kind.DATA) {
                continue;
            }
            for (long at = e.offset(); at < e.end() && read < (4 << 20); at += b.capacity()) {
                b.clear().limit((int) Math.min(b.capacity(), e.end() - at));
                img.read(at, b);
                read += b.position();
            }
        }
    }
}
