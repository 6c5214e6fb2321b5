package io.ovfkit.ova.write;

import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;

/**
 * An OVA written strictly forward to a channel that cannot seek (a pipe, a socket): every member's
 * size is announced in its header before its data. The channel stays open; its owner closes it.
 */
final class OvaStreamSink implements PackageSink {
    private final WritableByteChannel out;
    private final Instant mtime;
    private final String name;
    private long position;
    private boolean open;

    OvaStreamSink(WritableByteChannel out, Instant mtime, String name) {
        this.out = out;
        this.mtime = mtime;
        this.name = name;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public boolean needsSizes() {
        return true;
    }

    @Override
    public MemberChannel open(String member, long size, DigestAlgorithm digest) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException(member + ": a member written to a stream needs its size first");
        }
        if (open) {
            throw new IllegalStateException("a member is already open");
        }
        open = true;
        write(ByteBuffer.wrap(TarFormat.header(member, size, mtime)));
        long dataAt = position;
        WritableByteChannel raw = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return OvaStreamSink.this.write(src);
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return new MemberChannel(member, digest, raw) {
            @Override
            long complete(long written) throws IOException {
                if (written != size) {
                    throw new IllegalStateException(member + ": " + written + " bytes written, " + size
                            + " announced in its header");
                }
                OvaStreamSink.this.write(ByteBuffer.allocate(TarFormat.padding(written)));
                open = false;
                return dataAt;
            }
        };
    }

    private int write(ByteBuffer src) throws IOException {
        int n = 0;
        while (src.hasRemaining()) {
            n += out.write(src);
        }
        position += n;
        return n;
    }

    @Override
    public void finish() throws IOException {
        write(ByteBuffer.allocate(2 * TarFormat.BLOCK));
    }

    @Override
    public void abort() {
        // What went down the pipe cannot be taken back; the reader sees a truncated archive.
    }
}
