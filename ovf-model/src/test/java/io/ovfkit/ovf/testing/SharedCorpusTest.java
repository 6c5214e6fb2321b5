package io.ovfkit.ovf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SharedCorpusTest {

    @Test
    void findsTheCorpusAndItsIndex() {
        assertThat(SharedCorpus.corpus()).isDirectory();
        assertThat(SharedCorpus.schemas().resolve("ovf-1").resolve("dsp8023.xsd")).isRegularFile();
        assertThat(SharedCorpus.sources()).hasSizeGreaterThan(100).allSatisfy(s -> {
            assertThat(s.file()).isNotBlank();
            assertThat(s.repo()).contains("/");
        });
        SharedCorpus.Source minimal = SharedCorpus.sources(s -> s.file().equals("ovf/cot__minimal.ovf")).get(0);
        assertThat(minimal.expect()).isEqualTo("read");
        assertThat(minimal.notesContain("[xmllint: DSP8023 1.1.1 xsd: VALID]")).isTrue();
        assertThat(Files.isRegularFile(minimal.path())).isTrue();
        assertThat(SharedCorpus.file("env/cloudinit__ovf-env.xml")).isRegularFile();
    }
}
