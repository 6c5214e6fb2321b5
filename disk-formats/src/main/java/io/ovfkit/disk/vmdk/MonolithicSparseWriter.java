package io.ovfkit.disk.vmdk;

import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_BYTES;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.EncodedBlock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a monolithicSparse VMDK: one hosted sparse extent with its descriptor embedded
 * ({@link SparseExtentWriter}), in guest order, into a seekable temporary file renamed at
 * {@link #finish()}. Grain pointers are 32-bit sector numbers, so the disk must stay below 2 TiB
 * (with its metadata); larger capacities are refused when the writer is created.
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class MonolithicSparseWriter implements DiskWriter {
    private final Path target;
    private final AtomicOutput file;
    private final SparseExtentWriter extent;
    private final long capacityBytes;
    private long lastGrain = -1;
    private boolean finished;

    private MonolithicSparseWriter(Path target, AtomicOutput file, SparseExtentWriter extent, long capacityBytes) {
        this.target = target;
        this.file = file;
        this.extent = extent;
        this.capacityBytes = capacityBytes;
    }

    /**
     * A monolithicSparse file at {@code target}.
     *
     * @throws DiskFormatException when the capacity cannot be addressed (2 TiB and more)
     */
    static MonolithicSparseWriter create(Path target, VmdkWriters.Settings s) throws IOException {
        if (!SparseExtentWriter.addressable(s.sectors(), true)) {
            throw SparseExtentWriter.tooLarge(target, s.sectors(), true);
        }
        byte[] descriptor = VmdkWriters.embeddedDescriptor(target, s);
        AtomicOutput file = AtomicOutput.create(target, s.sync());
        try {
            SparseExtentWriter e = new SparseExtentWriter(file.channel(), target, s.sectors(), descriptor);
            return new MonolithicSparseWriter(target, file, e, s.capacityBytes());
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public long capacity() {
        return capacityBytes;
    }

    @Override
    public int blockSize() {
        return GRAIN_BYTES;
    }

    @Override
    public void write(EncodedBlock block) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        long grain = VmdkWriters.checkBlock(target, block.offset(), block.length(), capacityBytes, lastGrain);
        try {
            extent.grain(grain, block.payload());
        } catch (IOException e) {
            throw AtomicOutput.writeFailure(target, e);
        }
        lastGrain = grain;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": already finished");
        }
        try {
            extent.finish();
            file.commit();
        } catch (IOException e) {
            throw AtomicOutput.writeFailure(target, e);
        }
        finished = true;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
