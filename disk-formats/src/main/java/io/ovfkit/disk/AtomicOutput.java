package io.ovfkit.disk;

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
 * target by {@link #commit()}; closed without a commit, the temporary file is deleted.
 */
public final class AtomicOutput implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Opens a temporary file next to {@code target} for writing and reading. */
    public static AtomicOutput create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part", newFilePermissions());
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new AtomicOutput(abs, temp, ch);
    }

    /** The channel of the temporary file. */
    public FileChannel channel() {
        return channel;
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /** Forces the data out, closes and renames the temporary file over the target. */
    public void commit() throws IOException {
        channel.force(false);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
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
