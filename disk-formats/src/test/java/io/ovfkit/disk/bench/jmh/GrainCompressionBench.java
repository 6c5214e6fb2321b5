package io.ovfkit.disk.bench.jmh;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.bench.UsedDiskGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Compressing one 64 KiB grain, the inner loop of a streamOptimized conversion: the bare zlib
 * deflate, and the streamOptimized writer's {@code encode} (deflate plus the grain marker), on
 * log-like text and on random bytes, at deflate levels 1 and 6. Throughput per thread; the
 * converter runs one such loop per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GrainCompressionBench {
    private static final int GRAIN = 64 << 10;

    @Param({"text", "random"})
    public String content;

    @Param({"1", "6"})
    public int level;

    private byte[] grain;
    private byte[] out;
    private Deflater deflater;
    private Path dir;
    private DiskWriter writer;
    private DiskWriter.Scratch scratch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        grain = new byte[GRAIN];
        if (content.equals("text")) {
            new UsedDiskGenerator.TextSource(1).fill(grain, GRAIN);
        } else {
            new SplittableRandom(1).nextBytes(grain);
        }
        out = new byte[GRAIN + 1024];
        deflater = new Deflater(level);
        dir = Files.createTempDirectory("grain-bench");
        writer = DiskWriters.create(dir.resolve("bench.vmdk"), WriteOptions.builder(DiskFormat.VMDK, 1L << 30)
                .subformat("streamOptimized").compressionLevel(level).build());
        scratch = writer.newScratch();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        deflater.end();
        scratch.end();
        writer.close();
        Files.deleteIfExists(dir);
    }

    /** zlib deflate of one grain into a reused buffer: the compressed size. */
    @Benchmark
    public int deflate() {
        deflater.reset();
        deflater.setInput(grain);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(out, n, out.length - n);
        }
        return n;
    }

    /** The streamOptimized writer's encode of one grain (what the converter's workers run). */
    @Benchmark
    public EncodedBlock writerEncode() {
        return writer.encode(0, ByteBuffer.wrap(grain), scratch);
    }
}
