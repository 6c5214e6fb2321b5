package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0 bytes",
        "1, 1 byte",
        "1023, 1023 bytes",
        "1024, 1 KiB",
        "68608, 67 KiB",
        "1073741824, 1 GiB",
        "1610612736, 1.5 GiB",
        "293011456, 279.4 MiB",
        "8589934592, 8 GiB",
        "1099511627776, 1 TiB",
        "9223372036854775807, 8.0 EiB",
    })
    void printsTheLargestBinaryUnit(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
