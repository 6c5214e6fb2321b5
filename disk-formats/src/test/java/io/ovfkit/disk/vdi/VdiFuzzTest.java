package io.ovfkit.disk.vdi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.fuzz.FuzzImages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the VDI (dynamic, fixed, differencing) reader: {@link VdiImage#open}, the allocation map, reads,
 * {@code check()}. Input encoding and contract: {@link FuzzImages}. Seeds (written by
 * {@code io.ovfkit.disk.fuzz.FuzzSeedWriterTest}) and saved findings: {@code VdiFuzzTestInputs/}
 * (docs/fuzzing.md).
 */
class VdiFuzzTest {
    private static final Path DIR = FuzzImages.workDir("vdi");

    @FuzzTest
    void openVdi(byte[] input) throws IOException {
        FuzzImages.check(input, DIR.resolve("fuzz.vdi"), VdiImage::open);
    }
}
