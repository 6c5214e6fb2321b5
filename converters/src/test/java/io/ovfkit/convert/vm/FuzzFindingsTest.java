package io.ovfkit.convert.vm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the VM-definition fuzz tests found, one plain test per bug (the inputs are kept as regression seeds too). */
class FuzzFindingsTest {
    @Test
    void vmxFileNameWithANulIsRefusedNamingTheLine() {
        String vmx = """
                .encoding = "UTF-8"
                config.version = "8"
                virtualHW.version = "14"
                memsize = "512"
                sata0.present = "TRUE"
                sata0:0.present = "TRUE"
                sata0:0.deviceType = "cdrom-image"
                sata0:0.fileName = "/vm/cd\u0000.iso"
                """;
        // Before the fix: java.nio.file.InvalidPathException escaped VmxFormat.read.
        assertThatThrownBy(() -> VmxFormat.read(vmx.getBytes(StandardCharsets.UTF_8), Path.of("/vm/t.vmx")))
                .isInstanceOf(VmDefinitionException.class).hasMessageContaining("t.vmx").hasMessageContaining("8")
                .hasMessageContaining("fileName");
    }

    @Test
    void composeSpecWithAMalformedTagIsAComposeSpecException() {
        // Before the fix: IllegalArgumentException "Tag must not contain leading or trailing spaces." from SnakeYAML Engine.
        assertThatThrownBy(() -> io.ovfkit.compose.ComposeSpec.parse("!%c", "spec.yaml", Path.of("."), java.util.Map.of()))
                .isInstanceOf(io.ovfkit.compose.ComposeSpecException.class).hasMessageContaining("spec.yaml")
                .hasMessageContaining("malformed YAML");
    }
}
