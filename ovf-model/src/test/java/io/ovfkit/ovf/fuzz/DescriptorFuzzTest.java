package io.ovfkit.ovf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.info.DescriptorInfo;
import io.ovfkit.ovf.validation.Profile;
import io.ovfkit.ovf.validation.Validator;

/**
 * Coverage-guided fuzzing of the descriptor reader and what {@code ovfkit info}, {@code validate} and
 * {@code convert} do with what it read. Contract: any bytes give a descriptor or an
 * {@link OvfException}; nothing else escapes (no NullPointerException, no StackOverflowError …).
 * Seeds and saved findings: {@code DescriptorFuzzTestInputs/} beside this class in the test
 * resources; {@code mvn verify} runs them, {@code -Pfuzz} fuzzes (docs/fuzzing.md).
 */
class DescriptorFuzzTest {
    @FuzzTest
    void readDescriptor(byte[] input) {
        OvfDescriptor d;
        try {
            d = Ovf.read(input, "fuzz.ovf");
        } catch (OvfException refused) {
            return;
        }
        try {
            d.envelope();
            d.readDiagnostics();
            d.toBytes();
            DescriptorInfo.of(d);
            Validator.builder().build().validate(d);
            Validator.builder().profile(Profile.STRICT).build().validate(d);
        } catch (OvfException refused) {
            return;
        }
        for (OvfVersion v : new OvfVersion[] {OvfVersion.V1_0, OvfVersion.V2_0}) {
            try {
                d.convert(v, true).toBytes();
            } catch (OvfException refused) {
                // a loss that cannot be dropped, or the same version: a clear refusal
            }
        }
    }
}
