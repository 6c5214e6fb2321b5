package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stress of the parallel compression pipeline of {@link DiskConverter}: the same source converted many
 * times into a streamOptimized VMDK and a compressed QCOW2 with 1 … N worker threads (and small batches,
 * so that many batches are in flight) gives byte-identical output every time, and no {@code ovfkit-}
 * thread outlives the conversions. Kept to a few seconds.
 */
class DiskConverterStressTest {
    private static final int BLOCK = 64 << 10;

    @TempDir
    Path tmp;

    /** About 3 MiB: random (incompressible), zero, and mostly zero (compressible) blocks, an odd tail. */
    private static byte[] content() {
        int size = 3 * (1 << 20) + 4096 + 100;
        byte[] b = new byte[size];
        Random r = new Random(7);
        for (int off = 0; off < size; off += BLOCK) {
            int len = Math.min(BLOCK, size - off);
            switch (r.nextInt(3)) {
                case 0 -> { } // zero block
                case 1 -> {
                    byte[] x = new byte[len];
                    r.nextBytes(x);
                    System.arraycopy(x, 0, b, off, len);
                }
                default -> b[off + r.nextInt(len)] = 1;
            }
        }
        b[size - 1] = 5;
        return b;
    }

    private static String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static List<String> ovfkitThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ovfkit-")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmdk", "qcow2"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyRunsWithOneToNThreadsGiveTheSameBytesAndLeaveNoThread(String format) throws Exception {
        assertThat(ovfkitThreads()).as("no converter running before").isEmpty();
        byte[] data = content();
        Path src = Files.write(tmp.resolve("src.raw"), data);
        int max = Math.max(4, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
        WriteOptions.Builder o = WriteOptions.builder(format.equals("vmdk") ? DiskFormat.VMDK : DiskFormat.QCOW2,
                data.length).contentSeed(11L);
        o.subformat(format.equals("vmdk") ? "streamOptimized" : "compressed");
        WriteOptions options = o.build();
        String expected = null;
        int runs = 0;
        for (int round = 0; round < 3; round++) {
            for (int threads = 1; threads <= max; threads++) {
                int batch = (round % 2 == 0 ? 128 : 256) << 10;
                // The same name every run: a VMDK's descriptor names its extent file.
                Path dst = Files.createDirectories(tmp.resolve("run-" + round + "-" + threads)).resolve("out." + format);
                try (DiskImage in = DiskImages.open(src); DiskWriter out = DiskWriters.create(dst, options)) {
                    DiskConverter.Result r = DiskConverter.builder().threads(threads).batchBytes(batch).build()
                            .convert(in, out);
                    assertThat(r.capacity()).isEqualTo(data.length);
                }
                String h = sha256(dst);
                if (expected == null) {
                    expected = h;
                    try (DiskImage back = DiskImages.open(dst)) {
                        byte[] read = new byte[data.length];
                        back.read(0, java.nio.ByteBuffer.wrap(read));
                        assertThat(read).as("the image reads back as its source").isEqualTo(data);
                    }
                }
                assertThat(h).as(format + ", round " + round + ", " + threads + " threads").isEqualTo(expected);
                Files.delete(dst);
                runs++;
            }
        }
        assertThat(runs).isEqualTo(3 * max);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ovfkitThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ovfkitThreads()).as("ovfkit threads alive after the conversions").isEmpty();
    }

    /** One {@link DiskConverter} shared by several threads converting at once: each output as alone. */
    @ParameterizedTest
    @ValueSource(strings = {"vmdk", "qcow2"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneConverterSharedByConcurrentCallersGivesTheSameBytes(String format) throws Exception {
        byte[] data = content();
        Path src = Files.write(tmp.resolve("src.raw"), data);
        WriteOptions.Builder o = WriteOptions.builder(format.equals("vmdk") ? DiskFormat.VMDK : DiskFormat.QCOW2,
                data.length).contentSeed(11L);
        o.subformat(format.equals("vmdk") ? "streamOptimized" : "compressed");
        WriteOptions options = o.build();
        DiskConverter shared = DiskConverter.builder().threads(3).batchBytes(128 << 10).build();
        int callers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int c = 0; c < callers * 2; c++) {
                Path dst = Files.createDirectories(tmp.resolve("caller-" + c)).resolve("out." + format);
                hashes.add(pool.submit(() -> {
                    try (DiskImage in = DiskImages.open(src); DiskWriter out = DiskWriters.create(dst, options)) {
                        shared.convert(in, out);
                    }
                    return sha256(dst);
                }));
            }
            String first = hashes.get(0).get(30, TimeUnit.SECONDS);
            for (Future<String> h : hashes) {
                assertThat(h.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ovfkitThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ovfkitThreads()).as("ovfkit threads alive after the conversions").isEmpty();
    }
}
