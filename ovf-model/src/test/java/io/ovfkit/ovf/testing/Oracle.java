package io.ovfkit.ovf.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs used as test oracles ({@code xmllint}, {@code qemu-img}, {@code openssl}, ...).
 *
 * <p>{@link #require(String)} finds a program on {@code PATH}. When it is missing the test is
 * skipped with a message naming the Debian package to install, except on CI (environment variable
 * {@code CI=true}), where a missing oracle fails the test so that it cannot silently stop checking
 * anything. {@link #run} runs a command with a timeout and captures its output.
 */
public final class Oracle {
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("xmllint", "libxml2-utils"),
            Map.entry("qemu-img", "qemu-utils"),
            Map.entry("vmdkinfo", "libvmdk-utils"),
            Map.entry("vhdiinfo", "libvhdi-utils"),
            Map.entry("qcowinfo", "libqcow-utils"),
            Map.entry("openssl", "openssl"),
            Map.entry("skopeo", "skopeo"),
            Map.entry("umoci", "umoci"),
            Map.entry("virt-v2v", "virt-v2v"),
            Map.entry("virt-xml-validate", "libvirt-clients"),
            Map.entry("nbdkit", "nbdkit"),
            Map.entry("xorriso", "xorriso"),
            Map.entry("isoinfo", "genisoimage"),
            Map.entry("go", "golang-go (and golang-github-vmware-govmomi-dev for the govmomi-ovf oracle)"));

    private Oracle() {
    }

    /**
     * The Debian package providing {@code program}, if known.
     *
     * @param program a program name such as {@code xmllint}
     * @return the package name, e.g. {@code libxml2-utils}
     */
    public static Optional<String> debianPackage(String program) {
        return Optional.ofNullable(DEBIAN_PACKAGES.get(program));
    }

    /**
     * Finds {@code program} on the {@code PATH} of this process without failing or skipping.
     *
     * @param program a bare program name
     * @return its executable path, or empty
     */
    public static Optional<Path> find(String program) {
        return find(program, System.getenv("PATH"));
    }

    /**
     * Finds {@code program} on the {@code PATH}; skips the test when it is missing, or fails it when
     * the environment variable {@code CI} is {@code true}.
     *
     * @param program a bare program name such as {@code xmllint}
     * @return its executable path
     */
    public static Path require(String program) {
        return require(program, System.getenv());
    }

    /**
     * {@link #require(String)} against an explicit environment ({@code PATH} and {@code CI} are read
     * from it); lets the skip/fail policy itself be tested.
     *
     * @param program a bare program name
     * @param environment the environment variables to consult
     * @return its executable path
     */
    public static Path require(String program, Map<String, String> environment) {
        Optional<Path> found = find(program, environment.get("PATH"));
        if (found.isPresent()) {
            return found.get();
        }
        String pkg = debianPackage(program).map(p -> "install the Debian package " + p + " (apt-get install " + p + ")")
                .orElse("install it");
        boolean ci = "true".equals(environment.get("CI"));
        String msg = "test oracle '" + program + "' not found on PATH; " + pkg
                + (ci ? " -- required because CI=true" : "; skipping (CI=true would make this a failure)");
        if (ci) {
            Assertions.fail(msg);
        }
        Assumptions.abort(msg);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs a command and waits for it, capturing stdout and stderr (decoded as UTF-8). On timeout the
     * process and its descendants are killed and the result says so.
     *
     * @param cmd the program and its arguments
     * @param dir the working directory, or {@code null} for the current one
     * @param timeout how long to wait
     * @return exit code and output
     */
    public static Result run(List<String> cmd, Path dir, Duration timeout) {
        return run(cmd, dir, timeout, Map.of());
    }

    /**
     * {@link #run(List, Path, Duration)} with extra environment variables (e.g.
     * {@code XML_CATALOG_FILES} for xmllint).
     *
     * @param cmd the program and its arguments
     * @param dir the working directory, or {@code null} for the current one
     * @param timeout how long to wait
     * @param extraEnv variables added to (or replacing those of) this process's environment
     * @return exit code and output
     */
    public static Result run(List<String> cmd, Path dir, Duration timeout, Map<String, String> extraEnv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("oracle-", ".out");
            err = Files.createTempFile("oracle-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(extraEnv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(p);
                throw new IllegalStateException("interrupted while running " + cmd, e);
            }
            if (!done) {
                kill(p);
            }
            int code = done ? p.exitValue() : -1;
            return new Result(code, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // temp file; the OS cleans up
            }
        }
    }

    private static Optional<Path> find(String program, String path) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            } catch (InvalidPathException ignored) {
                // skip malformed PATH entries
            }
        }
        return Optional.empty();
    }

    /**
     * The outcome of {@link #run}.
     *
     * @param exitCode the process exit code, -1 when it timed out
     * @param stdout standard output
     * @param stderr standard error
     * @param timedOut whether the process was killed on timeout
     */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        /** Whether the process finished in time with exit code 0. */
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** Exit code and both streams, for assertion messages. */
        public String describe() {
            return (timedOut ? "timed out" : "exit " + exitCode) + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
                    + stderr;
        }
    }
}
