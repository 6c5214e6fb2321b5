package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the manifest parser, lenient and strict. Contract: any bytes give a
 * manifest or a {@link SigningException} ({@link ManifestException}); a manifest written and read
 * again has the same entries. Seeds: {@code ManifestFuzzTestInputs/} (docs/fuzzing.md).
 */
class ManifestFuzzTest {
    @FuzzTest
    void parseManifest(byte[] input) {
        try {
            Manifest.parseStrict(input, "fuzz.mf");
        } catch (SigningException refused) {
            // strictness refuses what the lenient reader accepts with a warning
        }
        Manifest m;
        try {
            m = Manifest.parse(input, "fuzz.mf");
        } catch (SigningException refused) {
            return;
        }
        m.names();
        m.algorithms();
        m.warnings();
        m.toString();
        assertThat(Manifest.parse(m.write(), "written").entries()).isEqualTo(m.entries());
    }
}
