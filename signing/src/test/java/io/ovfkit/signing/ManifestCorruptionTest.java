package io.ovfkit.signing;

import static io.ovfkit.signing.TestPki.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One field of line 2 of a valid manifest broken per test; the error names the file and line 2. */
class ManifestCorruptionTest {
    private static final String LINE1 = "SHA256(app.ovf)= " + ManifestTest.H256;
    private static final String LINE2 = "SHA256(app-disk1.vmdk)= " + ManifestTest.H256B;
    private static final String LINE3 = "SHA256(app.iso)= " + "00".repeat(32);

    private static ManifestException line2(String corrupted) {
        String text = LINE1 + "\n" + corrupted + "\n" + LINE3 + "\n";
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> Manifest.parse(utf8(text), "app.mf"));
        assertThat(e).as("expected a ManifestException for line: " + corrupted).isNotNull();
        assertThat(e.source()).isEqualTo("app.mf");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("app.mf, line 2: ");
        return e;
    }

    @Test
    void templateIsValid() {
        assertThat(Manifest.parseStrict(utf8(LINE1 + "\n" + LINE2 + "\n" + LINE3 + "\n"), "app.mf").size())
                .isEqualTo(3);
    }

    @Test
    void missingOpeningParenthesis() {
        assertThat(line2(LINE2.replace("(", " ")).getMessage()).contains("no '('");
    }

    @Test
    void missingClosingParenthesis() {
        assertThat(line2(LINE2.replace(")", "")).getMessage()).contains("no ')'");
    }

    @Test
    void missingEqualsSign() {
        assertThat(line2(LINE2.replace("=", "")).getMessage()).contains("no '='");
    }

    @Test
    void missingAlgorithm() {
        assertThat(line2(LINE2.replace("SHA256", "")).getMessage()).contains("no algorithm name");
    }

    @Test
    void unsupportedAlgorithm() {
        assertThat(line2(LINE2.replace("SHA256", "SHA384")).getMessage())
                .contains("unsupported digest algorithm 'SHA384'").contains("SHA1, SHA256 or SHA512");
    }

    @Test
    void emptyFileName() {
        assertThat(line2("SHA256()= " + ManifestTest.H256B).getMessage()).contains("empty file name");
    }

    @Test
    void digestTooShort() {
        assertThat(line2(LINE2.substring(0, LINE2.length() - 1)).getMessage())
                .contains("64 hexadecimal digits, found 63");
    }

    @Test
    void digestOfAnotherAlgorithmsLength() {
        assertThat(line2("SHA1(app-disk1.vmdk)= " + ManifestTest.H256B).getMessage())
                .contains("SHA1 digest is 40 hexadecimal digits, found 64");
    }

    @Test
    void nonHexCharacterInDigest() {
        char[] c = LINE2.toCharArray();
        c[c.length - 5] = 'g';
        assertThat(line2(new String(c)).getMessage()).contains("not hexadecimal").contains("'g' at position 60");
    }

    @Test
    void missingDigest() {
        assertThat(line2("SHA256(app-disk1.vmdk)= ").getMessage()).contains("nothing after '='");
    }

    @Test
    void textBetweenParenthesisAndEquals() {
        assertThat(line2("SHA256(app-disk1.vmdk) x= " + ManifestTest.H256B).getMessage())
                .contains("between ')' and '='");
    }

    @Test
    void duplicateEntry() {
        assertThat(line2(LINE1).getMessage()).contains("duplicate entry for 'app.ovf' (first at line 1)");
    }

    @Test
    void nulByteInsideALine() {
        assertThat(line2(LINE2.replace("disk1", "di\0k1")).getMessage()).contains("NUL");
    }

    @Test
    void tooManyLinesIsRefused() {
        byte[] text = new byte[Manifest.MAX_LINES + 1];
        Arrays.fill(text, (byte) '\n');
        assertThatThrownBy(() -> Manifest.parse(text, "big.mf")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("big.mf, line 100001: more than 100000 lines");
    }

    @Test
    void tooLargeIsRefused() {
        byte[] text = new byte[Manifest.MAX_BYTES + 1];
        Arrays.fill(text, (byte) ' ');
        assertThatThrownBy(() -> Manifest.parse(text, "huge.mf")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("huge.mf: is 16777217 bytes");
    }
}
