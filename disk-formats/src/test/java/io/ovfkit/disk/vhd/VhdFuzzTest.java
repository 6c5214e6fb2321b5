package io.ovfkit.disk.vhd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.fuzz.FuzzImages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the VHD (fixed, dynamic, differencing with parent locators) reader: {@link VhdImage#open}, the allocation map, reads,
 * {@code check()}. Input encoding and contract: {@link FuzzImages}. Seeds (written by
 * {@code io.ovfkit.disk.fuzz.FuzzSeedWriterTest}) and saved findings: {@code VhdFuzzTestInputs/}
 * (docs/fuzzing.md).
 */
class VhdFuzzTest {
    private static final Path DIR = FuzzImages.workDir("vhd");

    @FuzzTest
    void openVhd(byte[] input) throws IOException {
        FuzzImages.check(input, DIR.resolve("fuzz.vhd"), VhdImage::open);
    }
}
