package io.ovfkit.convert.vm;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the .vbox reader ({@link VboxFormat#read}) and of what import and export do
 * with what it read ({@link VmFuzzChecks}). Contract: any bytes give a {@link VirtualMachine} or a
 * {@link VmDefinitionException}. Seeds: {@code VboxFuzzTestInputs/} (docs/fuzzing.md).
 */
class VboxFuzzTest {
    @FuzzTest
    void readVbox(byte[] input) {
        VirtualMachine vm;
        try {
            vm = VboxFormat.read(input, VmFuzzChecks.FILE);
        } catch (VmDefinitionException refused) {
            return;
        }
        VmFuzzChecks.use(vm);
    }
}
