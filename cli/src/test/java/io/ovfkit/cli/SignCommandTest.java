package io.ovfkit.cli;

import static io.ovfkit.cli.CreateCommandTest.extract;
import static io.ovfkit.cli.CreateCommandTest.tarNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit sign}: a new manifest and its certificate, right after the descriptor, by a streaming copy. */
class SignCommandTest {
    @TempDir
    Path tmp;

    Path ova;
    Path[] key;

    @BeforeEach
    void unsignedPackage() {
        Path disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk, "--name", "web", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        key = CreateCommandTest.opensslEcKey(tmp);
    }

    @Test
    void signsInPlace() throws IOException {
        byte[] disk = Files.readAllBytes(extract(ova).resolve("web-disk1.vmdk"));
        Cli.Result r = Cli.run("sign", ova, "--key", key[0], "--cert", key[1]);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("signed " + ova).contains("CN=ovfkit cli ec test");
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk");
        Path x = extract(ova);
        assertThat(Files.readAllBytes(x.resolve("web-disk1.vmdk"))).as("copied, not converted again").isEqualTo(disk);
        CreateCommandTest.opensslVerify(x, "web", key[1], "sha256");
        assertThat(DiskFixtures.names(tmp)).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void outputOptionLeavesTheInputAsItWas() throws IOException {
        byte[] before = Files.readAllBytes(ova);
        Path out = tmp.resolve("signed.ova");
        Cli.Result r = Cli.run("sign", ova, "--key", key[0], "--cert", key[1], "-o", out, "--digest", "sha512", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
        CreateCommandTest.opensslVerify(extract(out), "web", key[1], "sha512");
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsExit3() throws IOException {
        Path[] other = CreateCommandTest.opensslKey(Files.createDirectories(tmp.resolve("other")), "pw");
        byte[] before = Files.readAllBytes(ova);
        Cli.Result r = Cli.run("sign", ova, "--key", key[0], "--cert", other[1]);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ");
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
    }

    @Test
    void signsAFolderPackageBesideItsDescriptor() throws IOException {
        Path folder = extract(ova);
        Files.delete(folder.resolve("web.mf"));
        Cli.Result r = Cli.run("sign", folder.resolve("web.ovf"), "--key", key[0], "--cert", key[1], "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(DiskFixtures.names(folder)).contains("web.mf", "web.cert");
        CreateCommandTest.assertManifestMatchesSha256sum(folder, "web.mf");
        CreateCommandTest.opensslVerify(folder, "web", key[1], "sha256");
    }

    @Test
    void keyIsRequired() {
        Cli.Result r = Cli.run("sign", ova);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--key");
    }

    @Test
    void thereIsNoPasswordOption() {
        Cli.Result r = Cli.run("sign", ova, "--key", key[0], "--password", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(Cli.run("sign", "--help").out()).contains("OVFKIT_KEY_PASSWORD").doesNotContain("--password");
    }
}
