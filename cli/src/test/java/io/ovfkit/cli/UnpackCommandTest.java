package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackCommandTest {
    @TempDir
    Path tmp;

    @Test
    void unpacksEveryMemberAsStored() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Path dir = tmp.resolve("out");
        Cli.Result r = Cli.run("unpack", ova, dir);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("unpacked 3 files");
        assertThat(dir.resolve("app.ovf")).exists();
        assertThat(dir.resolve("app.mf")).exists();
        assertThat(dir.resolve("app-disk1.vmdk")).exists();
        assertThat(Cli.run("verify", dir).exitCode()).isZero();
    }

    @Test
    void existingFilesNeedForce() throws IOException {
        Path ova = PackageFixtures.ova(tmp, "app.ova", false);
        Path dir = tmp.resolve("out");
        assertThat(Cli.run("unpack", ova, dir, "-q").exitCode()).isZero();
        Cli.Result again = Cli.run("unpack", ova, dir);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("exists");
        assertThat(Cli.run("unpack", ova, dir, "--force", "-q").exitCode()).isZero();
    }

    @Test
    void anUnsafeArchiveIsRefused() throws IOException {
        Path evil = tmp.resolve("evil.ova");
        try (var os = Files.newOutputStream(evil);
                var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(os)) {
            byte[] ovf = PackageFixtures.descriptor("x", 1, 1);
            for (String n : new String[] {"e.ovf", "../escape.txt"}) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(n, true);
                e.setSize(ovf.length);
                t.putArchiveEntry(e);
                t.write(ovf);
                t.closeArchiveEntry();
            }
        }
        Cli.Result r = Cli.run("unpack", evil, tmp.resolve("out"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("../escape.txt");
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
    }
}
