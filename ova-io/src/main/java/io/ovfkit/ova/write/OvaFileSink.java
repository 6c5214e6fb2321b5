package io.ovfkit.ova.write;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.ZeroDetector;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An OVA written to a file under a temporary name. Members of unknown size get a placeholder
 * header block, their data is streamed after it, and the header is written over the placeholder
 * once the size is known. Areas can be {@linkplain #reserve reserved} and filled at the end (the
 * descriptor, manifest and certificate, which come first but are known last). All writes are
 * positional; all-zero buffers are skipped rather than written, so the file stays sparse where the
 * data is zero (the file is new, so skipped ranges read as zeros).
 */
final class OvaFileSink implements PackageSink {
    private final Path target;
    private final AtomicOutput file;
    private final FileChannel channel;
    private final Instant mtime;
    private long position;
    private boolean open;

    private OvaFileSink(Path target, AtomicOutput file, Instant mtime) {
        this.target = target;
        this.file = file;
        this.channel = file.channel();
        this.mtime = mtime;
    }

    static OvaFileSink create(Path target, Instant mtime, boolean sync) throws IOException {
        return new OvaFileSink(target, AtomicOutput.create(target, sync), mtime);
    }

    @Override
    public String describe() {
        return target.toString();
    }

    @Override
    public boolean needsSizes() {
        return false;
    }

    /** Reserves {@code bytes} (a multiple of 512) at the current position and returns its offset. */
    long reserve(long bytes) {
        long at = position;
        position += bytes;
        return at;
    }

    /** Writes a member (header and data) at {@code offset}, which must have room for it. */
    long writeMemberAt(long offset, String name, byte[] data) throws IOException {
        writeAt(offset, ByteBuffer.wrap(TarFormat.header(name, data.length, mtime)));
        writeAt(offset + TarFormat.BLOCK, ByteBuffer.wrap(data));
        return offset + TarFormat.BLOCK;
    }

    @Override
    public MemberChannel open(String name, long size, DigestAlgorithm digest) throws IOException {
        if (open) {
            throw new IllegalStateException("a member is already open");
        }
        open = true;
        long headerAt = position;
        long dataAt = headerAt + TarFormat.BLOCK;
        position = dataAt;
        WritableByteChannel raw = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = src.remaining();
                if (ZeroDetector.isZero(src.duplicate())) {
                    src.position(src.limit());
                } else {
                    writeAt(position, src);
                }
                position += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return new MemberChannel(name, digest, raw) {
            @Override
            long complete(long written) throws IOException {
                if (size >= 0 && written != size) {
                    throw new IllegalStateException(name + ": " + written + " bytes written, " + size + " announced");
                }
                writeAt(headerAt, ByteBuffer.wrap(TarFormat.header(name, written, mtime)));
                position += TarFormat.padding(written);
                open = false;
                return dataAt;
            }
        };
    }

    private void writeAt(long offset, ByteBuffer b) throws IOException {
        long at = offset;
        try {
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        } catch (IOException e) {
            throw AtomicOutput.writeFailure(target, e);
        }
    }

    @Override
    public void finish() throws IOException {
        // End of archive: two zero blocks, written (not skipped) so that the file has its full length.
        writeAt(position, ByteBuffer.allocate(2 * TarFormat.BLOCK));
        position += 2 * TarFormat.BLOCK;
        channel.truncate(position);
        file.commit();
    }

    @Override
    public void abort() {
        try {
            file.close();
        } catch (IOException ignored) {
            // best effort: the temporary file is all there is to remove
        }
    }
}
