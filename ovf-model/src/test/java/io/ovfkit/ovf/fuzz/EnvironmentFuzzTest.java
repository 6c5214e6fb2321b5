package io.ovfkit.ovf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.env.OvfEnvironment;

/**
 * Coverage-guided fuzzing of the OVF environment parser ({@code ovf-env.xml}, DSP8027). Contract:
 * any bytes give an environment or an {@link OvfException}; an environment written back and read
 * again is the same environment. Seeds: {@code EnvironmentFuzzTestInputs/} (docs/fuzzing.md).
 */
class EnvironmentFuzzTest {
    @FuzzTest
    void parseEnvironment(byte[] input) {
        OvfEnvironment env;
        try {
            env = OvfEnvironment.parse(input, "ovf-env.xml");
        } catch (OvfException refused) {
            return;
        }
        env.toString();
        assertThat(OvfEnvironment.parse(env.toXml(), "written")).isEqualTo(env);
    }
}
