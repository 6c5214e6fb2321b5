package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CapacityTest {

    private static final long GIB = 1L << 30;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void missingUnitsMeanBytes(String units) {
        Capacity c = Capacity.parse("1048576", units);
        assertThat(c.units()).isEqualTo(AllocationUnits.BYTES);
        assertThat(c.bytes()).hasValue(1_048_576L);
    }

    @Test
    void multipliesByTheUnits() {
        Capacity c = Capacity.parse("16", "byte * 2^30");
        assertThat(c.bytes()).hasValue(16 * GIB);
        assertThat(c.amount()).contains(BigInteger.valueOf(16));
        assertThat(c.isPropertyReference()).isFalse();
        assertThat(c.propertyKey()).isEmpty();
    }

    @Test
    void acceptsNonStandardUnitWordsAndRecordsThem() {
        Capacity c = Capacity.parse("2048", "MegaBytes");
        assertThat(c.bytes()).hasValue(2 * GIB);
        assertThat(c.units().standard()).isFalse();
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(Capacity.parse(" 42\n", null).bytes()).hasValue(42);
    }

    @Test
    void parsesPropertyReference() {
        Capacity c = Capacity.parse("${disk.size}", "byte * 2^30");
        assertThat(c.isPropertyReference()).isTrue();
        assertThat(c.propertyKey()).contains("disk.size");
        assertThat(c.bytes()).isEqualTo(OptionalLong.empty());
        assertThat(c.amount()).isEmpty();
        assertThat(c.text()).isEqualTo("${disk.size}");
    }

    @Test
    void rejectsEmptyPropertyKey() {
        assertThatThrownBy(() -> Capacity.parse("${}", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'${}'")
                .hasMessageContaining("empty key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${abc", "${a b}", "${a}b}", "${${x}}"})
    void rejectsMalformedPropertyReferences(String text) {
        assertThatThrownBy(() -> Capacity.parse(text, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(text))
                .hasMessageContaining("property reference");
    }

    @Test
    void rejectsNegativeCapacity() {
        assertThatThrownBy(() -> Capacity.parse("-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-1'")
                .hasMessageContaining("negative");
    }

    @Test
    void rejectsDecimalCapacity() {
        assertThatThrownBy(() -> Capacity.parse("1.5", "byte * 2^30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1.5'")
                .hasMessageContaining("not a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12abc", "0x10", "ten", "1 000", "+5"})
    void rejectsJunk(String text) {
        assertThatThrownBy(() -> Capacity.parse(text, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(text))
                .hasMessageContaining("expected a non-negative integer");
    }

    @Test
    void rejectsEmptyAndMissingCapacity() {
        assertThatThrownBy(() -> Capacity.parse("", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Capacity.parse(null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void acceptsLongMaxBytes() {
        assertThat(Capacity.parse(Long.toString(Long.MAX_VALUE), "byte").bytes()).hasValue(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808, byte", "8388608, byte * 2^40", "1, byte * 2^64"})
    void rejectsSizesPastLongMax(String capacity, String units) {
        assertThatThrownBy(() -> Capacity.parse(capacity, units))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(capacity))
                .hasMessageContaining("more than the largest supported size");
    }

    @Test
    void rejectsNonByteUnits() {
        assertThatThrownBy(() -> Capacity.parse("2", "hertz * 10^6"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hertz * 10^6'")
                .hasMessageContaining("not byte-based");
    }

    @Test
    void rejectsUnknownUnits() {
        assertThatThrownBy(() -> Capacity.parse("2", "parsecs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'parsecs'");
    }

    @Test
    void rejectsHostileLongInputQuickly() {
        String hostile = "9".repeat(2_000_000);
        assertThatThrownBy(() -> Capacity.parse(hostile, null))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        String digits = "1" + "0".repeat(4000);
        assertThatThrownBy(() -> Capacity.parse(digits, "byte * 2^40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2^256");
    }

    @Test
    void resolveReplacesPropertyReference() {
        Capacity c = Capacity.parse("${size}", "byte * 2^30").resolve(Map.of("size", " 20 ")::get);
        assertThat(c.isPropertyReference()).isFalse();
        assertThat(c.bytes()).hasValue(20 * GIB);
        assertThat(c.units()).isEqualTo(AllocationUnits.GIBIBYTES);
    }

    @Test
    void resolveReturnsLiteralUnchanged() {
        Capacity c = Capacity.parse("7", null);
        assertThat(c.resolve(k -> {
            throw new AssertionError("not called");
        })).isSameAs(c);
    }

    @Test
    void resolveRejectsMissingProperty() {
        Capacity c = Capacity.parse("${size}", null);
        assertThatThrownBy(() -> c.resolve(k -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size'")
                .hasMessageContaining("no value");
    }

    @Test
    void resolveRejectsInvalidValueNamingTheProperty() {
        Capacity c = Capacity.parse("${size}", null);
        assertThatThrownBy(() -> c.resolve(Map.of("size", "big")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size'")
                .hasMessageContaining("'big'");
        assertThatThrownBy(() -> c.resolve(Map.of("size", "${other}")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another property reference");
    }

    @Test
    void ofBytesMakesByteCapacity() {
        Capacity c = Capacity.ofBytes(512);
        assertThat(c.bytes()).hasValue(512);
        assertThat(c.units()).isEqualTo(AllocationUnits.BYTES);
        assertThatThrownBy(() -> Capacity.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void ofChecksUnitsAndRange() {
        assertThat(Capacity.of(BigInteger.valueOf(3), AllocationUnits.GIBIBYTES).bytes()).hasValue(3 * GIB);
        assertThatThrownBy(() -> Capacity.of(BigInteger.ONE, AllocationUnits.MEGAHERTZ))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Capacity.of(BigInteger.TWO.pow(63), AllocationUnits.BYTES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofPropertyReferenceValidatesKey() {
        assertThat(Capacity.ofPropertyReference("k", AllocationUnits.BYTES).text()).isEqualTo("${k}");
        assertThatThrownBy(() -> Capacity.ofPropertyReference("", AllocationUnits.BYTES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "17179869184, 16, byte * 2^30",
        "1610612736, 1536, byte * 2^20",
        "1099511627776, 1, byte * 2^40",
        "4096, 4, byte * 2^10",
        "1000, 1000, byte",
        "0, 0, byte",
        "9223372036854775807, 9223372036854775807, byte"
    })
    void toAttributesChoosesLargestExactBinaryUnit(long bytes, String capacity, String units) {
        assertThat(Capacity.ofBytes(bytes).toAttributes()).isEqualTo(new Capacity.Attributes(capacity, units));
    }

    @Test
    void toAttributesNormalizesParsedUnits() {
        assertThat(Capacity.parse("2048", "MB").toAttributes())
                .isEqualTo(new Capacity.Attributes("2", "byte * 2^30"));
    }

    @Test
    void toAttributesKeepsPropertyReference() {
        assertThat(Capacity.parse("${size}", "GigaBytes").toAttributes())
                .isEqualTo(new Capacity.Attributes("${size}", "byte * 2^30"));
    }

    @Test
    void equalityComparesAmountAndUnits() {
        assertThat(Capacity.parse("007", null)).isEqualTo(Capacity.parse("7", "byte"))
                .hasSameHashCodeAs(Capacity.parse("7", "byte"));
        assertThat(Capacity.parse("1", "GB")).isNotEqualTo(Capacity.parse("1024", "MB"));
        assertThat(Capacity.parse("${a}", null)).isEqualTo(Capacity.parse(" ${a} ", "bytes"));
        assertThat(Capacity.parse("${a}", null)).isNotEqualTo(Capacity.parse("${b}", null));
    }
}
