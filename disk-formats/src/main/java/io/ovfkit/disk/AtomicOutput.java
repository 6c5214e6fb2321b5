package io.ovfkit.disk;

import io.ovfkit.disk.raw.FileSpace;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file written under a temporary name in its target's folder and renamed over the
 * target by {@link #commit()}; closed without a commit, the temporary file is deleted. The
 * temporary name and its clean-up at shutdown (Ctrl-C, SIGTERM) and after a crash are those of
 * {@link TemporaryFiles}.
 *
 * <p>Durability is a choice: by default, like {@code qemu-img convert}, {@code cp} and {@code tar},
 * the data is left in the page cache for the operating system to write back (a crash of the
 * process never leaves a partial file under the final name; a power loss shortly after may). With
 * {@code sync}, {@link #commit()} forces the data to stable storage before the rename and the folder
 * after it, which on a fast conversion can take longer than the conversion itself.
 *
 * <p>Not thread-safe: confine an instance to the thread that writes, commits and closes it; the
 * temporary-file bookkeeping behind it ({@link TemporaryFiles}) is thread-safe.
 */
public final class AtomicOutput implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final boolean sync;
    private final FileSpace space;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, FileChannel channel, boolean sync) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.sync = sync;
        this.space = FileSpace.open(temp);
    }

    /** Opens a temporary file next to {@code target} for writing and reading; no forced flush at commit. */
    public static AtomicOutput create(Path target) throws IOException {
        return create(target, false);
    }

    /**
     * Opens a temporary file next to {@code target} for writing and reading.
     *
     * @param sync whether {@link #commit()} forces the data to stable storage before the rename
     */
    public static AtomicOutput create(Path target, boolean sync) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = TemporaryFiles.create(dir, abs.getFileName().toString());
        FileChannel ch;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            TemporaryFiles.release(temp);
            throw e;
        }
        return new AtomicOutput(abs, temp, ch, sync);
    }

    /** The channel of the temporary file. */
    public FileChannel channel() {
        return channel;
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /**
     * Block reservations for the temporary file ({@link FileSpace}: reserve each run of data
     * before writing it), or null where they are not available. Closed with this object.
     */
    public FileSpace space() {
        return space;
    }

    /**
     * Closes the temporary file and renames it over the target; with {@code sync}, forces the data
     * out first and the folder entry after.
     */
    public void commit() throws IOException {
        if (sync) {
            channel.force(false);
        }
        if (space != null) {
            space.close();
        }
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        TemporaryFiles.release(temp);
        if (sync) {
            forceFolder(target.getParent());
        }
    }

    /**
     * A failure to write {@code output} as an error that names it ("OUT: cannot write: REASON"):
     * the JDK's message alone is "No space left on device" or "File too large". Errors that name
     * their file already ({@link java.nio.file.FileSystemException}) and interruptions are
     * returned unchanged.
     *
     * @param output what the message calls the output (its final path)
     */
    public static IOException writeFailure(Object output, IOException e) {
        if (e instanceof java.nio.file.FileSystemException || e instanceof java.nio.channels.ClosedChannelException
                || e instanceof java.io.InterruptedIOException) {
            return e;
        }
        java.nio.file.FileSystemException f = new java.nio.file.FileSystemException(String.valueOf(output), null,
                "cannot write: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        f.initCause(e);
        return f;
    }

    /** Whether {@link #commit()} forces the data to stable storage. */
    public boolean sync() {
        return sync;
    }

    private static void forceFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open a folder as a channel; the file itself is forced.
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            if (space != null) {
                space.close();
            }
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
                TemporaryFiles.release(temp);
            }
        }
    }

    /**
     * Permissions of a new output file: rw-r--r-- (less the umask) where the file system has POSIX
     * permissions, as for any file a tool creates; temporary files would otherwise stay owner-only.
     */
    public static java.nio.file.attribute.FileAttribute<?>[] newFilePermissions() {
        if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new java.nio.file.attribute.FileAttribute<?>[0];
        }
        return new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"))};
    }
}
