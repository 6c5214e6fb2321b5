package io.ovfkit.disk.qcow2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.fuzz.FuzzImages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the QCOW2 (v2/v3; deflate and zstd clusters; backing file names) reader: {@link Qcow2Image#open}, the allocation map, reads,
 * {@code check()}. Input encoding and contract: {@link FuzzImages}. Seeds (written by
 * {@code io.ovfkit.disk.fuzz.FuzzSeedWriterTest}) and saved findings: {@code Qcow2FuzzTestInputs/}
 * (docs/fuzzing.md).
 */
class Qcow2FuzzTest {
    private static final Path DIR = FuzzImages.workDir("qcow2");

    @FuzzTest
    void openQcow2(byte[] input) throws IOException {
        FuzzImages.check(input, DIR.resolve("fuzz.qcow2"), Qcow2Image::open);
    }
}
