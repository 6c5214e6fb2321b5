package io.ovfkit.disk.vmdk;

import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_BYTES;
import static io.ovfkit.disk.vmdk.VmdkWriters.GRAIN_SECTORS;
import static io.ovfkit.disk.vmdk.VmdkWriters.SECTOR;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.EncodedBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the VMDK subformats made of a descriptor file and extent files:
 *
 * <ul>
 *   <li>{@code monolithicFlat}: {@code NAME.vmdk} + {@code NAME-flat.vmdk}, a raw extent whose zero
 *       blocks are holes;</li>
 *   <li>{@code twoGbMaxExtentSparse}: {@code NAME.vmdk} + {@code NAME-s001.vmdk} …, hosted sparse
 *       extents without embedded descriptor ({@link SparseExtentWriter}), 2 GiB (4194304 sectors)
 *       each, the last one shorter;</li>
 *   <li>{@code twoGbMaxExtentFlat}: {@code NAME.vmdk} + {@code NAME-f001.vmdk} …, raw extents of
 *       2 GiB each.</li>
 * </ul>
 *
 * Extents are written one after the other in guest order, one file open at a time; extents without
 * data are still created (a sparse extent with empty tables, a flat one as a hole). Every file is
 * written under a temporary name ({@code .NAME.….part}) in the target's folder; {@link #finish()}
 * renames the extents, then the descriptor. {@link #close()} without a successful finish deletes
 * every file this writer made, including extents already renamed when a later rename failed.
 *
 * <p>Not thread-safe beyond what {@link io.ovfkit.disk.DiskWriter} allows: {@link #encode} may run on
 * several converter threads at once (it only wraps the bytes); {@link #write}, {@link #finish} and
 * {@link #close} are for one thread at a time.
 */
public final class MultiExtentWriter implements DiskWriter {
    private record Planned(String name, long start, long sectors, boolean sparse) {
        long end() {
            return start + sectors;
        }
    }

    private record Staged(Path temp, Path target) {
    }

    private final Path target;
    private final Path dir;
    private final VmdkDescriptor descriptor;
    private final List<Planned> extents;
    private final long capacityBytes;
    private final boolean sync;
    private final List<Staged> staged = new ArrayList<>();
    private final List<Path> committed = new ArrayList<>();
    private int next;
    private Planned current;
    private FileChannel channel;
    private SparseExtentWriter sparse;
    private long lastGrain = -1;
    private boolean finished;
    private boolean closed;

    private MultiExtentWriter(Path target, VmdkDescriptor descriptor, List<Planned> extents, long capacityBytes,
            boolean sync) {
        this.target = target;
        this.sync = sync;
        this.dir = target.getParent();
        this.descriptor = descriptor;
        this.extents = extents;
        this.capacityBytes = capacityBytes;
    }

    /**
     * A writer of {@code s.subformat()} (monolithicFlat, twoGbMaxExtentSparse or twoGbMaxExtentFlat)
     * whose descriptor is {@code target}. Nothing is created before the first block (or finish).
     *
     * @throws DiskFormatException when the disk needs more than 65536 extents (128 TiB)
     */
    static MultiExtentWriter create(Path target, VmdkWriters.Settings s) {
        Path abs = target.toAbsolutePath();
        List<Planned> extents = new ArrayList<>();
        switch (s.subformat()) {
            case "monolithicFlat" -> extents.add(new Planned(VmdkWriters.extentName(abs, "-flat"), 0, s.sectors(), false));
            case "twoGbMaxExtentSparse", "twoGbMaxExtentFlat" -> {
                boolean sp = s.subformat().endsWith("Sparse");
                long n = (s.sectors() + VmdkWriters.SPLIT_SECTORS - 1) / VmdkWriters.SPLIT_SECTORS;
                if (n > VmdkDescriptor.MAX_EXTENTS) {
                    throw new DiskFormatException(abs, -1, s.subformat() + " would need " + n + " extent files of 2 GiB; at most "
                            + VmdkDescriptor.MAX_EXTENTS + " are written (128 TiB)");
                }
                for (int i = 0; i < n; i++) {
                    long start = i * VmdkWriters.SPLIT_SECTORS;
                    long len = Math.min(VmdkWriters.SPLIT_SECTORS, s.sectors() - start);
                    extents.add(new Planned(VmdkWriters.extentName(abs, String.format(sp ? "-s%03d" : "-f%03d", i + 1)),
                            start, len, sp));
                }
            }
            default -> throw new IllegalArgumentException("not a multi-file VMDK subformat: " + s.subformat());
        }
        List<VmdkDescriptor.ExtentLine> lines = new ArrayList<>();
        for (Planned p : extents) {
            lines.add(new VmdkDescriptor.ExtentLine("RW", p.sectors(), p.sparse() ? "SPARSE" : "FLAT", p.name(), 0));
        }
        return new MultiExtentWriter(abs, VmdkWriters.descriptor(s, lines), List.copyOf(extents), s.capacityBytes(), s.sync());
    }

    /** The extent file names, in order (relative to the descriptor's folder). */
    public List<String> extentFiles() {
        return extents.stream().map(Planned::name).toList();
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
        try {
            writeBlock(block);
        } catch (IOException e) {
            throw AtomicOutput.writeFailure(target, e);
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            finishExtents();
        } catch (IOException e) {
            throw AtomicOutput.writeFailure(target, e);
        }
    }

    private void writeBlock(EncodedBlock block) throws IOException {
        ensureOpen();
        long grain = VmdkWriters.checkBlock(target, block.offset(), block.length(), capacityBytes, lastGrain);
        long sector = grain * GRAIN_SECTORS;
        while (current == null || sector >= current.end()) {
            if (current != null) {
                complete();
            }
            open(extents.get(next++));
        }
        ByteBuffer data = block.payload().duplicate();
        if (sparse != null) {
            sparse.grain((sector - current.start()) / GRAIN_SECTORS, data);
        } else {
            long pos = block.offset() - current.start() * SECTOR;
            while (data.hasRemaining()) {
                pos += channel.write(data, pos);
            }
        }
        lastGrain = grain;
    }

    private void finishExtents() throws IOException {
        ensureOpen();
        if (current != null) {
            complete();
        }
        while (next < extents.size()) {
            open(extents.get(next++));
            complete();
        }
        Path temp = stage(target);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer text = ByteBuffer.wrap(descriptor.render().getBytes(StandardCharsets.UTF_8));
            while (text.hasRemaining()) {
                ch.write(text);
            }
            if (sync) {
                ch.force(false);
            }
        }
        for (Staged s : staged) {
            try {
                Files.move(s.temp(), s.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(s.temp(), s.target(), StandardCopyOption.REPLACE_EXISTING);
            }
            io.ovfkit.disk.TemporaryFiles.release(s.temp());
            committed.add(s.target());
        }
        finished = true;
    }

    private void ensureOpen() {
        if (finished || closed) {
            throw new IllegalStateException(target + ": the writer is " + (finished ? "finished" : "closed"));
        }
    }

    private Path stage(Path finalPath) throws IOException {
        Path temp = io.ovfkit.disk.TemporaryFiles.create(dir, finalPath.getFileName().toString());
        staged.add(new Staged(temp, finalPath));
        return temp;
    }

    private void open(Planned p) throws IOException {
        Path finalPath = dir.resolve(p.name());
        Path temp = stage(finalPath);
        channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        current = p;
        sparse = p.sparse() ? new SparseExtentWriter(channel, finalPath, p.sectors(), null) : null;
    }

    private void complete() throws IOException {
        if (sparse != null) {
            sparse.finish();
        } else {
            long end = current.sectors() * SECTOR;
            if (channel.size() < end) {
                // The tail without data becomes a hole.
                ByteBuffer one = ByteBuffer.allocate(1);
                while (one.hasRemaining()) {
                    channel.write(one, end - 1);
                }
            }
        }
        if (sync) {
            channel.force(false);
        }
        channel.close();
        channel = null;
        sparse = null;
        current = null;
    }

    /** Deletes every file written unless {@link #finish()} succeeded. */
    @Override
    public void close() throws IOException {
        if (closed || finished) {
            closed = true;
            return;
        }
        closed = true;
        IOException failure = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        List<Path> remove = new ArrayList<>(committed);
        staged.forEach(s -> remove.add(s.temp()));
        for (Path p : remove) {
            try {
                Files.deleteIfExists(p);
                io.ovfkit.disk.TemporaryFiles.release(p);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
