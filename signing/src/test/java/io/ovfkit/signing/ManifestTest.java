package io.ovfkit.signing;

import static io.ovfkit.signing.TestPki.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
    static final String H1 = "c3bd2579c2edc76ea35b5bde7d4f4e41eab08963";
    static final String H256 = "4aacc96f73bc1e0912414b80a576f62fa8d22386a2c34c489e88ee42ec71de9b";
    static final String H256B = "4a218c15a1e8aed26cb0a2a533562e85a9f28956a6666181d0c9bb7ba58b5b06";

    private static Manifest parse(String text) {
        return Manifest.parse(utf8(text), "test.mf");
    }

    @Test
    void strictFormParsesWithoutWarnings() {
        Manifest m = parse("SHA256(a.ovf)= " + H256 + "\nSHA256(a-disk1.vmdk)= " + H256B + "\n");
        assertThat(m.names()).containsExactly("a.ovf", "a-disk1.vmdk");
        assertThat(m.entry("a.ovf").orElseThrow().digest()).isEqualTo(new Digest(DigestAlgorithm.SHA256, H256));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void bsdTagFormParsesWithOneWarning() {
        Manifest m = parse("SHA1 (x.ovf) = " + H1 + "\nSHA1 (x.vmdk) = " + H1.replace('c', 'd') + "\n");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.warnings()).hasSize(1);
        assertThat(m.warnings().get(0).line()).isEqualTo(1);
        assertThat(m.warnings().get(0).message()).contains("BSD-tag").contains("vSphere").contains("2 times");
    }

    @Test
    void crlfLineEndsAreAcceptedAndReported() {
        Manifest m = parse("SHA256(a.ovf)= " + H256 + "\r\nSHA256(b)= " + H256B + "\r\n");
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("CRLF"));
    }

    @Test
    void whitespaceOnlyManifestHasNoEntries() {
        Manifest m = parse(" ".repeat(68));
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("blank"));
    }

    @Test
    void emptyInputHasNoEntriesAndNoWarnings() {
        Manifest m = Manifest.parse(new byte[0], "empty.mf");
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void blankedFirstLineThenAnEntry() {
        Manifest m = parse(" ".repeat(60) + "\nSHA256(disk.vmdk.gz)= " + H256 + "\n" + " ".repeat(30));
        assertThat(m.names()).containsExactly("disk.vmdk.gz");
        assertThat(m.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.message()).contains("2 times");
        });
    }

    @Test
    void nameWithSpacesAndParenthesesEndsAtTheLastParenthesis() {
        Manifest m = parse("SHA1(My Disk (copy) (2).vmdk)= " + H1 + "\n");
        assertThat(m.names()).containsExactly("My Disk (copy) (2).vmdk");
    }

    @Test
    void nameContainingParenEqualsStillParses() {
        Manifest m = parse("SHA1(odd)= name)= " + H1 + "\n");
        assertThat(m.names()).containsExactly("odd)= name");
    }

    @Test
    void uppercaseHexIsAcceptedNormalizedAndReported() {
        Manifest m = parse("SHA256(a.ovf)= " + H256.toUpperCase() + "\n");
        assertThat(m.entries().get(0).digest().hex()).isEqualTo(H256);
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("uppercase"));
    }

    @Test
    void lenientAlgorithmSpellingIsReported() {
        Manifest m = parse("sha-256(a.ovf)= " + H256 + "\n");
        assertThat(m.entries().get(0).algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("'sha-256'"));
    }

    @Test
    void spacingVariationsAreAccepted() {
        Manifest m = parse("  SHA256(a)=" + H256 + "\nSHA256( b )  =   " + H256B + "  \n");
        assertThat(m.names()).containsExactly("a", " b ");
        assertThat(m.warnings()).extracting(ParseWarning::message).anySatisfy(s -> assertThat(s).contains("before the"))
                .anySatisfy(s -> assertThat(s).contains("after '='"))
                .anySatisfy(s -> assertThat(s).contains("between ')' and '='"));
    }

    @Test
    void mixedAlgorithmsAreAllowedButReported() {
        Manifest m = parse("SHA1(a.ovf)= " + H1 + "\nSHA256(b.vmdk)= " + H256 + "\n");
        assertThat(m.algorithms()).containsExactlyInAnyOrder(DigestAlgorithm.SHA1, DigestAlgorithm.SHA256);
        assertThat(m.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("different digest algorithms");
        });
    }

    @Test
    void md5LineIsSkippedWithAWarning() {
        Manifest m = parse("MD5(a.ovf)= 0123456789abcdef0123456789abcdef\nSHA1(a.ovf)= " + H1 + "\n");
        assertThat(m.names()).containsExactly("a.ovf");
        assertThat(m.entries().get(0).algorithm()).isEqualTo(DigestAlgorithm.SHA1);
        assertThat(m.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("'MD5'"));
    }

    @Test
    void strictParsingRefusesBsdForm() {
        assertThatThrownBy(() -> Manifest.parseStrict(utf8("SHA1 (x.ovf) = " + H1 + "\n"), "x.mf"))
                .isInstanceOf(ManifestException.class).hasMessageStartingWith("x.mf, line 1: ")
                .hasMessageContaining("strict");
    }

    @Test
    void strictParsingAcceptsOvftoolForm() {
        Manifest m = Manifest.parseStrict(utf8("SHA512(a.ovf)= " + "0f".repeat(64) + "\n"), "a.mf");
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void writeProducesTheStrictFormWithLf() {
        Manifest m = parse("SHA1 (x.ovf) = " + H1.toUpperCase() + "\r\n\r\nsha256( y )= " + H256 + "\r\n");
        assertThat(new String(m.write(), StandardCharsets.UTF_8))
                .isEqualTo("SHA1(x.ovf)= " + H1 + "\nSHA256( y )= " + H256 + "\n");
    }

    @Test
    void writtenManifestReadsBackEqualAndStrict() {
        Map<String, Digest> d = new LinkedHashMap<>();
        d.put("b.ovf", new Digest(DigestAlgorithm.SHA256, H256));
        d.put("a (1).vmdk", new Digest(DigestAlgorithm.SHA256, H256B));
        Manifest m = Manifest.of(d);
        Manifest back = Manifest.parseStrict(m.write(), "m.mf");
        assertThat(back).isEqualTo(m);
        assertThat(back.names()).containsExactly("b.ovf", "a (1).vmdk");
    }

    @Test
    void entryLookupIsExact() {
        Manifest m = parse("SHA1(A.ovf)= " + H1 + "\n");
        assertThat(m.entry("A.ovf")).isPresent();
        assertThat(m.entry("a.ovf")).isEmpty();
    }

    @Test
    void entryNameWithLineBreakIsRefused() {
        assertThatThrownBy(() -> new Manifest.Entry("a\nb", new Digest(DigestAlgorithm.SHA1, H1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofRefusesDuplicateNames() {
        Manifest.Entry e = new Manifest.Entry("a", new Digest(DigestAlgorithm.SHA1, H1));
        assertThatThrownBy(() -> Manifest.of(List.of(e, e))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
    }

    @Test
    void utf8NamesRoundTrip() {
        Manifest m = parse("SHA1(Ünïcödé ディスク.vmdk)= " + H1 + "\n");
        assertThat(m.names()).containsExactly("Ünïcödé ディスク.vmdk");
        assertThat(Manifest.parse(m.write(), null)).isEqualTo(m);
    }
}
