package io.ovfkit.convert.vm;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the .vmx reader ({@link VmxFormat#read}) and of what import and export do
 * with what it read ({@link VmFuzzChecks}). Contract: any bytes give a {@link VirtualMachine} or a
 * {@link VmDefinitionException}. Seeds: {@code VmxFuzzTestInputs/} (docs/fuzzing.md).
 */
class VmxFuzzTest {
    @FuzzTest
    void readVmx(byte[] input) {
        VirtualMachine vm;
        try {
            vm = VmxFormat.read(input, VmFuzzChecks.FILE);
        } catch (VmDefinitionException refused) {
            return;
        }
        VmFuzzChecks.use(vm);
    }
}
