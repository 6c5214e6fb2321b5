package io.ovfkit.disk.vhdx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.fuzz.FuzzImages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the VHDX reader (headers, region table, metadata, BAT, log replay,
 * parent locators): {@link VhdxImage#open}, the allocation map, reads, {@code check()}. Input
 * encoding and contract: {@link FuzzImages}; a seed carries a dirty log to replay. Seeds (written by
 * {@code io.ovfkit.disk.fuzz.FuzzSeedWriterTest}) and saved findings: {@code VhdxFuzzTestInputs/}
 * (docs/fuzzing.md). {@link VhdxMutationTest} keeps its random byte damage.
 */
class VhdxFuzzTest {
    private static final Path DIR = FuzzImages.workDir("vhdx");

    @FuzzTest
    void openVhdx(byte[] input) throws IOException {
        FuzzImages.check(input, DIR.resolve("fuzz.vhdx"), VhdxImage::open);
    }
}
