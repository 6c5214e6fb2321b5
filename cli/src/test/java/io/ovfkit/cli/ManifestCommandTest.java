package io.ovfkit.cli;

import static io.ovfkit.cli.CreateCommandTest.extract;
import static io.ovfkit.cli.CreateCommandTest.tarNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit manifest}: a new manifest; a certificate it would invalidate is removed with a warning. */
class ManifestCommandTest {
    @TempDir
    Path tmp;

    Path ova;

    @BeforeEach
    void signedPackage() {
        Path disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        Path[] key = CreateCommandTest.opensslEcKey(tmp);
        ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk, "--name", "web", "--sign-key", key[0], "--sign-cert", key[1], "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void newManifestInPlaceRemovesTheStaleCertificate() throws IOException {
        Cli.Result r = Cli.run("manifest", ova, "--digest", "sha512");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: removed the certificate web.cert");
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk");
        Path x = extract(ova);
        assertThat(Manifest.parseStrict(Files.readAllBytes(x.resolve("web.mf")), "web.mf").algorithms())
                .containsExactly(DigestAlgorithm.SHA512);
        CreateCommandTest.assertManifestMatchesSha256sum(x, "web.mf");
    }

    @Test
    void outputOptionWritesAnotherPackage() throws IOException {
        byte[] before = Files.readAllBytes(ova);
        Path out = tmp.resolve("out.ova");
        Cli.Result r = Cli.run("manifest", ova, "-o", out, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
        assertThat(tarNames(out)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk");
    }

    @Test
    void folderPackageGetsItsManifestBesideTheDescriptor() throws IOException {
        Path folder = extract(ova);
        Files.delete(folder.resolve("web.mf"));
        Cli.Result r = Cli.run("manifest", folder.resolve("web.ovf"), "--digest", "sha1", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(DiskFixtures.names(folder)).contains("web.mf").doesNotContain("web.cert");
        CreateCommandTest.assertManifestMatchesSha256sum(folder, "web.mf");
    }

    @Test
    void unknownDigestIsAUsageError() {
        Cli.Result r = Cli.run("manifest", ova, "--digest", "crc32");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("crc32");
    }

    @Test
    void notAPackageIsExit3() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.ova"), "not a tar file at all");
        Cli.Result r = Cli.run("manifest", junk);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("junk.ova");
    }
}
