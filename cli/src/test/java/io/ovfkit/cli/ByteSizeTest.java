package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @ParameterizedTest
    @CsvSource({
        "4096, 4096",
        "4096B, 4096",
        "0, 0",
        "512K, 524288",
        "512k, 524288",
        "512KiB, 524288",
        "512Ki, 524288",
        "1.5GiB, 1610612736",
        "1.5G, 1610612736",
        "'1.5 GiB', 1610612736",
        "2T, 2199023255552",
        "2TiB, 2199023255552",
        "1M, 1048576",
        "1E, 1152921504606846976",
        "10KB, 10000",
        "10kb, 10000",
        "20MB, 20000000",
        "10GB, 10000000000",
        "2TB, 2000000000000",
        "1.5KB, 1500",
        "' 8G ', 8589934592",
        ".5K, 512",
    })
    void parsesTheSizeVocabulary(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"''", "abc", "-1", "1X", "1iB", "1.5", "0.1K", "1GiBs", "8E", "99999999999999999999", "1 G B", "'1,5G'"})
    void refusesWhatIsNotAWholeNumberOfBytes(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad size \"" + text + "\"");
    }
}
