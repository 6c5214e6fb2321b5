package io.ovfkit.disk;

import java.io.IOException;
import java.util.List;

/**
 * A {@link DiskWriter} into one file that places every block itself ({@link #store}) and writes
 * the bytes through {@link PositionalWrites}: a batch's blocks are stored one by one and written
 * with one flush, so that those that follow each other in the file go out in one gathering write.
 * The QCOW2, VHD, VHDX, VDI and raw writers are built on it.
 *
 * <p>Not thread-safe beyond what {@link DiskWriter} allows: {@link #encode} may run on several
 * converter threads at once; {@link #write}, {@link #store}, {@link #finish} and {@link #close} are for
 * the one writing thread.
 */
public abstract class FileBlockWriter implements DiskWriter {
    /** Where the blocks' bytes go; null for a writer that streams instead (a raw image to a pipe). */
    protected final PositionalWrites writes;
    private final String name;
    /** The lowest offset the next block may start at. */
    private long next;

    /**
     * Writes into {@code file}; null when the subclass writes a stream instead.
     *
     * @param name what error messages call the output (its path)
     */
    protected FileBlockWriter(AtomicOutput file, Object name) {
        this.writes = file == null ? null : new PositionalWrites(file.channel(), file.space());
        this.name = String.valueOf(name);
    }

    /**
     * Places one block (tables, allocation) and queues its bytes with {@link PositionalWrites#queue}
     * (or writes them at once); {@link #write} flushes after the last block of a call, so a
     * queued payload stays valid until then. The block is known to be aligned to
     * {@link #blockSize()}, inside the disk, at most one unit long and after the previous one.
     */
    protected abstract void store(EncodedBlock block) throws IOException;

    @Override
    public final void write(EncodedBlock block) throws IOException {
        check(block);
        try {
            store(block);
            flush();
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public final void write(List<EncodedBlock> blocks) throws IOException {
        try {
            for (EncodedBlock b : blocks) {
                check(b);
                store(b);
            }
            flush();
        } catch (IOException e) {
            throw named(e);
        }
    }

    /** A failed write as an error that names the output ({@link AtomicOutput#writeFailure}). */
    private IOException named(IOException e) {
        return AtomicOutput.writeFailure(name, e);
    }

    /** The {@link DiskWriter} contract on the order and shape of blocks, the same for every format. */
    private void check(EncodedBlock block) {
        long off = block.offset();
        int unit = blockSize();
        long capacity = capacity();
        if (off % unit != 0 || off < next || off >= capacity || block.length() > Math.min(unit, capacity - off)) {
            throw new IllegalStateException(name + ": block at " + off + " (" + block.length()
                    + " bytes) is out of order, unaligned or outside the disk");
        }
        next = off + unit;
    }

    private void flush() throws IOException {
        if (writes != null) {
            writes.flush();
        }
    }
}
