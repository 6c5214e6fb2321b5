package io.ovfkit.disk;

import java.io.IOException;
import java.util.List;

/**
 * A {@link DiskWriter} into one file that places every block itself ({@link #store}) and writes
 * the bytes through {@link PositionalWrites}: a batch's blocks are stored one by one and written
 * with one flush, so that those that follow each other in the file go out in one gathering write.
 * The QCOW2, VHD, VHDX, VDI and raw writers are built on it.
 */
public abstract class FileBlockWriter implements DiskWriter {
    /** Where the blocks' bytes go; null for a writer that streams instead (a raw image to a pipe). */
    protected final PositionalWrites writes;

    /** Writes into {@code file}; null when the subclass writes a stream instead. */
    protected FileBlockWriter(AtomicOutput file) {
        this.writes = file == null ? null : new PositionalWrites(file.channel());
    }

    /**
     * Places one block (tables, allocation) and queues its bytes with {@link PositionalWrites#queue}
     * (or writes them at once); {@link #write} flushes after the last block of a call, so a
     * queued payload stays valid until then.
     */
    protected abstract void store(EncodedBlock block) throws IOException;

    @Override
    public final void write(EncodedBlock block) throws IOException {
        store(block);
        flush();
    }

    @Override
    public final void write(List<EncodedBlock> blocks) throws IOException {
        for (EncodedBlock b : blocks) {
            store(b);
        }
        flush();
    }

    private void flush() throws IOException {
        if (writes != null) {
            writes.flush();
        }
    }
}
