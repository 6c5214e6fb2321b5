package io.ovfkit.compose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the compose spec reader ({@link ComposeSpec#parse}: YAML, {@code !param},
 * every key's checks). Contract: any text gives a spec or a {@link ComposeSpecException}. Seeds:
 * {@code ComposeSpecFuzzTestInputs/} (docs/fuzzing.md); {@code root.img} exists in the spec's folder.
 */
class ComposeSpecFuzzTest {
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            Path dir = Files.createTempDirectory("ovfkit-fuzz-compose");
            Files.write(dir.resolve("root.img"), new byte[4096]);
            dir.resolve("root.img").toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void parseSpec(byte[] input) {
        try {
            ComposeSpec.parse(new String(input, StandardCharsets.UTF_8), "spec.yaml", DIR, Map.of("version", "1.2"));
        } catch (ComposeSpecException refused) {
            // a clear refusal, naming FILE:LINE:COL
        }
    }
}
