package io.ovfkit.disk.bench.jmh;

import io.ovfkit.disk.ZeroDetector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deciding whether a 64 KiB block is all zero: {@link ZeroDetector} ({@code Arrays.mismatch}
 * against a zero array, vectorised by the JIT) against a byte loop and a {@code long} loop. The
 * worst case is a zero block (every byte is looked at); a block with data usually ends at once.
 * Multiply the operations per second by 64 KiB for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ZeroDetectionBench {
    private static final int BLOCK = 64 << 10;

    /** {@code zero}: all zero; {@code lastByte}: only the last byte is not zero; {@code firstByte}: the first is not. */
    @Param({"zero", "lastByte", "firstByte"})
    public String content;

    private byte[] block;
    private ByteBuffer longs;

    @Setup(Level.Trial)
    public void setUp() {
        block = new byte[BLOCK];
        if (content.equals("lastByte")) {
            block[BLOCK - 1] = 1;
        } else if (content.equals("firstByte")) {
            block[0] = 1;
        }
        longs = ByteBuffer.wrap(block).order(ByteOrder.nativeOrder());
    }

    @Benchmark
    public boolean zeroDetector() {
        return ZeroDetector.isZero(block, 0, BLOCK);
    }

    @Benchmark
    public boolean byteLoop() {
        for (int i = 0; i < BLOCK; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Benchmark
    public boolean longLoop() {
        for (int i = 0; i < BLOCK; i += 8) {
            if (longs.getLong(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
