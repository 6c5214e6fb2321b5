package io.ovfkit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.signing.PasswordSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every open-vmdk ova-compose config of the shared corpus ({@code corpus/compose/}) composes, given
 * blank images for the files it names (in a temporary folder, with a copy of the spec), into an OVA
 * that verifies and holds what the YAML says. Skipped without the corpus.
 */
class ComposeCorpusTest {
    /** What open-vmdk's own tests pass: a disk for the specs whose {@code !param} has no default. */
    private static final Map<String, String> PARAMS = Map.of("rootdisk", "dummy.vmdk");

    @TempDir
    Path dir;

    static Stream<String> configs() throws IOException {
        return SharedCorpus.find().map(p -> p.resolve("corpus/compose")).filter(Files::isDirectory)
                .map(ComposeCorpusTest::list).orElse(Stream.of("(no corpus)"));
    }

    private static Stream<String> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyCorpusConfigComposesIntoAnOvaHoldingWhatItsYamlSays(String name) throws IOException {
        Path source = SharedCorpus.file("compose/" + name);
        String yaml = Files.readString(source, StandardCharsets.UTF_8);
        Path spec = dir.resolve(name);
        Files.writeString(spec, yaml);
        Map<String, Object> tree = ComposeFixtures.loadYaml(yaml, PARAMS);
        ComposeFixtures.blankImages(dir, tree);
        ComposeSpec s = ComposeSpec.read(spec, PARAMS);
        Path out = dir.resolve(name.replace(".yaml", ".ova"));
        ComposeResult r = Composer.compose(s, out, PackageOptions.builder().reproducible(true), PasswordSource.environment());
        assertThat(r.written().members()).isNotEmpty();
        try (OvfPackage p = OvfPackage.open(out)) {
            ComposeFixtures.assertHolds(p, tree, name);
        }
    }

    @Test
    void theCorpusHoldsSixteenConfigs() {
        Path folder = SharedCorpus.corpus().resolve("compose");
        List<String> names = list(folder).toList();
        assertThat(names).hasSize(16);
    }
}
