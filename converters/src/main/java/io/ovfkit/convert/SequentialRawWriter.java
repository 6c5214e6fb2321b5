package io.ovfkit.convert;

import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.EncodedBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A raw image written strictly forward into a stream (a tar member inside a gzip stream): the
 * blocks the converter sends, and zeros for the runs it skips, up to the capacity. Needs no seek,
 * so it can go through compression and digests as the bytes go by.
 */
final class SequentialRawWriter implements DiskWriter {
    private static final int BLOCK = 1 << 16;
    private static final byte[] ZEROS = new byte[1 << 20];

    private final OutputStream out;
    private final long capacity;
    private long position;
    private byte[] copy = new byte[0];

    SequentialRawWriter(OutputStream out, long capacity) {
        this.out = out;
        this.capacity = capacity;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public int blockSize() {
        return BLOCK;
    }

    @Override
    public void write(EncodedBlock block) throws IOException {
        if (block.offset() < position) {
            throw new IllegalStateException("block at " + block.offset() + " behind " + position);
        }
        zeros(block.offset() - position);
        ByteBuffer p = block.payload().duplicate();
        int n = p.remaining();
        if (p.hasArray()) {
            out.write(p.array(), p.arrayOffset() + p.position(), n);
        } else {
            if (copy.length < n) {
                copy = new byte[n];
            }
            p.get(copy, 0, n);
            out.write(copy, 0, n);
        }
        position = block.offset() + n;
    }

    private void zeros(long n) throws IOException {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROS.length);
            out.write(ZEROS, 0, k);
            n -= k;
        }
    }

    @Override
    public void finish() throws IOException {
        zeros(capacity - position);
        position = capacity;
    }

    @Override
    public void close() {
        // the stream belongs to the caller
    }
}
