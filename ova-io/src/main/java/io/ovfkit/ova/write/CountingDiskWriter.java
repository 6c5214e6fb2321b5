package io.ovfkit.ova.write;

import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.EncodedBlock;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link DiskWriter} that passes everything to another and counts the guest bytes of the blocks
 * written: the disk's exact {@code ovf:populatedSize} (zero and unallocated blocks are never written).
 */
final class CountingDiskWriter implements DiskWriter {
    private final DiskWriter target;
    private long dataBytes;

    CountingDiskWriter(DiskWriter target) {
        this.target = target;
    }

    /** Guest bytes of the non-zero blocks written. */
    long dataBytes() {
        return dataBytes;
    }

    @Override
    public long capacity() {
        return target.capacity();
    }

    @Override
    public int blockSize() {
        return target.blockSize();
    }

    @Override
    public EncodedBlock encode(long offset, ByteBuffer raw, Scratch scratch) {
        return target.encode(offset, raw, scratch);
    }

    @Override
    public Scratch newScratch() {
        return target.newScratch();
    }

    @Override
    public boolean encodes() {
        return target.encodes();
    }

    @Override
    public void write(EncodedBlock block) throws IOException {
        target.write(block);
        dataBytes += block.length();
    }

    @Override
    public void finish() throws IOException {
        target.finish();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
