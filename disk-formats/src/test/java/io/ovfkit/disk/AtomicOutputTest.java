package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear only when complete, with the permissions of an ordinary new file. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    @Test
    void committed_output_is_readable_by_others_not_only_the_owner() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("out.img");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            out.commit();
        }
        assertThat(Files.getPosixFilePermissions(target)).contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);
    }

    @Test
    void uncommitted_output_leaves_nothing() throws Exception {
        Path target = dir.resolve("out.img");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.channel().write(ByteBuffer.wrap(new byte[] {1}));
        }
        try (var s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }
}
