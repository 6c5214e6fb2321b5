package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.Signatures;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign} and {@code manifest} on existing packages: a streaming copy, no re-conversion. */
class PackageRewriterTest {
    private static final long CAPACITY = 3L << 20;

    @TempDir
    Path dir;

    Path source;
    Path folder;

    @BeforeEach
    void inputs() throws IOException {
        source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 4);
        folder = dir.resolve("in");
        OvfDescriptor d = Fixtures.appliance("web", CAPACITY);
        d.envelope().references().orElseThrow().children().add(new FileReference("file2", "tools.iso"));
        Path iso = Files.writeString(dir.resolve("tools.iso"), "iso\n".repeat(300), StandardCharsets.US_ASCII);
        try (DiskImage img = DiskImages.open(source);
                PackageWriter w = PackageWriter.toFolder(folder, PackageOptions.builder().noManifest().build())) {
            w.descriptor(d, "web.ovf").disk("web-disk1.vmdk", img).file("tools.iso", iso).finish();
        }
    }

    /** An OVA made by GNU tar in VirtualBox's order: descriptor, files, manifest last. */
    private Path virtualBoxOrderOva() throws IOException {
        PackageRewriter.rewrite(folder.resolve("web.ovf"), null, PackageOptions.defaults());
        Path ova = dir.resolve("vbox.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "--format=ustar", "web.ovf",
                "web-disk1.vmdk", "tools.iso", "web.mf"), folder);
        return ova;
    }

    @Test
    void signPutsTheCertificateRightAfterTheManifest() throws IOException {
        Path ova = virtualBoxOrderOva();
        Path signed = dir.resolve("signed.ova");
        PackageResult r = PackageRewriter.rewrite(ova, signed,
                PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        assertThat(Fixtures.gnuTarNames(signed)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk", "tools.iso");
        assertThat(r.warnings()).isEmpty();
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(signed, out);
        for (String n : List.of("web.ovf", "web-disk1.vmdk", "tools.iso")) {
            assertThat(Files.readAllBytes(out.resolve(n))).as(n).isEqualTo(Files.readAllBytes(folder.resolve(n)));
        }
        byte[] mf = Files.readAllBytes(out.resolve("web.mf"));
        Manifest m = Manifest.parseStrict(mf, "web.mf");
        List<String> hex = Fixtures.sha256sum(out, m.names());
        for (int i = 0; i < hex.size(); i++) {
            assertThat(m.entries().get(i).digest().hex()).isEqualTo(hex.get(i));
        }
        assertOpensslVerifies(out);
    }

    private void assertOpensslVerifies(Path out) throws IOException {
        Path openssl = Oracle.require("openssl");
        String cert = Files.readString(out.resolve("web.cert"), StandardCharsets.US_ASCII);
        String first = cert.substring(0, cert.indexOf('\n'));
        Files.write(out.resolve("sig.bin"), HexFormat.of().parseHex(first.substring(first.indexOf("= ") + 2)));
        Files.writeString(out.resolve("signer.pem"), cert.substring(cert.indexOf("-----BEGIN")));
        Oracle.Result pub = Fixtures.run(List.of(openssl.toString(), "x509", "-in", "signer.pem", "-pubkey", "-noout"), out);
        Files.writeString(out.resolve("pub.pem"), pub.stdout());
        Fixtures.run(List.of(openssl.toString(), "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "web.mf"), out);
    }

    @Test
    void manifestWithoutKeyRemovesTheStaleCertificateWithAWarning() throws IOException {
        Path ova = dir.resolve("signed.ova");
        PackageRewriter.rewrite(virtualBoxOrderOva(), ova, PackageOptions.builder().signer(TestKeys.ec().signer()).build());
        PackageResult r = PackageRewriter.rewrite(ova, null, PackageOptions.builder().digest(DigestAlgorithm.SHA512).build());
        assertThat(r.warnings()).singleElement().asString().contains("removed the certificate web.cert");
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk", "tools.iso");
        assertThat(r.manifest().orElseThrow().algorithms()).containsExactly(DigestAlgorithm.SHA512);
        assertThat(Fixtures.hiddenFiles(dir)).isEmpty();
    }

    @Test
    void resigningReplacesTheCertificate() throws IOException {
        Path ova = dir.resolve("signed.ova");
        PackageRewriter.rewrite(virtualBoxOrderOva(), ova, PackageOptions.builder().signer(TestKeys.ec().signer()).build());
        PackageResult r = PackageRewriter.rewrite(ova, null, PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        assertThat(r.certificate().orElseThrow().signer()).isEqualTo(TestKeys.rsa().certificate());
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk", "tools.iso");
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        assertOpensslVerifies(out);
    }

    @Test
    void paxAndGnuInputsAreRewrittenAsPlainUstar() throws IOException {
        Path ova = dir.resolve("pax.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "--format=pax", "web.ovf",
                "web-disk1.vmdk", "tools.iso"), folder);
        Path out = dir.resolve("out.ova");
        PackageRewriter.rewrite(ova, out, PackageOptions.defaults());
        assertThat(Fixtures.headers(out)).allSatisfy(h -> {
            assertThat(h.type()).isEqualTo('0');
            assertThat(h.magic()).isEqualTo("ustar\0");
        });
        assertThat(Fixtures.pythonNames(out)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk", "tools.iso");
    }

    @Test
    void membersTheDescriptorDoesNotNameAreKeptWithAWarning() throws IOException {
        Files.writeString(folder.resolve("readme.txt"), "read me\n");
        Path ova = dir.resolve("extra.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "readme.txt", "web.ovf",
                "web-disk1.vmdk", "tools.iso"), folder);
        PackageResult r = PackageRewriter.rewrite(ova, null, PackageOptions.defaults());
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk", "tools.iso", "readme.txt");
        assertThat(r.warnings()).singleElement().asString().contains("readme.txt");
        assertThat(r.manifest().orElseThrow().names()).contains("readme.txt");
    }

    @Test
    void missingFileFailsAndLeavesTheInputAsItWas() throws IOException {
        Path ova = dir.resolve("broken.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "web.ovf", "web-disk1.vmdk"), folder);
        byte[] before = Files.readAllBytes(ova);
        assertThatThrownBy(() -> PackageRewriter.rewrite(ova, null, PackageOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("tools.iso").hasMessageContaining("not in the package");
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
        assertThat(Fixtures.hiddenFiles(dir)).isEmpty();
    }

    @Test
    void archiveWithoutDescriptorIsRefused() throws IOException {
        Path ova = dir.resolve("nodesc.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "tools.iso"), folder);
        assertThatThrownBy(() -> PackageRewriter.rewrite(ova, null, PackageOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("no descriptor");
    }

    @Test
    void folderIsSignedInPlace() throws IOException {
        PackageResult r = PackageRewriter.rewrite(folder.resolve("web.ovf"), null,
                PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        byte[] mf = Files.readAllBytes(folder.resolve("web.mf"));
        assertThat(Manifest.parseStrict(mf, "web.mf").names()).containsExactly("web.ovf", "web-disk1.vmdk", "tools.iso");
        assertThat(Manifest.parseStrict(mf, "web.mf").entry("web-disk1.vmdk").orElseThrow().digest())
                .isEqualTo(Digests.of(folder.resolve("web-disk1.vmdk"), DigestAlgorithm.SHA256));
        assertThat(Signatures.verify(CertificateFile.read(folder.resolve("web.cert")), mf, TrustAnchors.none(),
                Instant.now()).signatureValid()).isTrue();
        assertThat(r.members()).extracting(PackageResult.Member::name)
                .containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk", "tools.iso");
        assertOpensslVerifies(folder);
    }

    @Test
    void folderManifestWithoutKeyRemovesTheCertificate() throws IOException {
        PackageRewriter.rewrite(folder, null, PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        PackageResult r = PackageRewriter.rewrite(folder, null, PackageOptions.defaults());
        assertThat(folder.resolve("web.cert")).doesNotExist();
        assertThat(r.warnings()).singleElement().asString().contains("web.cert");
    }

    @Test
    void folderToOvaKeepsTheDescriptorByteForByte() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = PackageRewriter.rewrite(folder.resolve("web.ovf"), ova,
                PackageOptions.builder().signer(TestKeys.ec().signer()).build());
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk", "tools.iso");
        PackageResult.Member d = r.member("web.ovf").orElseThrow();
        assertThat(Fixtures.slice(ova, d.dataOffset(), d.size())).isEqualTo(Files.readAllBytes(folder.resolve("web.ovf")));
        PackageResult.Member disk = r.member("web-disk1.vmdk").orElseThrow();
        assertThat(Fixtures.qemuCompareInPlace(source, ova, disk.dataOffset(), disk.size()).ok()).isTrue();
    }

    @Test
    void memberWithANameTooLongForUstarIsRefused() throws IOException {
        String longName = "n".repeat(120) + ".txt";
        Files.writeString(folder.resolve(longName), "x");
        Path ova = dir.resolve("long.ova");
        Fixtures.run(List.of(Oracle.require("tar").toString(), "cf", ova.toString(), "--format=gnu", "web.ovf",
                "web-disk1.vmdk", "tools.iso", longName), folder);
        assertThatThrownBy(() -> PackageRewriter.rewrite(ova, null, PackageOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("at most 100");
    }
}
