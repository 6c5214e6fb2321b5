package io.ovfkit.disk.raw;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DirectBuffers;
import io.ovfkit.disk.EncodedBlock;
import io.ovfkit.disk.FileBlockWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Writes a raw image. To a file, zero blocks become holes (the file is sparse) and the size is set
 * at the end; to a stream (a pipe), the zeros are written out.
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class RawWriter extends FileBlockWriter {
    private static final int BLOCK = 64 << 10;
    private static final ByteBuffer ZEROS = DirectBuffers.allocate(1 << 20).asReadOnlyBuffer();

    private final long capacity;
    private final AtomicOutput file;
    private final WritableByteChannel stream;
    private long position;

    private RawWriter(long capacity, AtomicOutput file, WritableByteChannel stream) {
        super(file, file != null ? file.target() : "the raw stream");
        this.capacity = capacity;
        this.file = file;
        this.stream = stream;
    }

    /** A sparse raw file at {@code target} (written under a temporary name until finished). */
    public static RawWriter create(Path target, long capacity) throws IOException {
        return create(target, capacity, false);
    }

    /**
     * A sparse raw file at {@code target}; with {@code sync}, forced to stable storage before it
     * gets its final name.
     */
    public static RawWriter create(Path target, long capacity, boolean sync) throws IOException {
        return new RawWriter(capacity, AtomicOutput.create(target, sync), null);
    }

    /** A raw stream to {@code out} (a pipe): every byte, zeros included, in order. */
    public static RawWriter toStream(WritableByteChannel out, long capacity) {
        return new RawWriter(capacity, null, out);
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
    protected void store(EncodedBlock block) throws IOException {
        ByteBuffer data = block.payload().duplicate();
        if (file != null) {
            writes.queue(data, block.offset());
        } else {
            zeros(block.offset() - position);
            while (data.hasRemaining()) {
                stream.write(data);
            }
        }
        position = block.offset() + block.length();
    }

    private void zeros(long n) throws IOException {
        long left = n;
        while (left > 0) {
            ByteBuffer z = ZEROS.duplicate();
            z.limit((int) Math.min(z.capacity(), left));
            left -= z.remaining();
            while (z.hasRemaining()) {
                stream.write(z);
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (file != null) {
            FileChannel ch = file.channel();
            if (ch.size() < capacity) {
                // Extend to the full size without writing: the tail stays a hole.
                ch.write(ByteBuffer.wrap(new byte[1]), capacity - 1);
            }
            file.commit();
        } else {
            zeros(capacity - position);
            position = capacity;
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
