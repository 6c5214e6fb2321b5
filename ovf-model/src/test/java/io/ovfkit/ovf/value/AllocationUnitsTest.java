package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.value.AllocationUnits.Base;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllocationUnitsTest {

    private static final BigInteger TWO = BigInteger.TWO;

    @Test
    void parsesCanonicalBinaryForm() {
        AllocationUnits u = AllocationUnits.parse("byte * 2^30");
        assertThat(u.base()).isEqualTo(Base.BYTE);
        assertThat(u.multiplier()).isEqualTo(TWO.pow(30));
        assertThat(u.standard()).isTrue();
        assertThat(u.canonical()).isEqualTo("byte * 2^30");
        assertThat(u.text()).isEqualTo("byte * 2^30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"byte*2^20", "byte * 2 ^ 20", "  byte\t*\n2^20  ", "BYTE * 2^20", "Byte*2 ^20"})
    void acceptsWhitespaceAndCaseVariantsAsStandard(String text) {
        AllocationUnits u = AllocationUnits.parse(text);
        assertThat(u).isEqualTo(AllocationUnits.MEBIBYTES);
        assertThat(u.standard()).isTrue();
        assertThat(u.text()).isEqualTo(text);
    }

    @Test
    void parsesDecimalRadix() {
        AllocationUnits u = AllocationUnits.parse("byte * 10^3");
        assertThat(u.multiplier()).isEqualTo(BigInteger.valueOf(1000));
        assertThat(u.canonical()).isEqualTo("byte * 10^3");
    }

    @Test
    void parsesHertzCaseInsensitively() {
        AllocationUnits u = AllocationUnits.parse("Hertz*10^9");
        assertThat(u.base()).isEqualTo(Base.HERTZ);
        assertThat(u.multiplier()).isEqualTo(BigInteger.TEN.pow(9));
        assertThat(u.canonical()).isEqualTo("hertz * 10^9");
        assertThat(u.standard()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"byte, BYTE", "bit, BIT", "hertz, HERTZ", "BIT, BIT"})
    void parsesBareBaseUnits(String text, Base base) {
        AllocationUnits u = AllocationUnits.parse(text);
        assertThat(u.base()).isEqualTo(base);
        assertThat(u.multiplier()).isEqualTo(BigInteger.ONE);
        assertThat(u.canonical()).isEqualTo(base.dsp0004Name());
    }

    @ParameterizedTest
    @CsvSource({
        "KiloBytes, 10", "KB, 10", "kib, 10", "MegaBytes, 20", "MB, 20", "megabyte, 20", "GigaBytes, 30", "GB, 30",
        "TeraBytes, 40", "TB, 40", "PB, 50"
    })
    void readsByteWordsAsBinaryMultiplesFlaggedNonStandard(String text, int exponent) {
        AllocationUnits u = AllocationUnits.parse(text);
        assertThat(u.base()).isEqualTo(Base.BYTE);
        assertThat(u.multiplier()).isEqualTo(TWO.pow(exponent));
        assertThat(u.standard()).isFalse();
        assertThat(u.canonical()).isEqualTo("byte * 2^" + exponent);
    }

    @ParameterizedTest
    @CsvSource({"MegaHertz, 6", "MHz, 6", "GigaHertz, 9", "GHz, 9", "KiloHertz, 3"})
    void readsHertzWordsAsDecimalMultiples(String text, int exponent) {
        AllocationUnits u = AllocationUnits.parse(text);
        assertThat(u.base()).isEqualTo(Base.HERTZ);
        assertThat(u.multiplier()).isEqualTo(BigInteger.TEN.pow(exponent));
        assertThat(u.standard()).isFalse();
    }

    @Test
    void readsPluralBytesAsNonStandardByte() {
        AllocationUnits u = AllocationUnits.parse("bytes");
        assertThat(u).isEqualTo(AllocationUnits.BYTES);
        assertThat(u.standard()).isFalse();
    }

    @Test
    void equalityIgnoresSpelling() {
        assertThat(AllocationUnits.parse("MB")).isEqualTo(AllocationUnits.MEBIBYTES)
                .hasSameHashCodeAs(AllocationUnits.MEBIBYTES);
        assertThat(AllocationUnits.parse("byte * 2^10")).isNotEqualTo(AllocationUnits.parse("byte * 10^3"));
        assertThat(AllocationUnits.parse("bit")).isNotEqualTo(AllocationUnits.BYTES);
    }

    @Test
    void multipliesSeveralFactors() {
        AllocationUnits u = AllocationUnits.parse("byte * 2^10 * 4");
        assertThat(u.multiplier()).isEqualTo(BigInteger.valueOf(4096));
        assertThat(u.canonical()).isEqualTo("byte * 2^12");
    }

    @Test
    void canonicalWritesPlainMultiplierWhenNotAPowerOfTwoOrTen() {
        AllocationUnits u = AllocationUnits.of(Base.BYTE, BigInteger.valueOf(3000));
        assertThat(u.canonical()).isEqualTo("byte * 3000");
        assertThat(AllocationUnits.parse(u.canonical())).isEqualTo(u);
    }

    @Test
    void canonicalPrefersRadixTwoForBytesAndRadixTenForHertz() {
        assertThat(AllocationUnits.of(Base.BYTE, BigInteger.valueOf(1024)).canonical()).isEqualTo("byte * 2^10");
        assertThat(AllocationUnits.of(Base.HERTZ, BigInteger.valueOf(1000)).canonical()).isEqualTo("hertz * 10^3");
        assertThat(AllocationUnits.of(Base.HERTZ, BigInteger.valueOf(1024)).canonical()).isEqualTo("hertz * 2^10");
        assertThat(AllocationUnits.of(Base.BYTE, BigInteger.valueOf(1000)).canonical()).isEqualTo("byte * 10^3");
    }

    @Test
    void constantsHaveCanonicalText() {
        assertThat(AllocationUnits.BYTES.canonical()).isEqualTo("byte");
        assertThat(AllocationUnits.KIBIBYTES.canonical()).isEqualTo("byte * 2^10");
        assertThat(AllocationUnits.MEBIBYTES.canonical()).isEqualTo("byte * 2^20");
        assertThat(AllocationUnits.GIBIBYTES.canonical()).isEqualTo("byte * 2^30");
        assertThat(AllocationUnits.TEBIBYTES.canonical()).isEqualTo("byte * 2^40");
        assertThat(AllocationUnits.MEGAHERTZ.canonical()).isEqualTo("hertz * 10^6");
        assertThat(AllocationUnits.GIBIBYTES.text()).isEqualTo("byte * 2^30");
        assertThat(AllocationUnits.GIBIBYTES).hasToString("byte * 2^30");
    }

    @Test
    void rejectsUnknownBaseQuotingTheText() {
        assertThatThrownBy(() -> AllocationUnits.parse("furlong * 2^3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'furlong * 2^3'")
                .hasMessageContaining("unknown base unit 'furlong'")
                .hasMessageContaining("expected");
    }

    @Test
    void rejectsRadixOtherThanTwoOrTen() {
        assertThatThrownBy(() -> AllocationUnits.parse("byte * 3^2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("radix must be 2 or 10");
    }

    @Test
    void rejectsNegativeExponent() {
        assertThatThrownBy(() -> AllocationUnits.parse("byte * 2^-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative exponents");
    }

    @Test
    void rejectsExponentAboveLimit() {
        assertThatThrownBy(() -> AllocationUnits.parse("byte * 10^99999999999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"byte *", "byte * 2^", "byte 2^20", "* 2^20", "byte * x", "byte ** 2", "byte * 2^20 +"})
    void rejectsMalformedExpressions(String text) {
        assertThatThrownBy(() -> AllocationUnits.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(text));
    }

    @Test
    void rejectsZeroMultiplier() {
        assertThatThrownBy(() -> AllocationUnits.parse("byte * 0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiplier of 0");
    }

    @Test
    void rejectsEmptyAndNullText() {
        assertThatThrownBy(() -> AllocationUnits.parse("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> AllocationUnits.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void rejectsTextLongerThan64Characters() {
        String text = "byte" + " ".repeat(56) + "* 2^20"; // 66 characters
        assertThatThrownBy(() -> AllocationUnits.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 64");
        assertThat(AllocationUnits.parse("byte" + " ".repeat(54) + "* 2^20")).isEqualTo(AllocationUnits.MEBIBYTES);
    }

    @Test
    void rejectsHostileLongInputWithShortMessage() {
        String hostile = "byte * 2^" + "9".repeat(1_000_000);
        assertThatThrownBy(() -> AllocationUnits.parse(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void toBytesMultipliesExactly() {
        assertThat(AllocationUnits.GIBIBYTES.toBytes(16)).isEqualTo(17_179_869_184L);
        assertThat(AllocationUnits.BYTES.toBytes(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(AllocationUnits.parse("byte * 10^3").toBytes(BigInteger.valueOf(5))).isEqualTo(5000L);
    }

    @Test
    void toBytesThrowsOnOverflowPastLongMax() {
        AllocationUnits huge = AllocationUnits.parse("byte * 2^64");
        assertThatThrownBy(() -> huge.toBytes(1)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("byte * 2^64");
        assertThatThrownBy(() -> AllocationUnits.TEBIBYTES.toBytes(1L << 23)).isInstanceOf(ArithmeticException.class);
        assertThat(AllocationUnits.TEBIBYTES.toBytes((1L << 23) - 1)).isEqualTo(((1L << 23) - 1) << 40);
    }

    @Test
    void toBytesRejectsNonByteBase() {
        assertThatThrownBy(() -> AllocationUnits.MEGAHERTZ.toBytes(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hertz * 10^6")
                .hasMessageContaining("not byte-based");
    }

    @Test
    void toBytesRejectsNegativeAmount() {
        assertThatThrownBy(() -> AllocationUnits.BYTES.toBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void multiplyScalesTheMultiplier() {
        assertThat(AllocationUnits.BYTES.multiply(BigInteger.valueOf(1024))).isEqualTo(AllocationUnits.KIBIBYTES);
        assertThat(AllocationUnits.parse("MB").multiply(BigInteger.valueOf(1024)).standard()).isTrue();
        assertThatThrownBy(() -> AllocationUnits.BYTES.multiply(BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofRejectsNonPositiveMultiplier() {
        assertThatThrownBy(() -> AllocationUnits.of(Base.BYTE, BigInteger.valueOf(-2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }
}
