package io.ovfkit.ova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ova.VerifyReport.DiskStatus;
import io.ovfkit.ova.VerifyReport.FileResult;
import io.ovfkit.ova.VerifyReport.FileStatus;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OVAs other tools made (../shared/corpus/ova): read, verified, or refused clearly. Skipped without the corpus. */
class CorpusPackagesTest {
    @TempDir
    Path tmp;

    private static Path ova(String name) {
        return SharedCorpus.file("ova/" + name + ".ova");
    }

    private static VerifyReport verify(String name, VerifyOptions o) throws IOException {
        try (OvfPackage p = OvfPackage.open(ova(name))) {
            return p.verify(o);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtualbox__tdAppliance1-t1", "virtualbox__tdAppliance1-t2", "virtualbox__tdAppliance1-t2-ovftool-4.1.0",
        "virtualbox__tdAppliance1-t3", "virtualbox__tdAppliance1-t4-ovftool-4.1.0",
        "virtualbox__tdAppliance1-t7-bad-instance"})
    void theVirtualBoxTestKitOvasReadAndVerify(String name) throws IOException {
        VerifyReport r = verify(name, VerifyOptions.defaults());
        assertThat(r.failures()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.files()).extracting(FileResult::status).doesNotContain(FileStatus.MISMATCH, FileStatus.MISSING,
                FileStatus.SIZE_MISMATCH);
        assertThat(r.disks()).extracting(VerifyReport.DiskResult::status).allMatch(s -> s == DiskStatus.OK);
    }

    @Test
    void vmwareHybridTarHeadersAreRead() throws IOException {
        try (OvfPackage p = OvfPackage.open(ova("virtualbox__tdAppliance1-t4"))) {
            assertThat(p.members()).extracting(Member::name).containsExactly("tdAppliance1-t4.ovf", "tdAppliance1-t4.mf",
                    "tdAppliance1-t4.cert", "tdAppliance1-t4-disk1.vmdk.gz", "tdAppliance1-t4-disk2.vmdk.gz");
            assertThat(p.members().get(2).size()).isEqualTo(102_400);
            assertThat(p.warnings()).isEmpty();
        }
    }

    /** t4 is signed, but its manifest's descriptor line is blanked: the signature does not cover the descriptor. */
    @Test
    void aSignedOvaWhoseManifestDoesNotCoverItsDescriptorFails() throws IOException {
        VerifyReport r = verify("virtualbox__tdAppliance1-t4", VerifyOptions.defaults());
        assertThat(r.descriptorCovered()).isFalse();
        assertThat(r.signature().valid()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).singleElement().asString().contains("tdAppliance1-t4.ovf")
                .contains("not covered by the manifest").contains("the package is signed");
        assertThat(r.files()).extracting(FileResult::status).doesNotContain(FileStatus.MISMATCH, FileStatus.MISSING,
                FileStatus.SIZE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtualbox__tdAppliance1-t1", "virtualbox__tdAppliance1-t2", "virtualbox__tdAppliance1-t3"})
    void blankedManifestLinesLeaveTheDescriptorUncoveredWithAWarning(String name) throws IOException {
        VerifyReport r = verify(name, VerifyOptions.defaults());
        assertThat(r.descriptorCovered()).isFalse();
        assertThat(r.warnings()).anyMatch(w -> w.contains("not covered by the manifest"));
        assertThat(verify(name, VerifyOptions.defaults().withStrict(true)).ok()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtualbox__tdAppliance1-t4", "virtualbox__tdAppliance1-t4-ovftool-4.1.0"})
    void signedOvasHaveAValidSelfSignedSignature(String name) throws IOException {
        VerifyReport r = verify(name, VerifyOptions.defaults().withAnchors(TrustAnchors.none()));
        VerifyReport.SignatureResult s = r.signature();
        assertThat(s.present()).isTrue();
        assertThat(s.valid()).isTrue();
        assertThat(s.selfSigned()).isTrue();
        assertThat(s.expired()).isFalse();
        assertThat(s.trusted()).isFalse();
        assertThat(s.digest()).isEqualTo("SHA1");
        assertThat(s.subject()).contains("CN=beispiel.example.org");
        // t4's manifest does not cover its descriptor: a signed package then fails (see above).
        assertThat(r.ok()).isEqualTo(r.descriptorCovered());
        assertThat(r.warnings()).anyMatch(w -> w.contains("self-signed"));
        assertThat(verify(name, VerifyOptions.defaults().withRequireSignature(true)).ok()).isEqualTo(r.descriptorCovered());
    }

    @Test
    void theSignersOwnCertificateAsAnchorMakesItTrustedAndLaterItExpires() throws IOException {
        CertificateFile cert;
        try (OvfPackage p = OvfPackage.open(ova("virtualbox__tdAppliance1-t4-ovftool-4.1.0"))) {
            cert = p.certificate().orElseThrow();
        }
        TrustAnchors own = TrustAnchors.of(List.of(cert.signer()));
        VerifyReport trusted = verify("virtualbox__tdAppliance1-t4-ovftool-4.1.0", VerifyOptions.defaults().withAnchors(own));
        assertThat(trusted.signature().trusted()).isTrue();
        assertThat(trusted.signature().selfSigned()).isTrue();
        assertThat(trusted.warnings()).noneMatch(w -> w.contains("self-signed"));
        VerifyReport later = verify("virtualbox__tdAppliance1-t4-ovftool-4.1.0", VerifyOptions.defaults().withAnchors(own)
                .withNow(Instant.parse("2100-01-01T00:00:00Z")));
        assertThat(later.signature().expired()).isTrue();
        assertThat(later.warnings()).anyMatch(w -> w.contains("expired"));
        assertThat(later.ok()).isTrue();
        assertThat(verify("virtualbox__tdAppliance1-t4-ovftool-4.1.0", VerifyOptions.defaults().withAnchors(own)
                .withNow(Instant.parse("2100-01-01T00:00:00Z")).withStrict(true)).ok()).isFalse();
    }

    @Test
    void aTamperedManifestBreaksTheSignature() throws IOException {
        // Rebuild t4 (ovftool 4.1.0) with one manifest byte changed: digests then fail too, and the signature.
        Path src = ova("virtualbox__tdAppliance1-t4-ovftool-4.1.0");
        List<Packages.Entry> entries = new java.util.ArrayList<>();
        try (OvfPackage p = OvfPackage.open(src)) {
            for (Member m : p.members()) {
                byte[] b;
                try (InputStream in = java.nio.channels.Channels.newInputStream(p.openMember(m.name()))) {
                    b = in.readAllBytes();
                }
                if (m.name().endsWith(".mf")) {
                    b = new String(b, java.nio.charset.StandardCharsets.UTF_8).replace("SHA256(", "SHA256 (")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                entries.add(Packages.Entry.file(m.name(), b));
            }
        }
        try (OvfPackage p = OvfPackage.open(Packages.ova(tmp, "tampered.ova", entries))) {
            VerifyReport r = p.verify(VerifyOptions.defaults().withAnchors(TrustAnchors.none()));
            assertThat(r.signature().valid()).isFalse();
            assertThat(r.ok()).isFalse();
            assertThat(r.failures()).anyMatch(f -> f.contains(".cert") && f.contains("does not verify"));
        }
    }

    @Test
    void gzipDisksOfTheCorpusDecompress() throws IOException {
        try (OvfPackage p = OvfPackage.open(ova("virtualbox__tdAppliance1-t3"));
                InputStream in = p.openFile("tdAppliance1-t3-disk1.vmdk.gz")) {
            byte[] head = in.readNBytes(4);
            assertThat(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("KDMV");
        }
    }

    @Test
    void anOvaWithoutDescriptorFailsClearly() {
        // Resolved outside the lambda: without the corpus the test is skipped, not failed.
        Path noOvf = ova("glance__testserver-no-ovf");
        assertThatThrownBy(() -> OvfPackage.open(noOvf)).isInstanceOf(PackageException.class)
                .hasMessageContaining("no .ovf descriptor").hasMessageContaining("testserver-disk1.vmdk");
    }

    @Test
    void anIllegalXmlDescriptorNamesTheMember() {
        Path badOvf = ova("glance__testserver-bad-ovf");
        assertThatThrownBy(() -> OvfPackage.open(badOvf))
                .isInstanceOf(MalformedDescriptorException.class).hasMessageContaining("!/illegal-xml.ovf");
    }

    @Test
    void govmomisFakeDiskIsReportedAsADiskMismatch() throws IOException {
        VerifyReport r = verify("govmomi__ttylinux-pc_i486-16.1", VerifyOptions.defaults());
        assertThat(r.ok()).isFalse();
        assertThat(r.descriptorCovered()).isTrue();
        assertThat(r.disks()).singleElement().extracting(VerifyReport.DiskResult::status).isEqualTo(DiskStatus.MISMATCH);
        assertThat(r.failures()).anyMatch(f -> f.contains("ttylinux-pc_i486-16.1-disk1.vmdk") && f.contains("disk"));
    }

    @Test
    void glancesFourByteDiskIsNotAVmdk() throws IOException {
        VerifyReport r = verify("glance__testserver", VerifyOptions.defaults());
        assertThat(r.disks()).singleElement().satisfies(d -> assertThat(d.format()).isEqualTo("raw"));
        assertThat(r.failures()).singleElement().asString().contains("testserver-disk1.vmdk").contains("disk mismatch");
    }

    @Test
    void theCorpusReadsTheSameAsAStream() throws IOException {
        Path src = ova("virtualbox__tdAppliance1-t4");
        VerifyReport random = verify("virtualbox__tdAppliance1-t4", VerifyOptions.defaults().withAnchors(TrustAnchors.none()));
        try (OvfPackage p = OvfPackage.openStream(Files.newInputStream(src), "stdin")) {
            VerifyReport stream = p.verify(VerifyOptions.defaults().withAnchors(TrustAnchors.none()));
            assertThat(stream.ok()).isEqualTo(random.ok());
            assertThat(stream.files()).extracting(FileResult::href, FileResult::status)
                    .isEqualTo(random.files().stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.href(), f.status()))
                            .toList());
            assertThat(stream.disks()).extracting(VerifyReport.DiskResult::status).containsOnly(DiskStatus.OK);
        }
    }
}
