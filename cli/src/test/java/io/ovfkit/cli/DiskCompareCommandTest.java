package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCompareCommandTest {
    @TempDir
    Path tmp;

    @Test
    void identicalImages() throws Exception {
        Path a = DiskFixtures.usedRaw(tmp.resolve("a.img"));
        Path b = Files.copy(a, tmp.resolve("b.img"));
        Cli.Result r = Cli.run("disk", "compare", a, b);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Images are identical." + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aMismatchNamesTheOffsetOfTheFirstDifferingByte() throws Exception {
        Path a = DiskFixtures.usedRaw(tmp.resolve("a.img"));
        Path b = Files.copy(a, tmp.resolve("b.img"));
        try (RandomAccessFile f = new RandomAccessFile(b.toFile(), "rw")) {
            f.seek(3L * MIB + 12345);
            f.write(1);
        }
        Cli.Result r = Cli.run("disk", "compare", a, b);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("Content mismatch at offset " + (3L * MIB + 12345) + "!" + System.lineSeparator());
    }

    @Test
    void imagesOfDifferentSizesAreIdenticalWhenTheExtraPartIsZero() throws Exception {
        Path a = DiskFixtures.usedRaw(tmp.resolve("a.img"));
        Path b = Files.copy(a, tmp.resolve("b.img"));
        try (RandomAccessFile f = new RandomAccessFile(b.toFile(), "rw")) {
            f.setLength(6L * MIB);
        }
        Cli.Result r = Cli.run("disk", "compare", a, b);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("Images are identical." + System.lineSeparator());
        assertThat(r.err()).startsWith("ovfkit: warning: the images differ in size (" + a + ": 4194304 bytes, " + b
                + ": 6291456 bytes)");
        assertThat(Cli.run("disk", "compare", b, a).exitCode()).isZero();
    }

    @Test
    void anUnreadableImageIsExit3() {
        Path a = DiskFixtures.usedRaw(tmp.resolve("a.img"));
        Cli.Result r = Cli.run("disk", "compare", a, tmp.resolve("missing.img"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("missing.img: no such file");
        Cli.Result c = Cli.run("disk", "compare", a, DiskFixtures.corruptVmdk(tmp.resolve("bad.vmdk")));
        assertThat(c.exitCode()).isEqualTo(3);
    }

    @Test
    void aRawImageEqualsTheVmdkQemuMadeOfIt() {
        Path raw = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path vmdk = tmp.resolve("qemu.vmdk");
        assertThat(DiskFixtures.qemuImg("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized",
                raw.toString(), vmdk.toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("disk", "compare", raw, vmdk);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Images are identical.");
    }
}
