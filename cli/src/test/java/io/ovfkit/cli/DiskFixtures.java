package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test fixture for the disk commands: raw images, a corrupt VMDK, and qemu-img as the oracle. */
final class DiskFixtures {
    static final int MIB = 1 << 20;

    private DiskFixtures() {
    }

    /** A sparse raw image of {@code size} bytes with random 64 KiB blocks at {@code offsets}. */
    static Path raw(Path file, long size, long seed, long... offsets) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            Random r = new Random(seed);
            byte[] block = new byte[64 << 10];
            for (long off : offsets) {
                r.nextBytes(block);
                f.seek(off);
                f.write(block, 0, (int) Math.min(block.length, size - off));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 4 MiB raw image that looks used: data at the start, in the middle and in its last sector. */
    static Path usedRaw(Path file) {
        Path p = raw(file, 4L * MIB, 7, 0, 64 << 10, 2L * MIB + (128 << 10));
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(4L * MIB - 100);
            f.write("last sector".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A file that starts with the VMDK magic but whose header holds nothing sensible (grain size 0). */
    static Path corruptVmdk(Path file) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x564D444B).putInt(1).putInt(3).putLong(-1L).putLong(0).putLong(0).putLong(0);
        try {
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code qemu-img args...} (skipped when missing, failed on CI), returning the result. */
    static Oracle.Result qemuImg(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Oracle.require("qemu-img").toString());
        cmd.addAll(List.of(args));
        Oracle.Result r = Oracle.run(cmd, null, Duration.ofMinutes(2));
        assertThat(r.timedOut()).as("qemu-img %s timed out", args[0]).isFalse();
        return r;
    }

    /** Asserts that qemu-img finds {@code image} of {@code format} consistent. */
    static void assertQemuCheckPasses(Path image, String format) {
        Oracle.Result r = qemuImg("check", "-f", format, image.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /** Asserts that qemu-img finds the content of {@code raw} and {@code image} identical. */
    static void assertQemuCompareIdentical(Path raw, Path image, String format) {
        Oracle.Result r = qemuImg("compare", "-f", "raw", "-F", format, raw.toString(), image.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("Images are identical.");
    }

    /** The names of the files in {@code dir}. */
    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
