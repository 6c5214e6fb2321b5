package io.ovfkit.cli;

import static io.ovfkit.cli.CreateCommandTest.assertManifestMatchesSha256sum;
import static io.ovfkit.cli.CreateCommandTest.extract;
import static io.ovfkit.cli.CreateCommandTest.tarNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit pack}: an OVF folder into an OVA, files copied as they are. */
class PackCommandTest {
    @TempDir
    Path tmp;

    Path folder;
    Path disk;

    @BeforeEach
    void folderPackage() {
        disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        folder = tmp.resolve("in");
        Cli.Result r = Cli.run("create", folder + "/", "--disk", disk, "--name", "web", "--no-manifest", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void packsTheDescriptorAndItsFilesAsTheyAre() throws IOException {
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("pack", folder.resolve("web.ovf"), ova);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("packed " + ova);
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk");
        Path x = extract(ova);
        assertThat(Files.readAllBytes(x.resolve("web-disk1.vmdk"))).isEqualTo(Files.readAllBytes(folder.resolve("web-disk1.vmdk")));
        // The sizes were right already: the descriptor is unchanged.
        assertThat(Files.readAllBytes(x.resolve("web.ovf"))).isEqualTo(Files.readAllBytes(folder.resolve("web.ovf")));
        assertManifestMatchesSha256sum(x, "web.mf");
    }

    @Test
    void compressAndChunkSizeRewriteTheFileAttributes() throws IOException {
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("pack", folder.resolve("web.ovf"), ova, "--compress", "--chunk-size", "64K", "--digest", "sha1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> names = tarNames(ova);
        assertThat(names.subList(0, 3)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk.000000000");
        Path x = extract(ova);
        OvfDescriptor d = Ovf.read(x.resolve("web.ovf"));
        FileReference f = d.envelope().references().orElseThrow().files().get(0);
        assertThat(f.getCompression()).isEqualTo("gzip");
        assertThat(f.getChunkSize()).isEqualTo(64L << 10);
        CreateCommandTest.Fixtures.sh("cat web-disk1.vmdk.0* | gzip -dc > joined.vmdk", x);
        assertThat(Files.readAllBytes(x.resolve("joined.vmdk"))).isEqualTo(Files.readAllBytes(folder.resolve("web-disk1.vmdk")));
        assertManifestMatchesSha256sum(x, "web.mf");
    }

    @Test
    void missingFileIsExit3NamingIt() throws IOException {
        Files.delete(folder.resolve("web-disk1.vmdk"));
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("pack", folder.resolve("web.ovf"), ova);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("web-disk1.vmdk");
        assertThat(ova).doesNotExist();
    }

    @Test
    void inputMustBeADescriptor() {
        Cli.Result r = Cli.run("pack", disk, tmp.resolve("x.ova"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".ovf");
    }

    @Test
    void certificateBesideTheInputIsNotCarriedOverAndSaysSo() throws IOException {
        Files.writeString(folder.resolve("web.cert"), "old");
        Cli.Result r = Cli.run("pack", folder.resolve("web.ovf"), tmp.resolve("web.ova"), "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: web.cert is not carried over");
        assertThat(tarNames(tmp.resolve("web.ova"))).doesNotContain("web.cert");
    }

    @Test
    void signsWhenGivenAKey() throws IOException {
        Path[] key = CreateCommandTest.opensslEcKey(tmp);
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("pack", folder.resolve("web.ovf"), ova, "--sign-key", key[0], "--sign-cert", key[1], "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk");
        CreateCommandTest.opensslVerify(extract(ova), "web", key[1], "sha256");
    }
}
