package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests and the signed package of the shared corpus ({@code corpus/mf/*}). */
class CorpusTest {
    private static final String T4 = "mf/virtualbox__tdAppliance1-t4-ovftool-4.1.0/";

    private static List<Path> manifests() throws IOException {
        Path mf = SharedCorpus.corpus().resolve("mf");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(mf)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".mf")).sorted().forEach(out::add);
                }
            }
        }
        assertThat(out).as("manifests under " + mf).hasSizeGreaterThanOrEqualTo(6);
        return out;
    }

    @Test
    void everyManifestParses() throws IOException {
        for (Path p : manifests()) {
            Manifest m = Manifest.read(p);
            assertThat(m.sourceName()).isEqualTo(p.getFileName().toString());
        }
    }

    @Test
    void everyFilePresentBesideItsManifestMatches() throws IOException {
        int checked = 0;
        for (Path p : manifests()) {
            Manifest m = Manifest.read(p);
            for (Manifest.Entry e : m.entries()) {
                Path f = p.resolveSibling(e.name());
                if (Files.isRegularFile(f)) {
                    assertThat(Digests.of(f, e.algorithm())).as(p + ": " + e.name()).isEqualTo(e.digest());
                    checked++;
                }
            }
        }
        // cot input: ovf + vmdk; cot ubuntu: ovf + vmdk; govmomi: ovf; t3: disk; t4: ovf.
        assertThat(checked).isGreaterThanOrEqualTo(7);
    }

    @Test
    void spacesOnlyManifestHasNoEntries() throws IOException {
        Manifest m = Manifest.read(SharedCorpus.file("mf/virtualbox__tdAppliance1-t1/tdAppliance1-t1.mf"));
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.warnings()).extracting(ParseWarning::message).anySatisfy(s -> assertThat(s).contains("blank"));
    }

    @Test
    void blankedOvfLineManifestKeepsTheDiskEntry() throws IOException {
        // The .ovf entry (line 2, after the disk's) was overwritten with spaces and has no line end.
        Manifest m = Manifest.read(SharedCorpus.file("mf/virtualbox__tdAppliance1-t3/tdAppliance1-t3.mf"));
        assertThat(m.names()).containsExactly("tdAppliance1-t3-disk1.vmdk.gz");
        assertThat(m.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("blank");
        });
    }

    @Test
    void bsdTagManifestParsesWithADeviationWarning() throws IOException {
        Manifest m = Manifest.read(SharedCorpus.file(
                "mf/govmomi__ttylinux-pc_i486-16.1/ttylinux-pc_i486-16.1.mf"));
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.algorithms()).containsExactly(DigestAlgorithm.SHA1);
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("BSD-tag"));
    }

    @Test
    void ovftoolManifestsAreStrict() throws IOException {
        for (String f : List.of("mf/cot__input/input.mf", "mf/cot__ubuntu.2.0/ubuntu.2.0.mf",
                T4 + "tdAppliance1-t4-ovftool-4.1.0.mf")) {
            byte[] bytes = Files.readAllBytes(SharedCorpus.file(f));
            Manifest m = Manifest.parseStrict(bytes, f);
            assertThat(m.write()).as(f).isEqualTo(bytes);
        }
    }

    @Test
    void ovftoolCertificateVerifiesSelfSignedAndNotExpired() throws IOException {
        CertificateFile c = CertificateFile.read(SharedCorpus.file(T4 + "tdAppliance1-t4-ovftool-4.1.0.cert"));
        assertThat(c.manifestName()).isEqualTo("tdAppliance1-t4-ovftool-4.1.0.mf");
        assertThat(c.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA1);
        byte[] mf = Files.readAllBytes(SharedCorpus.file(T4 + c.manifestName()));
        SignatureVerification v = Signatures.verify(c, mf, TrustAnchors.none(), Instant.now());
        assertThat(v.signatureValid()).as(v.notes().toString()).isTrue();
        assertThat(v.selfSigned()).isTrue();
        assertThat(v.expired()).isFalse();
        assertThat(v.notYetValid()).isFalse();
        assertThat(v.chainTrusted()).isFalse();
        assertThat(v.subject()).contains("CN=beispiel.example.org");
        assertThat(v.notAfter()).isAfter(Instant.parse("2046-01-01T00:00:00Z"));
    }

    @Test
    void ovftoolCertificateIsTrustedWhenItsPemIsTheAnchor() throws IOException {
        CertificateFile c = CertificateFile.read(SharedCorpus.file(T4 + "tdAppliance1-t4-ovftool-4.1.0.cert"));
        byte[] mf = Files.readAllBytes(SharedCorpus.file(T4 + c.manifestName()));
        TrustAnchors anchors = TrustAnchors.fromPem(SharedCorpus.file(T4 + "tdAppliance1-t4.cert.pem"));
        assertThat(Signatures.verify(c, mf, anchors, Instant.now()).chainTrusted()).isTrue();
    }

    @Test
    void ovftoolCertificateRewritesWithoutPadding() throws IOException {
        CertificateFile c = CertificateFile.read(SharedCorpus.file(T4 + "tdAppliance1-t4-ovftool-4.1.0.cert"));
        byte[] written = c.write();
        assertThat(written.length).isLessThan(2000);
        assertThat(CertificateFile.parse(written, "rewritten.cert").signature()).isEqualTo(c.signature());
    }
}
