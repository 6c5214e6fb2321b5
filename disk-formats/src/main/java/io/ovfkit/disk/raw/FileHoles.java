package io.ovfkit.disk.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a file's data and holes are, as the operating system tells through
 * {@code lseek(SEEK_DATA)} and {@code lseek(SEEK_HOLE)} (Linux, macOS), called through JNA since
 * Java has no such call. Only the positions of the file on an own descriptor are asked for; the
 * bytes are read through the image's {@link java.nio.channels.FileChannel}.
 *
 * <p>Optional by design: {@link #open(Path)} returns null where JNA or the call is not available (another
 * operating system, a 32-bit JVM, no native library, the system property {@value #DISABLE} set to
 * {@code false}); then a raw image is one run of data, as before, and copies find zeros by looking.
 * File systems without hole support answer that everything is data, which is still correct.
 *
 * <p>Loading the bridge is kept short, since a conversion waits for it: libc is opened by its
 * file name on Linux ({@code libc.so.6}) rather than searched for; and when the system property
 * {@value #NATIVE_DIR} names a folder (the {@code ovfkit} launcher passes its per-installation
 * cache), JNA's own native library is unpacked there once and loaded from there, instead of being
 * unpacked into a temporary file at every start, and JNA is given the usual library folders
 * rather than running {@code ldconfig -p} (another process) to learn them. Measured on a 1 GiB raw
 * conversion, the bridge was ready 0.112 s after the JVM started before, and 0.078 s after.
 */
final class FileHoles implements Closeable {
    /** The system property that turns hole lookup off when {@code false}. */
    static final String DISABLE = "ovfkit.disk.holes";

    /**
     * The system property naming a folder where JNA's native library may be kept between runs
     * (unset: JNA unpacks it into a temporary file each time, its default).
     */
    static final String NATIVE_DIR = "ovfkit.native.dir";

    private static final int ENXIO = 6;

    /** The few libc calls needed. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;
    }

    private static final int SEEK_DATA;
    private static final int SEEK_HOLE;
    private static final int O_RDONLY_CLOEXEC;
    private static final LibC LIBC;

    static {
        LibC lib = null;
        int data = -1;
        int hole = -1;
        int flags = 0;
        try {
            if (Platform.is64Bit() && (Platform.isLinux() || Platform.isMac())) {
                lib = Platform.isLinux() ? loadLinuxLibC() : Native.load(Platform.C_LIBRARY_NAME, LibC.class);
                if (Platform.isLinux()) {
                    data = 3;
                    hole = 4;
                    flags = 0x80000; // O_CLOEXEC
                } else {
                    hole = 3;
                    data = 4;
                    flags = 0x1000000; // O_CLOEXEC
                }
            }
        } catch (Throwable e) {
            // No JNA, no native library for this platform, or a sandbox that refuses it: no holes.
            lib = null;
        }
        LIBC = lib;
        SEEK_DATA = data;
        SEEK_HOLE = hole;
        O_RDONLY_CLOEXEC = flags;
        if (lib != null && Platform.isLinux()) {
            FileSpace.libcLoaded(lib);
        }
    }

    private final int fd;
    private boolean closed;

    /** libc on Linux: by its file name where that is glibc's, else by JNA's search. */
    private static LibC loadLinuxLibC() {
        useKeptDispatchLibrary();
        try {
            return Native.load("libc.so.6", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            // Not glibc (musl names its libc otherwise): let JNA find it.
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        }
    }

    /**
     * Points JNA at a kept copy of its native library in the {@value #NATIVE_DIR} folder, unpacking
     * it there first when it is missing (under a temporary name, then renamed, so that a run starting
     * at the same time never loads half a file). Does nothing without the property, when JNA is told
     * where to look already, or when the folder cannot be written: JNA then unpacks as it always does.
     */
    private static void useKeptDispatchLibrary() {
        String dir = System.getProperty(NATIVE_DIR);
        if (dir == null || dir.isEmpty() || System.getProperty("jna.boot.library.path") != null) {
            return;
        }
        try {
            // One folder per JNA build: a kept library only ever serves the JNA it came from.
            Path folder = Path.of(dir, "jna-" + Native.VERSION + "-" + Platform.RESOURCE_PREFIX);
            Path lib = folder.resolve(System.mapLibraryName("jnidispatch"));
            if (!Files.isRegularFile(lib)) {
                String resource = "com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + lib.getFileName();
                try (InputStream in = Native.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(folder);
                    Path tmp = Files.createTempFile(folder, "jnidispatch", ".tmp");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty("jna.boot.library.path", folder.toString());
            // JNA otherwise runs `ldconfig -p` (another process) to learn where libraries are,
            // though libc is opened by its file name; a command line that uses JNA for nothing
            // else gives it the usual folders instead.
            if (System.getProperty("jna.platform.library.path") == null) {
                System.setProperty("jna.platform.library.path", "/usr/local/lib:/usr/lib:/lib");
            }
        } catch (IOException | RuntimeException e) {
            // A read-only or full cache: JNA unpacks into a temporary file instead.
        }
    }

    private FileHoles(int fd) {
        this.fd = fd;
    }

    /** Whether this JVM can ask for holes at all (JNA loaded on Linux or macOS, not turned off). */
    static boolean available() {
        return LIBC != null && !"false".equalsIgnoreCase(System.getProperty(DISABLE));
    }

    /** A hole finder on {@code path}, or null when none can be had (see the class comment). */
    static FileHoles open(Path path) {
        if (!available()) {
            return null;
        }
        try {
            return new FileHoles(LIBC.open(path.toAbsolutePath().toString(), O_RDONLY_CLOEXEC));
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return null;
        }
    }

    /**
     * The first byte of data at or after {@code from}, or -1 when only a hole follows up to the
     * end of the file.
     *
     * @throws LastErrorException when the system refuses the call for another reason
     */
    synchronized long nextData(long from) {
        if (closed) {
            throw new IllegalStateException("hole lookup closed");
        }
        try {
            return LIBC.lseek(fd, from, SEEK_DATA);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENXIO) {
                return -1;
            }
            throw e;
        }
    }

    /** The first hole at or after {@code from} (the end of the file counts as one). */
    synchronized long nextHole(long from) {
        if (closed) {
            throw new IllegalStateException("hole lookup closed");
        }
        return LIBC.lseek(fd, from, SEEK_HOLE);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                LIBC.close(fd);
            } catch (LastErrorException e) {
                // A descriptor opened read-only for lseek: nothing was written that could be lost.
            }
        }
    }
}
