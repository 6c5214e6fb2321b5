package io.ovfkit.ova.write;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OVF package as a folder: one file per member, each written under a temporary name in the
 * folder and all renamed at {@link #finish()}, the descriptor last among them being the caller's
 * choice of order. {@link #abort()} deletes the temporary files (and the folder when this sink
 * created it and it is empty).
 */
final class FolderSink implements PackageSink {
    private final Path folder;
    private final boolean created;
    private final boolean sync;
    private final List<AtomicOutput> pending = new ArrayList<>();

    private FolderSink(Path folder, boolean created, boolean sync) {
        this.folder = folder;
        this.created = created;
        this.sync = sync;
    }

    static FolderSink create(Path folder, boolean sync) throws IOException {
        boolean created = !Files.exists(folder);
        Files.createDirectories(folder);
        return new FolderSink(folder, created, sync);
    }

    Path folder() {
        return folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public boolean needsSizes() {
        return false;
    }

    @Override
    public MemberChannel open(String name, long size, DigestAlgorithm digest) throws IOException {
        Path target = folder.resolve(name);
        Files.createDirectories(target.getParent());
        AtomicOutput out = AtomicOutput.create(target, sync);
        pending.add(out);
        FileChannel ch = out.channel();
        WritableByteChannel raw = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = 0;
                try {
                    while (src.hasRemaining()) {
                        n += ch.write(src);
                    }
                } catch (IOException e) {
                    throw AtomicOutput.writeFailure(target, e);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() {
            }
        };
        return new MemberChannel(name, digest, raw) {
            @Override
            long complete(long written) {
                if (size >= 0 && written != size) {
                    throw new IllegalStateException(name + ": " + written + " bytes written, " + size + " announced");
                }
                return -1;
            }
        };
    }

    @Override
    public void finish() throws IOException {
        for (AtomicOutput o : pending) {
            o.commit();
        }
        pending.clear();
    }

    @Override
    public void abort() {
        for (AtomicOutput o : pending) {
            try {
                o.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        pending.clear();
        if (created) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException ignored) {
                // not empty: someone else put something there
            }
        }
    }
}
