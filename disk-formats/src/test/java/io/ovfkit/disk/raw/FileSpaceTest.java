package io.ovfkit.disk.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block reservations of output files ({@code fallocate}, Linux): only what is about to be written is
 * reserved, the file's size is what the writes make it, sparse outputs stay sparse, and the bytes
 * are the same with or without. The allocated size comes from {@code stat}, the content is checked
 * with {@code qemu-img compare}.
 */
class FileSpaceTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(FileSpace.DISABLE);
    }

    /** Linux with the native bridge loaded (as a command line loads it for a large raw source). */
    private static void requireReservations() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        assumeTrue(linux, "block reservations are made on Linux only");
        FileHoleMap.preload();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(FileHoles.available()).as("JNA on this Linux JVM").isTrue();
        }
        assumeTrue(FileHoles.available(), "this JVM has no JNA for the platform");
    }

    /** Bytes the file system allocated to {@code file}, from {@code stat}. */
    private long allocated(Path file) throws IOException {
        Oracle.Result r = Oracle.run(List.of("stat", "-c", "%b %B", file.toString()), tmp, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String[] f = r.stdout().trim().split(" ");
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }

    @Test
    void aReservationAllocatesWithoutChangingTheSize() throws IOException {
        requireReservations();
        Path target = tmp.resolve("out.bin");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            FileSpace space = out.space();
            assertThat(space).isNotNull();
            Path temp;
            try (var files = Files.list(tmp)) {
                temp = files.filter(p -> p.getFileName().toString().endsWith(".part")).findFirst().orElseThrow();
            }
            space.reserve(MIB, 2 * MIB);
            assertThat(Files.size(temp)).isZero();
            long reserved = allocated(temp);
            assumeTrue(reserved > 0, "the file system of " + tmp + " does not reserve blocks");
            assertThat(reserved).isBetween(2 * MIB, 3 * MIB);
            // Nothing to reserve, or after close: no effect and no error.
            space.reserve(0, 0);
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void turnedOffByItsProperty() throws IOException {
        System.setProperty(FileSpace.DISABLE, "false");
        try (AtomicOutput out = AtomicOutput.create(tmp.resolve("off.bin"))) {
            assertThat(out.space()).isNull();
        }
    }

    @Test
    void aSparseConversionStaysSparseAndWritesTheSameBytes() throws IOException {
        requireReservations();
        // 64 MiB with four 1 MiB runs of data; the rest never written.
        long size = 64 * MIB;
        Path src = tmp.resolve("sparse.raw");
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.setLength(size);
            Random r = new Random(5);
            byte[] b = new byte[(int) MIB];
            for (long at : new long[] {0, 9 * MIB, 30 * MIB + 65536, size - MIB}) {
                r.nextBytes(b);
                f.seek(at);
                f.write(b);
            }
        }
        Path with = convert(src, "with.raw", DiskFormat.RAW);
        Path qcow = convert(src, "with.qcow2", DiskFormat.QCOW2);
        System.setProperty(FileSpace.DISABLE, "false");
        Path without = convert(src, "without.raw", DiskFormat.RAW);
        assertThat(Files.mismatch(with, without)).isEqualTo(-1L);
        assertThat(Files.size(with)).isEqualTo(size);
        // Reserved where written only: the raw output holds about the 4 MiB of data, like the copy
        // made without reservations, never the 64 MiB of its size.
        assumeTrue(allocated(without) < size / 2, "the file system of " + tmp + " keeps no holes");
        assertThat(allocated(with)).isBetween(4 * MIB, 6 * MIB);
        assertThat(allocated(qcow)).isLessThan(6 * MIB);
        Path qemu = Oracle.require("qemu-img");
        for (Object[] o : new Object[][] {{with, "raw"}, {qcow, "qcow2"}}) {
            Oracle.Result cmp = Oracle.run(List.of(qemu.toString(), "compare", "-f", "raw", "-F", (String) o[1],
                    src.toString(), o[0].toString()), tmp, Duration.ofMinutes(1));
            assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
        }
    }

    private Path convert(Path src, String name, DiskFormat format) throws IOException {
        Path out = tmp.resolve(name);
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(format, Files.size(src)).build())) {
            DiskConverter.builder().threads(2).build().convert(in, w);
        }
        return out;
    }
}
