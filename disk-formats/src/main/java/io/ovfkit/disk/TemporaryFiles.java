package io.ovfkit.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files that ovfkit's writers create next to their targets, named so that nobody
 * mistakes them for the target and so that their owner can be told: {@code .NAME.PID.RANDOM.part}
 * in the target's folder, where PID is the process that writes it.
 *
 * <p>Three guarantees follow from it:
 * <ul>
 *   <li>A writer that is closed without finishing deletes its temporary file (each writer's
 *       {@code close()}); {@link #release(Path)} takes the file off the list once it was renamed or
 *       deleted.</li>
 *   <li>When the JVM shuts down while files are still listed (Ctrl-C, SIGTERM, {@code System.exit}
 *       from another thread), a shutdown hook deletes them all and hands their names to the
 *       listener set with {@link #onShutdown(Consumer)} (the command line prints one line). The
 *       JVM then exits with its usual status: 130 after SIGINT, 143 after SIGTERM. No new
 *       temporary file can be created once shutdown has begun.</li>
 *   <li>After SIGKILL or a crash only a hidden temporary name can remain, never the target name.
 *       The next {@link #create(Path, String)} for the same target in the same folder deletes
 *       such leftovers whose process is gone; a file of a live process (another run writing the
 *       same target at this moment) is never touched.</li>
 * </ul>
 *
 * <p>All methods are thread-safe: the list of live files and the shutdown state are guarded by the class's
 * lock, and the one shutdown hook (thread {@code ovfkit-temporary-files}, registered on first use) takes
 * the list under that lock, after which {@link #create} refuses to start new files.
 */
public final class TemporaryFiles {
    /**
     * {@code .NAME.PID.RANDOM.part}: group 1 is NAME, group 2 the PID. In a holder, compiled only
     * when a folder has leftovers to look at: compiling it costs several milliseconds of every start.
     */
    private static final class Names {
        static final Pattern NAME = Pattern.compile("^\\.(.+)\\.(\\d{1,19})\\.([0-9a-z]{1,13})\\.part$");
    }

    /** This process's id, asked for when a temporary file is first named (a few ms at start-up otherwise). */
    private static final class Pid {
        static final long PID = ProcessHandle.current().pid();
    }

    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static volatile Consumer<List<Path>> listener = removed -> { };
    private static boolean hooked;
    private static boolean shuttingDown;

    private TemporaryFiles() {
    }

    /**
     * Creates an empty temporary file for {@code targetName} in {@code dir}, with the permissions of
     * {@link AtomicOutput#newFilePermissions()}, and lists it for deletion at shutdown. Leftovers
     * of the same target from processes that are gone are deleted first.
     *
     * @param dir the folder of the target
     * @param targetName the target's file name (no folder)
     * @return the new file, {@code .NAME.PID.RANDOM.part}
     * @throws IOException when it cannot be created, or the JVM is shutting down
     */
    public static Path create(Path dir, String targetName) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(targetName, "targetName");
        removeLeftovers(dir, targetName);
        for (int attempt = 0; ; attempt++) {
            String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            Path temp = dir.resolve("." + targetName + "." + Pid.PID + "." + random + ".part");
            synchronized (TemporaryFiles.class) {
                if (shuttingDown) {
                    throw new IOException(dir.resolve(targetName) + ": not started: ovfkit is shutting down");
                }
                installHook();
                try {
                    Files.createFile(temp, AtomicOutput.newFilePermissions());
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt < 10) {
                        continue;
                    }
                    throw e;
                }
                LIVE.add(temp);
            }
            return temp;
        }
    }

    /**
     * Takes {@code temp} off the list (after it was renamed over its target or deleted). Unknown
     * paths are ignored.
     *
     * @param temp a path {@link #create} returned
     */
    public static void release(Path temp) {
        synchronized (TemporaryFiles.class) {
            LIVE.remove(temp);
        }
    }

    /** The temporary files of this process not yet renamed or deleted, oldest first. */
    public static List<Path> pending() {
        synchronized (TemporaryFiles.class) {
            return List.copyOf(LIVE);
        }
    }

    /**
     * Sets what is told, at shutdown, of the temporary files deleted then (called once, with a
     * non-empty list, from the shutdown hook's thread; it should be quick). The command line
     * prints them; a library user may log them.
     *
     * @param onRemoved receives the deleted files; {@code null} for nothing
     */
    public static void onShutdown(Consumer<List<Path>> onRemoved) {
        listener = onRemoved == null ? removed -> { } : onRemoved;
    }

    /**
     * Whether {@code fileName} is a temporary name of this class for {@code targetName}, and if so
     * the process id it carries.
     *
     * @return the PID, or -1 when the name is not such a temporary name
     */
    static long ownerOf(String fileName, String targetName) {
        Matcher m = Names.NAME.matcher(fileName);
        if (!m.matches() || !m.group(1).equals(targetName)) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Deletes the temporary files of {@code targetName} in {@code dir} whose process is gone.
     *
     * @return the files deleted
     */
    static List<Path> removeLeftovers(Path dir, String targetName) {
        List<Path> removed = new ArrayList<>();
        String prefix = "." + targetName + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                long owner = ownerOf(p.getFileName().toString(), targetName);
                if (owner < 0 || owner == Pid.PID || ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        } catch (IOException | SecurityException e) {
            // Best effort: a folder that cannot be listed leaves its leftovers; creating the new
            // temporary file reports any real problem with the folder.
        }
        return removed;
    }

    private static void installHook() {
        if (hooked) {
            return;
        }
        hooked = true;
        Thread hook = new Thread(TemporaryFiles::atShutdown, "ovfkit-temporary-files");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: create() refuses from now on.
            shuttingDown = true;
        }
    }

    private static void atShutdown() {
        List<Path> todo;
        synchronized (TemporaryFiles.class) {
            shuttingDown = true;
            todo = new ArrayList<>(LIVE);
            LIVE.clear();
        }
        List<Path> removed = new ArrayList<>();
        for (Path p : todo) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            } catch (IOException | SecurityException e) {
                // Nothing more can be done while the JVM goes down.
            }
        }
        if (!removed.isEmpty()) {
            try {
                listener.accept(Collections.unmodifiableList(removed));
            } catch (RuntimeException e) {
                // A listener's failure must not keep the JVM from exiting.
            }
        }
    }
}
