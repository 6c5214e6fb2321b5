package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.signing.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit create}, checked with GNU tar, qemu-img, openssl and xmllint. Its helpers serve the other package commands' tests. */
class CreateCommandTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    Path disk1;
    Path disk2;

    @BeforeEach
    void disks() {
        disk1 = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        // A second disk in another format: monolithicSparse VMDK made by ovfkit itself.
        Path raw2 = DiskFixtures.raw(tmp.resolve("data.raw"), 2L * DiskFixtures.MIB, 9, 0, DiskFixtures.MIB);
        disk2 = tmp.resolve("data.vmdk");
        Cli.Result r = Cli.run("disk", "convert", raw2, disk2, "--format", "vmdk", "--subformat", "monolithicSparse", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void createsAnOvaWithDescriptorManifestAndConvertedDisksInOrder() throws IOException {
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk1, "--disk", disk2, "--name", "web", "--cpus", "2",
                "--memory", "2G", "--network", "VM Network", "--os-type", "ubuntu64Guest", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk", "web-disk2.vmdk");
        Path x = extract(ova);
        DiskFixtures.assertQemuCompareIdentical(disk1, x.resolve("web-disk1.vmdk"), "vmdk");
        DiskFixtures.assertQemuCompareIdentical(tmp.resolve("data.raw"), x.resolve("web-disk2.vmdk"), "vmdk");
        DiskFixtures.assertQemuCheckPasses(x.resolve("web-disk2.vmdk"), "vmdk");
        OvfDescriptor d = Ovf.read(x.resolve("web.ovf"));
        VirtualSystem vs = d.envelope().virtualSystems().get(0);
        assertThat(vs.getId()).isEqualTo("web");
        OperatingSystemSection os = vs.children().stream().filter(OperatingSystemSection.class::isInstance)
                .map(OperatingSystemSection.class::cast).findFirst().orElseThrow();
        assertThat(os.getVmwOsType()).isEqualTo("ubuntu64Guest");
        List<String> quantities = new ArrayList<>();
        for (ResourceAllocationSettingData i : vs.virtualHardwareSections().get(0).getItems()) {
            quantities.add(i.getResourceType() + "=" + i.getVirtualQuantity());
        }
        assertThat(quantities).contains("3=2", "4=2048");
        assertThat(d.envelope().references().orElseThrow().files()).allSatisfy(f ->
                assertThat(f.getSize()).isEqualTo(size(x.resolve(f.getHref()))));
        assertManifestMatchesSha256sum(x, "web.mf");
        assertThat(Cli.run("validate", x.resolve("web.ovf")).exitCode()).isZero();
    }

    @Test
    void descriptorIsValidAgainstTheDmtfSchemaInBothVersions() throws IOException {
        Path schemas = Cli.schemas();
        for (String v : List.of("1.0", "2.0")) {
            Path ova = tmp.resolve("v" + v + ".ova");
            Cli.Result r = Cli.run("create", ova, "--disk", disk1, "--name", "app", "--ovf-version", v,
                    "--network", "net", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
            Path x = extract(ova);
            String set = v.startsWith("1") ? "ovf-1" : "ovf-2";
            Oracle.Result lint = Oracle.run(List.of(Oracle.require("xmllint").toString(), "--nonet", "--noout", "--schema",
                    schemas.resolve(set + "/dsp8023.xsd").toString(), x.resolve("app.ovf").toString()), null, TIMEOUT,
                    Map.of("XML_CATALOG_FILES", schemas.resolve(set + "/catalog.xml").toString()));
            assertThat(lint.ok()).as(v + "\n" + lint.describe()).isTrue();
        }
    }

    @Test
    void signedWithAnEncryptedKeyWhosePasswordIsInAFile() throws IOException {
        Path[] key = opensslKey(tmp, "secret words");
        Path pw = Files.writeString(tmp.resolve("pw.txt"), "secret words\n");
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk1, "--name", "web", "--sign-key", key[0], "--sign-cert", key[1],
                "--key-password-file", pw, "--digest", "sha512");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("created " + ova).contains("signed by").contains("SHA512");
        assertThat(r.err()).doesNotContain("secret words");
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk");
        Path x = extract(ova);
        opensslVerify(x, "web", key[1], "sha512");
    }

    @Test
    void wrongKeyPasswordIsAnInputErrorThatLeavesNothing() throws IOException {
        Path[] key = opensslKey(tmp, "right");
        Path pw = Files.writeString(tmp.resolve("pw.txt"), "Tr0ub4dor&3\n");
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk1, "--name", "web", "--sign-key", key[0], "--sign-cert", key[1],
                "--key-password-file", pw);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("key.pem").doesNotContain("Tr0ub4dor");
        assertThat(ova).doesNotExist();
    }

    @Test
    void reproducibleRunsAreByteIdentical() throws IOException {
        Path a = tmp.resolve("a.ova");
        Path b = tmp.resolve("b.ova");
        for (Path p : List.of(a, b)) {
            Cli.Result r = Cli.run("create", p, "--disk", disk1, "--disk", disk2, "--name", "web", "--reproducible", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void toAFolder() throws IOException {
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("create", out + "/", "--disk", disk1, "--name", "web", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(DiskFixtures.names(out)).containsExactly("web-disk1.vmdk", "web.mf", "web.ovf");
        assertManifestMatchesSha256sum(out, "web.mf");
    }

    @Test
    void toStandardOutputAsChunks() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Supplier<WritableByteChannel> saved = CreateCommand.stdout;
        CreateCommand.stdout = () -> Channels.newChannel(bytes);
        try {
            Cli.Result r = Cli.run("create", "-", "--disk", disk1, "--name", "web", "--chunk-size", "256K", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
        } finally {
            CreateCommand.stdout = saved;
        }
        Path ova = Files.write(tmp.resolve("piped.ova"), bytes.toByteArray());
        List<String> names = tarNames(ova);
        assertThat(names.get(0)).isEqualTo("web.ovf");
        assertThat(names.get(1)).isEqualTo("web-disk1.vmdk.000000000");
        assertThat(names).last().isEqualTo("web.mf");
        Path x = extract(ova);
        Fixtures.sh("cat web-disk1.vmdk.0* > joined.vmdk", x);
        DiskFixtures.assertQemuCompareIdentical(disk1, x.resolve("joined.vmdk"), "vmdk");
        assertManifestMatchesSha256sum(x, "web.mf");
    }

    @Test
    void usageErrorsAreExit2() {
        Path ova = tmp.resolve("x.ova");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--sign-cert", disk1), "--sign-key");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--sign-key", disk1, "--no-manifest"),
                "--no-manifest");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--os-type", "plan9Guest"), "plan9Guest");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--disk-format", "qcow2"), "streamOptimized");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--memory", "1000000"), "MiB");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "a/b"), "--name");
        assertUsage(Cli.run("create", ova, "--disk", disk1, "--name", "web", "--digest", "md5"), "md5");
        assertUsage(Cli.run("create", ova, "--name", "web"), "--disk");
        assertThat(ova).doesNotExist();
    }

    private static void assertUsage(Cli.Result r, String mention) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ").contains(mention);
    }

    @Test
    void missingDiskIsExit3AndLeavesNothing() {
        Path ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", tmp.resolve("nope.raw"), "--name", "web");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("nope.raw");
        assertThat(ova).doesNotExist();
        assertThat(DiskFixtures.names(tmp)).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        Cli.Result r = Cli.run("create", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--disk=PATH", "--sign-key=KEY", "--key-password-file=FILE", "--reproducible",
                "--ovf-version", "Exit codes:", "OVFKIT_KEY_PASSWORD");
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers for the package commands' tests.

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The member names GNU tar lists. */
    static List<String> tarNames(Path ova) {
        return List.of(Fixtures.run(List.of(Oracle.require("tar").toString(), "tf", ova.toString()), null).stdout()
                .strip().split("\n"));
    }

    /** Extracts {@code ova} with GNU tar into a new folder beside it. */
    static Path extract(Path ova) throws IOException {
        Path x = Files.createTempDirectory(ova.getParent(), "x");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "xf", ova.toAbsolutePath().toString()), x);
        return x;
    }

    /** Checks every line of the manifest against {@code sha256sum} (or the algorithm's *sum). */
    static void assertManifestMatchesSha256sum(Path dir, String mf) throws IOException {
        Manifest m = Manifest.parseStrict(Files.readAllBytes(dir.resolve(mf)), mf);
        String alg = m.algorithms().iterator().next().manifestName().toLowerCase();
        List<String> cmd = new ArrayList<>(List.of(Oracle.require(alg + "sum").toString(), "--"));
        cmd.addAll(m.names());
        String[] lines = Fixtures.run(cmd, dir).stdout().strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(m.entries().get(i).digest().hex() + " ");
        }
    }

    /** An RSA key encrypted with {@code password} and its self-signed certificate, made by openssl: {key, cert}. */
    static Path[] opensslKey(Path dir, String password) throws IOException {
        Path pw = Files.writeString(dir.resolve("keypw.txt"), password + "\n");
        Fixtures.run(List.of(Oracle.require("openssl").toString(), "req", "-x509", "-newkey", "rsa:2048", "-keyout",
                "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=ovfkit cli test", "-passout",
                "file:" + pw.getFileName()), dir);
        Files.delete(pw);
        return new Path[] {dir.resolve("key.pem"), dir.resolve("cert.pem")};
    }

    /** An unencrypted EC key and its certificate, made by openssl: {key, cert}. */
    static Path[] opensslEcKey(Path dir) {
        Fixtures.run(List.of(Oracle.require("openssl").toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec-key.pem", "-out", "ec-cert.pem", "-days", "2", "-subj",
                "/CN=ovfkit cli ec test"), dir);
        return new Path[] {dir.resolve("ec-key.pem"), dir.resolve("ec-cert.pem")};
    }

    /** {@code openssl dgst -verify} of {@code NAME.mf} with the signature of {@code NAME.cert}. */
    static void opensslVerify(Path dir, String name, Path cert, String digest) throws IOException {
        String text = Files.readString(dir.resolve(name + ".cert"), StandardCharsets.US_ASCII);
        String first = text.substring(0, text.indexOf('\n'));
        Path sig = Files.write(dir.resolve("sig.bin"), HexFormat.of().parseHex(first.substring(first.indexOf("= ") + 2)));
        Path openssl = Oracle.require("openssl");
        Files.writeString(dir.resolve("pub.pem"), Fixtures.run(List.of(openssl.toString(), "x509", "-in",
                cert.toAbsolutePath().toString(), "-pubkey", "-noout"), dir).stdout());
        Oracle.Result v = Fixtures.run(List.of(openssl.toString(), "dgst", "-" + digest, "-verify", "pub.pem", "-signature",
                sig.toString(), name + ".mf"), dir);
        assertThat(v.stdout()).contains("Verified OK");
    }

    /** Running programs for these tests. */
    static final class Fixtures {
        private Fixtures() {
        }

        static Oracle.Result run(List<String> cmd, Path dir) {
            Oracle.Result r = Oracle.run(cmd, dir, TIMEOUT);
            assertThat(r.ok()).as(String.join(" ", cmd) + "\n" + r.describe()).isTrue();
            return r;
        }

        static Oracle.Result sh(String script, Path dir) {
            return run(List.of("sh", "-c", script), dir);
        }
    }
}
