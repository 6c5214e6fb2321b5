package io.ovfkit.convert.vm;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the libvirt domain XML reader ({@link LibvirtFormat#read}) and of what import and export do
 * with what it read ({@link VmFuzzChecks}). Contract: any bytes give a {@link VirtualMachine} or a
 * {@link VmDefinitionException}. Seeds: {@code LibvirtFuzzTestInputs/} (docs/fuzzing.md).
 */
class LibvirtFuzzTest {
    @FuzzTest
    void readLibvirt(byte[] input) {
        VirtualMachine vm;
        try {
            vm = LibvirtFormat.read(input, VmFuzzChecks.FILE);
        } catch (VmDefinitionException refused) {
            return;
        }
        VmFuzzChecks.use(vm);
    }
}
