package io.ovfkit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.convert.Finding;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.PasswordSource;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composing specs built in the test: ovfkit's extensions, other disk formats, reproducibility. */
class ComposerTest {
    @TempDir
    Path dir;

    private ComposeResult compose(String yaml, Path out) throws IOException {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, yaml);
        return Composer.compose(ComposeSpec.read(spec, Map.of()), out, PackageOptions.builder().reproducible(true),
                PasswordSource.environment());
    }

    private void rawDisk(String name) throws IOException {
        byte[] b = new byte[1 << 20];
        b[4096] = 42;
        Files.write(dir.resolve(name), b);
    }

    @Test
    void theSameSpecComposedTwiceGivesTheSameBytes() throws IOException {
        rawDisk("root.img");
        Path a = dir.resolve("a/web.ova");
        Path b = dir.resolve("b/web.ova");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        compose(ComposeSpecTest.MINIMAL, a);
        compose(ComposeSpecTest.MINIMAL, b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        try (OvfPackage p = OvfPackage.open(a)) {
            assertThat(p.members()).extracting(m -> m.name()).containsExactly("web.ovf", "web.mf", "root.vmdk");
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void packageKeysChooseVersionManifestCompressionAndChunks() throws IOException {
        rawDisk("root.img");
        Path out = dir.resolve("web.ova");
        compose(ComposeSpecTest.MINIMAL + """
                package:
                    ovf_version: "2.0"
                    manifest: sha1
                    compression: gzip
                    chunk_size: 4K
                """, out);
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(p.descriptor().version()).isEqualTo(io.ovfkit.ovf.OvfVersion.V2_0);
            assertThat(p.manifest().orElseThrow().algorithms()).containsExactly(DigestAlgorithm.SHA1);
            FileReference f = p.descriptor().envelope().references().orElseThrow().files().get(0);
            assertThat(f.getCompression()).isEqualTo("gzip");
            assertThat(f.getChunkSize()).isEqualTo(4096L);
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void diskImagesOfAnyFormatAreConvertedOnTheFly() throws IOException {
        Path q = dir.resolve("root.qcow2");
        try (DiskWriter w = DiskWriters.create(q, WriteOptions.builder(DiskFormat.QCOW2, 8L << 20).build())) {
            w.finish();
        }
        Path out = dir.resolve("web.ova");
        compose(ComposeSpecTest.MINIMAL.replace("root.img", "root.qcow2"), out);
        try (OvfPackage p = OvfPackage.open(out)) {
            VirtualDisk d = p.descriptor().envelope().section(DiskSection.class).orElseThrow().getDisks().get(0);
            assertThat(d.getCapacity()).isEqualTo(Long.toString(8L << 20));
            try (DiskImage img = p.openDisk("root.vmdk")) {
                assertThat(img.capacity()).isEqualTo(8L << 20);
            }
            VerifyReport r = p.verify(VerifyOptions.defaults());
            assertThat(r.ok()).isTrue();
        }
    }

    @Test
    void anEmptyDiskHasNoFileAndTheEulaAndIpSettingsAreWritten() throws IOException {
        Files.writeString(dir.resolve("EULA.txt"), "Use it well.\n");
        Path out = dir.resolve("web.ova");
        compose(ComposeSpecTest.MINIMAL.replace("disk_image: root.img", "disk_capacity: 2048") + """
                eula:
                    file: EULA.txt
                ip_assignment_settings:
                    protocols: IPv4
                    schemes: ovfenv,dhcp
                """, out);
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(p.members()).extracting(m -> m.name()).containsExactly("web.ovf", "web.mf");
            VirtualDisk d = p.descriptor().envelope().section(DiskSection.class).orElseThrow().getDisks().get(0);
            assertThat(d.getFileRef()).isNull();
            assertThat(d.getCapacity()).isEqualTo("2048");
            VirtualSystem vs = p.descriptor().envelope().virtualSystems().get(0);
            assertThat(vs.section(EulaSection.class).orElseThrow().getLicense().getValue()).isEqualTo("Use it well.\n");
            assertThat(vs.unknownElements()).singleElement().satisfies(e -> {
                assertThat(e.getLocalName()).isEqualTo("IpAssignmentSection");
                assertThat(e.getAttributeNS("http://www.vmware.com/schema/ovf", "schemes")).isEqualTo("ovfenv,dhcp");
            });
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void theSpecsSigningKeySignsTheManifest() throws Exception {
        rawDisk("root.img");
        writeKey(dir.resolve("signer.pem"));
        Path out = dir.resolve("web.ova");
        compose(ComposeSpecTest.MINIMAL + "package:\n    sign_key: signer.pem\n", out);
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(p.members()).extracting(m -> m.name()).containsExactly("web.ovf", "web.mf", "web.cert", "root.vmdk");
            VerifyReport r = p.verify(VerifyOptions.defaults());
            assertThat(r.ok()).isTrue();
            assertThat(r.signature().valid()).isTrue();
        }
    }

    @Test
    void aTargetIsLintedAndItsManifestDigestUsed() throws IOException {
        rawDisk("root.img");
        Path out = dir.resolve("web.ova");
        ComposeResult r = compose(ComposeSpecTest.MINIMAL.replace("vmx-14", "vmx-10") + "target: vsphere:6.0\n", out);
        assertThat(r.lint()).isPresent();
        assertThat(r.lint().get().findings()).extracting(Finding::toString).isEmpty();
        assertThat(r.clean()).isTrue();
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(p.manifest().orElseThrow().algorithms()).containsExactly(DigestAlgorithm.SHA1);
        }
    }

    @Test
    void aTargetThatRefusesWhatTheSpecAsksForIsReportedNotClean() throws IOException {
        rawDisk("root.img");
        ComposeResult r = compose(ComposeSpecTest.MINIMAL.replace("subtype: E1000", "subtype: VmxNet3") + "target: portable\n",
                dir.resolve("web.ova"));
        assertThat(r.clean()).isFalse();
        assertThat(r.lint().get().findings()).extracting(f -> f.toString()).anyMatch(s -> s.contains("NIC-TYPE"));
    }

    @Test
    void anExistingFolderReceivesTheFilesNamedAfterIt() throws IOException {
        rawDisk("root.img");
        Path out = Files.createDirectories(dir.resolve("web"));
        compose(ComposeSpecTest.MINIMAL, out);
        assertThat(out.resolve("web.ovf")).exists();
        assertThat(out.resolve("web.mf")).exists();
        assertThat(out.resolve("root.vmdk")).exists();
    }

    /** A PEM file with an RSA private key and its self-signed certificate. */
    static void writeKey(Path pem) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=compose test signer");
        Instant now = Instant.now();
        var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), name, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(kp.getPrivate());
            w.writeObject(cert);
        }
        Files.writeString(pem, s.toString());
        List.of(pem);
    }
}
