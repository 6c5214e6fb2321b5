package io.ovfkit.ovf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor size cap (docs/limits.md): 16 MiB by default, raised by the caller on every read path. */
class DescriptorSizeLimitTest {
    @TempDir
    Path dir;

    /** A valid descriptor of a little more than 16 MiB: a long comment in a minimal envelope. */
    static byte[] largeDescriptor() {
        String head = "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><!-- ";
        String tail = " --><References/></Envelope>";
        StringBuilder b = new StringBuilder((17 << 20) + 100).append(head);
        b.append("x".repeat((int) Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES + 1024));
        return b.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDescriptorOverTheDefaultCapIsRefusedByDefault() {
        assertThatThrownBy(() -> Ovf.read(largeDescriptor(), "big.ovf")).isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("big.ovf").hasMessageContaining(Long.toString(Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES));
    }

    @Test
    void aCallerRaisesTheCapOnEachReadPath() throws Exception {
        byte[] big = largeDescriptor();
        long cap = 32L << 20;
        assertThat(Ovf.read(big, "big.ovf", cap).originalBytes()).hasSize(big.length);
        assertThat(Ovf.read(new ByteArrayInputStream(big), "big.ovf", cap).originalBytes()).hasSize(big.length);
        Path file = Files.write(dir.resolve("big.ovf"), big);
        // Before: read(Path, cap) and read(InputStream, name, cap) still refused it at the default cap.
        assertThat(Ovf.read(file, cap).originalBytes()).hasSize(big.length);
    }
}
