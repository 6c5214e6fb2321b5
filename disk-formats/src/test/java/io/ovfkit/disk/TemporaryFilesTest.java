package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryFilesTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void namesAreHiddenAndCarryTheTargetAndTheProcessId() throws IOException {
        Path temp = TemporaryFiles.create(dir, "disk.vmdk");
        try {
            String name = temp.getFileName().toString();
            assertThat(temp.getParent()).isEqualTo(dir);
            assertThat(name).startsWith(".disk.vmdk." + PID + ".").endsWith(".part");
            assertThat(TemporaryFiles.ownerOf(name, "disk.vmdk")).isEqualTo(PID);
            assertThat(TemporaryFiles.ownerOf(name, "disk")).isEqualTo(-1);
            assertThat(Files.size(temp)).isZero();
        } finally {
            Files.deleteIfExists(temp);
            TemporaryFiles.release(temp);
        }
    }

    @Test
    void aCreatedFileIsPendingUntilReleased() throws IOException {
        Path temp = TemporaryFiles.create(dir, "a.ova");
        assertThat(TemporaryFiles.pending()).contains(temp);
        Files.delete(temp);
        TemporaryFiles.release(temp);
        assertThat(TemporaryFiles.pending()).doesNotContain(temp);
    }

    @Test
    void otherNamesAreNotTemporaryNames() {
        assertThat(TemporaryFiles.ownerOf("a.ova", "a.ova")).isEqualTo(-1);
        assertThat(TemporaryFiles.ownerOf(".a.ova.part", "a.ova")).isEqualTo(-1);
        assertThat(TemporaryFiles.ownerOf(".a.ova.12x.abc.part", "a.ova")).isEqualTo(-1);
        assertThat(TemporaryFiles.ownerOf(".a.ova.12.abc.tmp", "a.ova")).isEqualTo(-1);
        assertThat(TemporaryFiles.ownerOf(".a.ova.12.abc.part", "a.ova")).isEqualTo(12);
        // A target whose own name looks like a temporary name's tail is still told apart.
        assertThat(TemporaryFiles.ownerOf(".x.1.y.part.5.q.part", "x.1.y.part")).isEqualTo(5);
    }

    @Test
    void aLeftoverOfAProcessThatIsGoneIsRemovedByTheNextWriterOfTheSameTarget() throws Exception {
        long dead = deadPid();
        Path leftover = Files.writeString(dir.resolve(".big.ova." + dead + ".k3j2.part"), "partial");
        Path otherTarget = Files.writeString(dir.resolve(".other.ova." + dead + ".k3j2.part"), "partial");
        Path temp = TemporaryFiles.create(dir, "big.ova");
        try {
            assertThat(leftover).doesNotExist();
            assertThat(otherTarget).as("another target's leftover is left to its own writer").exists();
        } finally {
            Files.deleteIfExists(temp);
            TemporaryFiles.release(temp);
        }
    }

    @Test
    void aLiveProcesssFileIsNeverRemoved() throws Exception {
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path running = Files.writeString(dir.resolve(".big.ova." + live + ".k3j2.part"), "being written");
        Path temp = TemporaryFiles.create(dir, "big.ova");
        try {
            assertThat(running).exists().hasContent("being written");
        } finally {
            Files.deleteIfExists(temp);
            TemporaryFiles.release(temp);
        }
    }

    @Test
    void anAtomicOutputClosedWithoutCommitLeavesNothing() throws IOException {
        Path target = dir.resolve("out.raw");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.channel().write(java.nio.ByteBuffer.wrap(new byte[4096]));
            assertThat(TemporaryFiles.pending()).anyMatch(p -> p.getParent().equals(dir));
        }
        assertThat(TemporaryFiles.pending()).noneMatch(p -> p.getParent().equals(dir));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aCommittedAtomicOutputIsNoLongerPending() throws IOException {
        Path target = dir.resolve("out.raw");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.channel().write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            out.commit();
        }
        assertThat(TemporaryFiles.pending()).noneMatch(p -> p.getParent().equals(dir));
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
            assertThat(ch.size()).isEqualTo(3);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target);
        }
    }

    /** The id of a process that has exited (a short-lived child). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        p.waitFor();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
