package io.ovfkit.convert.vm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovfkit.compose.ComposeSpec;
import io.ovfkit.compose.ComposeSpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * VM definitions and compose specs are read with their cap (docs/limits.md) checked while reading,
 * not only against the reported size: a device reports 0 bytes and never ends.
 */
class DefinitionSizeLimitTest {
    private static Path devZero() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        return zero;
    }

    @Test
    void aVmDefinitionWithoutASizeIsReadOnlyUpToTheCap() {
        assertThatThrownBy(() -> VmExporter.read(devZero())).isInstanceOf(VmDefinitionException.class)
                .hasMessageContaining("/dev/zero").hasMessageContaining("larger than " + VboxFormat.MAX_BYTES);
    }

    @Test
    void aComposeSpecWithoutASizeIsReadOnlyUpToTheCap() {
        assertThatThrownBy(() -> ComposeSpec.read(devZero(), Map.of())).isInstanceOf(ComposeSpecException.class)
                .hasMessageContaining("/dev/zero").hasMessageContaining("larger than");
    }
}
