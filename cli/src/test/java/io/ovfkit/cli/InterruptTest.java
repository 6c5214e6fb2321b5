package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovfkit create} in a separate JVM, stopped while it writes: SIGTERM and SIGINT remove the
 * unfinished temporary file and exit 143 and 130 with one line naming it; after SIGKILL the hidden
 * file that remains is removed by the next run over the same target.
 */
class InterruptTest {
    @TempDir
    static Path shared;
    private static Path disk;

    @BeforeAll
    static void makeDisk() throws IOException {
        // 192 MiB that deflate cannot shrink much: the streamOptimized conversion into the OVA
        // takes long enough (seconds on 2 cores) to be caught in the middle.
        disk = shared.resolve("disk.raw");
        byte[] block = new byte[1 << 20];
        Random random = new Random(7);
        try (OutputStream out = Files.newOutputStream(disk)) {
            for (int i = 0; i < 192; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    @Test
    void sigtermRemovesTheUnfinishedOvaAndExits143(@TempDir Path dir) throws Exception {
        Process p = startCreate(dir);
        awaitPart(p, dir);
        p.destroy(); // SIGTERM
        assertStoppedAndCleaned(p, dir, 143);
    }

    @Test
    void sigintRemovesTheUnfinishedOvaAndExits130(@TempDir Path dir) throws Exception {
        Process p = startCreate(dir);
        Assumptions.assumeFalse(ignoresSigint(p.pid()), "SIGINT is ignored in this process tree (started in the"
                + " background by a non-interactive shell), so Ctrl-C cannot be tested here; skipping");
        awaitPart(p, dir);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertStoppedAndCleaned(p, dir, 130);
    }

    @Test
    void afterSigkillTheNextRunRemovesTheLeftoverOfTheDeadProcess(@TempDir Path dir) throws Exception {
        Process p = startCreate(dir);
        awaitPart(p, dir);
        p.destroyForcibly(); // SIGKILL: no clean-up can run
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<Path> left = parts(dir);
        assertThat(left).as("only a hidden temporary name remains").hasSize(1);
        assertThat(left.get(0).getFileName().toString()).startsWith(".out.ova." + p.pid() + ".");
        assertThat(dir.resolve("out.ova")).doesNotExist();

        Process again = startCreate(dir);
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(stderr(dir)).isZero();
        assertThat(dir.resolve("out.ova")).isRegularFile();
        assertThat(parts(dir)).as("the dead run's leftover was removed").isEmpty();
    }

    private static Process startCreate(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "create", "--name", "big", "--disk", disk.toString(),
                dir.resolve("out.ova").toString(), "-q"));
        return new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolveSibling(dir.getFileName() + ".out").toFile())
                .redirectError(dir.resolveSibling(dir.getFileName() + ".err").toFile())
                .start();
    }

    private static String stderr(Path dir) throws IOException {
        return Files.readString(dir.resolveSibling(dir.getFileName() + ".err"), StandardCharsets.UTF_8);
    }

    private static void awaitPart(Process p, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (parts(dir).isEmpty()) {
            assertThat(p.isAlive()).as("ovfkit create ended before it began writing").isTrue();
            assertThat(System.nanoTime()).as("no temporary file after 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(dir.resolve("out.ova")).doesNotExist();
    }

    private static void assertStoppedAndCleaned(Process p, Path dir, int code) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        String err = stderr(dir);
        assertThat(p.exitValue()).as("exit code; stderr: %s", err).isEqualTo(code);
        assertThat(parts(dir)).as("temporary files left").isEmpty();
        assertThat(dir.resolve("out.ova")).doesNotExist();
        assertThat(err).contains("ovfkit: interrupted; removed the unfinished file ").contains(".out.ova." + p.pid() + ".");
        assertThat(err.lines().filter(l -> l.contains("interrupted"))).hasSize(1);
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Whether the process ignores SIGINT (bit 1 of SigIgn in /proc/PID/status). */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
