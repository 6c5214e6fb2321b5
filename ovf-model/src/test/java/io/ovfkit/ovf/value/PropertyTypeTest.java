package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.value.PropertyType.Kind;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64", "sint64", "real32",
        "real64", "boolean", "string"})
    void parsesEveryStandardTypeExactly(String text) {
        PropertyType t = PropertyType.parse(text);
        assertThat(t.known()).isTrue();
        assertThat(t.standard()).isTrue();
        assertThat(t.exactSpelling()).isTrue();
        assertThat(t.canonical()).isEqualTo(text);
        assertThat(t.kind().ovfName()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"String, STRING", "Boolean, BOOLEAN", "UINT32, UINT32", "Real64, REAL64"})
    void parsesCaseInsensitivelyAndFlagsTheSpelling(String text, Kind kind) {
        PropertyType t = PropertyType.parse(text);
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.standard()).isTrue();
        assertThat(t.exactSpelling()).isFalse();
        assertThat(t.text()).isEqualTo(text);
        assertThat(t).isEqualTo(PropertyType.of(kind));
    }

    @Test
    void trimsWhitespaceButFlagsTheSpelling() {
        PropertyType t = PropertyType.parse(" uint8\n");
        assertThat(t.kind()).isEqualTo(Kind.UINT8);
        assertThat(t.exactSpelling()).isFalse();
    }

    @Test
    void intAliasReadsAsSint32() {
        PropertyType t = PropertyType.parse("int");
        assertThat(t.kind()).isEqualTo(Kind.SINT32);
        assertThat(t.known()).isTrue();
        assertThat(t.exactSpelling()).isFalse();
        assertThat(t.canonical()).isEqualTo("sint32");
    }

    @Test
    void realAliasReadsAsReal64() {
        PropertyType t = PropertyType.parse("real");
        assertThat(t.kind()).isEqualTo(Kind.REAL64);
        assertThat(t.exactSpelling()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"password, PASSWORD", "ip, IP", "expression, EXPRESSION"})
    void vmwareTypesAreKnownButNotStandard(String text, Kind kind) {
        PropertyType t = PropertyType.parse(text);
        assertThat(t.kind()).isEqualTo(kind);
        assertThat(t.known()).isTrue();
        assertThat(t.standard()).isFalse();
        assertThat(t.exactSpelling()).isTrue();
    }

    @Test
    void ipWithNetworkKeepsTheNetworkName() {
        PropertyType t = PropertyType.parse("ip:VM Network");
        assertThat(t.kind()).isEqualTo(Kind.IP);
        assertThat(t.network()).contains("VM Network");
        assertThat(t.canonical()).isEqualTo("ip:VM Network");
        assertThat(t.exactSpelling()).isTrue();
        assertThat(t).isEqualTo(PropertyType.ip("VM Network"));
        assertThat(PropertyType.parse("IP:net").exactSpelling()).isFalse();
        assertThat(PropertyType.parse("ip:").network()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "", "uint128", "long"})
    void unknownTypeIsStringFlaggedUnknown(String text) {
        PropertyType t = PropertyType.parse(text);
        assertThat(t.kind()).isEqualTo(Kind.STRING);
        assertThat(t.known()).isFalse();
        assertThat(t.standard()).isFalse();
        assertThat(t.exactSpelling()).isFalse();
        assertThat(t.text()).isEqualTo(text);
        assertThat(t).isNotEqualTo(PropertyType.STRING);
        assertThat(t.check("anything")).isEmpty();
    }

    @Test
    void parseRejectsNullAndOverlongText() {
        assertThatThrownBy(() -> PropertyType.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uint8");
        assertThatThrownBy(() -> PropertyType.parse("x".repeat(5000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 4096");
    }

    @Test
    void uint64AcceptsItsMaximum() {
        assertThat(PropertyType.UINT64.check("18446744073709551615")).isEmpty();
        assertThat(PropertyType.UINT64.maxValue()).contains(new BigInteger("18446744073709551615"));
    }

    @Test
    void uint64RejectsMaximumPlusOne() {
        assertThat(PropertyType.UINT64.check("18446744073709551616")).hasValueSatisfying(r -> assertThat(r)
                .contains("'18446744073709551616'").contains("out of range for uint64")
                .contains("0..18446744073709551615"));
    }

    @Test
    void sint8RejectsMinus129() {
        assertThat(PropertyType.SINT8.check("-129")).hasValueSatisfying(r -> assertThat(r)
                .contains("'-129'").contains("-128..127"));
        assertThat(PropertyType.SINT8.check("-128")).isEmpty();
        assertThat(PropertyType.SINT8.check("127")).isEmpty();
        assertThat(PropertyType.SINT8.check("128")).isPresent();
    }

    @Test
    void unsignedTypesRejectNegativeValues() {
        assertThat(PropertyType.UINT8.check("-1")).isPresent();
        assertThat(PropertyType.UINT8.check("-0")).isEmpty();
    }

    @Test
    void integersAcceptSignAndSurroundingWhitespace() {
        assertThat(PropertyType.SINT32.check("+42")).isEmpty();
        assertThat(PropertyType.SINT32.check(" 42\n")).isEmpty();
        assertThat(PropertyType.SINT64.check("-9223372036854775808")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1.5, not a whole number", "1e3, not a whole number", "abc, not a number", "0x10, not a number",
        "'1 2', not a number", "--1, not a number"})
    void integersRejectNonIntegers(String value, String reason) {
        assertThat(PropertyType.UINT32.check(value)).hasValueSatisfying(r -> assertThat(r)
                .contains(Texts.quote(value)).contains(reason).contains("uint32 expects a whole number"));
    }

    @Test
    void numbersAndBooleansReportEmptyValue() {
        assertThat(PropertyType.UINT8.check("")).hasValueSatisfying(r -> assertThat(r).startsWith("empty value"));
        assertThat(PropertyType.REAL64.check(" ")).hasValueSatisfying(r -> assertThat(r).startsWith("empty value"));
        assertThat(PropertyType.BOOLEAN.check("")).hasValueSatisfying(r -> assertThat(r).startsWith("empty value"));
    }

    @Test
    void stringLikeTypesAcceptEmptyValue() {
        assertThat(PropertyType.STRING.check("")).isEmpty();
        assertThat(PropertyType.PASSWORD.check("")).isEmpty();
        assertThat(PropertyType.EXPRESSION.check("")).isEmpty();
        assertThat(PropertyType.IP.check("")).isEmpty();
    }

    @Test
    void nullValueIsReported() {
        assertThat(PropertyType.STRING.check(null)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "TRUE", "False", " true "})
    void booleanAcceptsTrueAndFalseInAnyCase(String value) {
        assertThat(PropertyType.BOOLEAN.check(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "yes", "t"})
    void booleanRejectsOtherWords(String value) {
        assertThat(PropertyType.BOOLEAN.check(value)).hasValueSatisfying(r -> assertThat(r)
                .contains(Texts.quote(value)).contains("true or false"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-2.5E10", "0", ".5", "5.", "+1e-3", "3.4028234e38"})
    void realsAcceptFiniteDecimals(String value) {
        assertThat(PropertyType.REAL32.check(value)).isEmpty();
        assertThat(PropertyType.REAL64.check(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "INF", "-INF", "Infinity"})
    void realsRejectNonFiniteValues(String value) {
        assertThat(PropertyType.REAL64.check(value)).hasValueSatisfying(r -> assertThat(r).contains("not finite"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "1f", "1d", "1e", ".", "e5", "1,5"})
    void realsRejectJavaOnlyAndMalformedForms(String value) {
        assertThat(PropertyType.REAL64.check(value)).hasValueSatisfying(r -> assertThat(r).contains("not a number"));
    }

    @Test
    void real32RejectsValuesBeyondSinglePrecision() {
        assertThat(PropertyType.REAL32.check("1e39")).hasValueSatisfying(r -> assertThat(r)
                .contains("out of range for real32"));
        assertThat(PropertyType.REAL64.check("1e39")).isEmpty();
        assertThat(PropertyType.REAL64.check("1e309")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::", "::ffff:192.0.2.128", "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:1.2.3.4", "ABCD:EF01::"})
    void ipAcceptsIpv4AndIpv6Literals(String value) {
        assertThat(PropertyType.IP.check(value)).isEmpty();
        assertThat(PropertyType.ip("VM Network").check(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "example.com", "fe80::1%eth0", "[::1]",
        "1::2::3", "12345::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::1.2.3", "1.2.3.4::",
        "::g", " 1.2.3.4", "１.2.3.4", "192.0.2.1/24"})
    void ipRejectsNonLiterals(String value) {
        assertThat(PropertyType.IP.check(value)).hasValueSatisfying(r -> assertThat(r)
                .contains("not an IP address"));
    }

    @Test
    void hostileLongNumbersAreRejectedQuickly() {
        String hostile = "1".repeat(1_000_000);
        assertThat(PropertyType.UINT64.check(hostile)).hasValueSatisfying(r -> assertThat(r)
                .contains("too long").hasSizeLessThan(300));
        assertThat(PropertyType.REAL64.check(hostile)).isPresent();
        assertThat(PropertyType.IP.check(hostile)).isPresent();
    }

    @Test
    void rangesExistOnlyForIntegers() {
        assertThat(PropertyType.SINT16.minValue()).contains(BigInteger.valueOf(-32768));
        assertThat(PropertyType.REAL32.minValue()).isEmpty();
        assertThat(PropertyType.STRING.maxValue()).isEmpty();
        assertThat(Kind.UINT8.isInteger()).isTrue();
        assertThat(Kind.REAL32.isNumeric()).isTrue();
        assertThat(Kind.BOOLEAN.isNumeric()).isFalse();
    }

    @Test
    void ipFactoryRejectsEmptyNetwork() {
        assertThatThrownBy(() -> PropertyType.ip("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ip:<network>");
    }
}
