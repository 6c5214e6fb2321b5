package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QualifiersTest {

    @Test
    void parsesLengthBoundsSeparatedByWhitespace() {
        Qualifiers q = Qualifiers.parse("MinLen(1) MaxLen(64)");
        assertThat(q.minLen()).hasValue(1);
        assertThat(q.maxLen()).hasValue(64);
        assertThat(q.minValue()).isEmpty();
        assertThat(q.valueMap()).isEmpty();
        assertThat(q.unknown()).isEmpty();
        assertThat(q.isEmpty()).isFalse();
    }

    @Test
    void parsesCommaSeparatedQualifiersAsOvftoolWritesThem() {
        Qualifiers q = Qualifiers.parse("MinLen(0),MaxLen(65535)");
        assertThat(q.minLen()).hasValue(0);
        assertThat(q.maxLen()).hasValue(65535);
    }

    @Test
    void parsesMixedSeparatorsAndSpacesInsideBrackets() {
        Qualifiers q = Qualifiers.parse("  MinLen( 1 ) ,\n MaxLen (8)  ,MinValue(-5),, MaxValue(2.5) ");
        assertThat(q.minLen()).hasValue(1);
        assertThat(q.maxLen()).hasValue(8);
        assertThat(q.minValue()).contains(new BigDecimal("-5"));
        assertThat(q.maxValue()).contains(new BigDecimal("2.5"));
    }

    @Test
    void parsesQuotedValueMap() {
        assertThat(Qualifiers.parse("ValueMap{\"a\",\"b\"}").valueMap()).contains(List.of("a", "b"));
    }

    @Test
    void parsesValueMapValuesContainingCommasSpacesAndBraces() {
        assertThat(Qualifiers.parse("ValueMap{\"a, b\" , \"c d\",\"}{\"}").valueMap())
                .contains(List.of("a, b", "c d", "}{"));
    }

    @Test
    void parsesUnquotedValueMap() {
        assertThat(Qualifiers.parse("ValueMap{1,2,3}").valueMap()).contains(List.of("1", "2", "3"));
        assertThat(Qualifiers.parse("ValueMap{ small medium large }").valueMap())
                .contains(List.of("small", "medium", "large"));
    }

    @Test
    void parsesEscapesAndSingleQuotesInValueMap() {
        assertThat(Qualifiers.parse("ValueMap{\"say \\\"hi\\\"\", 'it\\'s', \"back\\\\slash\"}").valueMap())
                .contains(List.of("say \"hi\"", "it's", "back\\slash"));
    }

    @Test
    void parsesEmptyValueMap() {
        Qualifiers q = Qualifiers.parse("ValueMap{}");
        assertThat(q.valueMap()).contains(List.of());
        assertThat(q.check("x", PropertyType.STRING)).hasSize(1);
    }

    @Test
    void namesAreCaseInsensitive() {
        Qualifiers q = Qualifiers.parse("minlen(2) MAXVALUE(9) valuemap{x}");
        assertThat(q.minLen()).hasValue(2);
        assertThat(q.maxValue()).contains(new BigDecimal("9"));
        assertThat(q.valueMap()).contains(List.of("x"));
    }

    @Test
    void keepsUnknownQualifiersVerbatim() {
        Qualifiers q = Qualifiers.parse("Override(\"x\") Key, MaxLen(3) vmw:Ip('Network 1') Foo{1, 2}");
        assertThat(q.unknown()).containsExactly("Override(\"x\")", "Key", "vmw:Ip('Network 1')", "Foo{1, 2}");
        assertThat(q.maxLen()).hasValue(3);
    }

    @Test
    void unknownQualifierMayContainClosingBracketInsideQuotes() {
        assertThat(Qualifiers.parse("Foo(\")\", (nested)) MinLen(1)").unknown())
                .containsExactly("Foo(\")\", (nested))");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " , ,\n"})
    void blankTextGivesNone(String text) {
        Qualifiers q = Qualifiers.parse(text);
        assertThat(q).isSameAs(Qualifiers.NONE);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.check("anything", PropertyType.STRING)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ValueMap{\"a\",\"b\"|8|unterminated '{'",
        "ValueMap{\"a|9|unterminated quoted string",
        "MinLen(abc)|0|MinLen needs a whole number",
        "MinLen(-1)|0|MinLen needs a whole number",
        "MaxLen(4294967296)|0|MaxLen needs a whole number in 0..4294967295",
        "MinValue(x)|0|MinValue needs a decimal number",
        "MinValue(1e99999999999)|0|MinValue needs a decimal number",
        "MinLen(1) MinLen(2)|10|repeated qualifier MinLen",
        "MinLen(1)MaxLen(2)|9|expected ',' or whitespace between qualifiers",
        "MinLen(1) )|10|expected a qualifier name",
        "MinLen 5|7|expected '(' after MinLen",
        "MinLen(5|6|unterminated '('",
        "ValueMap(1)|8|expected '{' after ValueMap",
        "ValueMap{a\"b\"}|10|inside an unquoted ValueMap value",
        "ValueMap{\"a\"b}|12|expected ',' or '}' after a quoted ValueMap value",
        "Foo(bar|3|unterminated '('"
    })
    void rejectsMalformedTextWithIndex(String text, int index, String problem) {
        assertThatThrownBy(() -> Qualifiers.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(text))
                .hasMessageContaining("at index " + index + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void rejectsTextLongerThanOneMebibyte() {
        assertThatThrownBy(() -> Qualifiers.parse(" ".repeat((1 << 20) + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 1048576")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void acceptsLongRealWorldValueMaps() {
        StringBuilder b = new StringBuilder("ValueMap{");
        for (int i = 0; i < 2000; i++) {
            b.append(i == 0 ? "" : ",").append("\"Zone/").append(i).append('"');
        }
        Qualifiers q = Qualifiers.parse(b.append('}').toString());
        assertThat(q.valueMap()).hasValueSatisfying(v -> assertThat(v).hasSize(2000).contains("Zone/1999"));
    }

    @Test
    void rejectsHostileNestingQuicklyWithShortMessage() {
        String hostile = "Foo" + "(".repeat(4000);
        assertThatThrownBy(() -> Qualifiers.parse(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        String quotes = "ValueMap{" + "\"a\",".repeat(800);
        assertThatThrownBy(() -> Qualifiers.parse(quotes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthsCountCodePoints() {
        Qualifiers q = Qualifiers.parse("MinLen(2) MaxLen(2)");
        assertThat(q.check("\uD83D\uDE00\uD83D\uDE00", PropertyType.STRING)).isEmpty();
        assertThat(q.check("\uD83D\uDE00", PropertyType.STRING)).singleElement().asString()
                .contains("has 1 characters, fewer than MinLen(2)");
    }

    @Test
    void reportsMaxLenViolation() {
        assertThat(Qualifiers.parse("MaxLen(3)").check("abcd", PropertyType.STRING)).singleElement().asString()
                .contains("'abcd'").contains("more than MaxLen(3)");
    }

    @ParameterizedTest
    @CsvSource({"-5, 0", "10.5, 0", "1e1, 0", "0.0, 0", "-5.01, 1", "10.6, 1", "1E2, 1"})
    void comparesValueBoundsAsDecimals(String value, int violations) {
        Qualifiers q = Qualifiers.parse("MinValue(-5) MaxValue(10.5)");
        assertThat(q.check(value, PropertyType.REAL64)).hasSize(violations);
    }

    @Test
    void comparesUint64SizedBoundsExactly() {
        Qualifiers q = Qualifiers.parse("MaxValue(18446744073709551615)");
        assertThat(q.check("18446744073709551615", PropertyType.UINT64)).isEmpty();
        assertThat(q.check("18446744073709551616", PropertyType.UINT64)).singleElement().asString()
                .contains("greater than MaxValue(18446744073709551615)");
    }

    @Test
    void leavesNonNumericValueOfNumericTypeToTheTypeCheck() {
        assertThat(Qualifiers.parse("MinValue(1)").check("abc", PropertyType.UINT8)).isEmpty();
    }

    @Test
    void reportsNonNumericValueOfStringTypeAgainstValueBounds() {
        assertThat(Qualifiers.parse("MinValue(1) MaxValue(5)").check("abc", PropertyType.STRING)).singleElement()
                .asString().contains("'abc' is not a number").contains("MinValue(1) and MaxValue(5)");
    }

    @Test
    void valueMapMembershipIsExact() {
        Qualifiers q = Qualifiers.parse("ValueMap{\"a\",\"b\"}");
        assertThat(q.check("a", PropertyType.STRING)).isEmpty();
        assertThat(q.check("A", PropertyType.STRING)).singleElement().asString()
                .contains("'A' is not one of the ValueMap values {'a', 'b'}");
        assertThat(q.check(" a", PropertyType.STRING)).hasSize(1);
    }

    @Test
    void reportsEveryViolation() {
        Qualifiers q = Qualifiers.parse("MinLen(5) MaxValue(3) ValueMap{1,2}");
        assertThat(q.check("42", PropertyType.UINT8)).hasSize(3);
    }

    @Test
    void canonicalRoundTrips() {
        Qualifiers q = Qualifiers.parse(" valuemap{\"a \\\"q\\\"\", 'b'} maxlen(9) MinValue(1E+3) Key ");
        assertThat(q.canonical()).isEqualTo("MaxLen(9),MinValue(1E+3),ValueMap{\"a \\\"q\\\"\",\"b\"},Key");
        assertThat(Qualifiers.parse(q.canonical())).isEqualTo(q).hasSameHashCodeAs(q);
        assertThat(q).hasToString(q.canonical());
    }
}
