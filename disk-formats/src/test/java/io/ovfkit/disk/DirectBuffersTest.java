package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DirectBuffersTest {
    @Test
    void everySizeStartsOnAPageAndHoldsExactlyWhatWasAskedFor() {
        for (int n : new int[] {0, 1, 16, 511, 512, 4095, 4096, 4097, 8191, 65536, 1 << 20, (2 << 20) + 1}) {
            // Several in a row: where the allocator places each one differs.
            for (int i = 0; i < 4; i++) {
                ByteBuffer b = DirectBuffers.allocate(n);
                assertThat(b.isDirect()).as("size %d", n).isTrue();
                assertThat(b.position()).isZero();
                assertThat(b.limit()).isEqualTo(n);
                assertThat(b.capacity()).isEqualTo(n);
                if (n > 0) {
                    assertThat(b.alignmentOffset(0, DirectBuffers.ALIGNMENT)).as("size %d", n).isZero();
                    // The first and last bytes are usable (one and the same byte when n is 1).
                    b.put(0, (byte) 1).put(n - 1, (byte) 2);
                    assertThat(b.get(0) + b.get(n - 1)).isEqualTo(n == 1 ? 4 : 3);
                }
            }
        }
    }

    @Test
    void aNegativeOrHugeSizeIsRefused() {
        assertThatThrownBy(() -> DirectBuffers.allocate(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> DirectBuffers.allocate(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
