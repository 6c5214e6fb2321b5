package io.ovfkit.ovf.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CIM qualifiers of a ProductSection property ({@code ovf:qualifiers}), which constrain the
 * values a user may enter at deployment.
 *
 * <h2>Syntax</h2>
 * <p>Qualifiers are separated by commas and/or whitespace. Names are case-insensitive.
 * <ul>
 * <li>{@code MinLen(n)}, {@code MaxLen(n)}: length bounds, {@code n} in 0..4294967295;
 * <li>{@code MinValue(x)}, {@code MaxValue(x)}: numeric bounds, {@code x} a decimal number with
 *     optional sign, fraction and exponent;
 * <li>{@code ValueMap{...}}: the allowed values, each double-quoted ({@code "a, b"}; backslash
 *     escapes {@code \"} and {@code \\}), single-quoted, or unquoted ({@code ValueMap{1,2,3}}),
 *     separated by commas and/or whitespace.
 * </ul>
 * <p>Any other qualifier, such as {@code Override("x")} or a bare {@code Key}, is kept verbatim in
 * {@link #unknown()}. Quoted text inside an unknown qualifier's parentheses may contain any
 * character, including {@code )}.
 *
 * <p>Text longer than {@value #MAX_TEXT_LENGTH} characters, unterminated brackets or quotes,
 * arguments of the wrong form, a repeated known qualifier, or two qualifiers without a separator
 * between them raise {@link IllegalArgumentException} with the 0-based index of the problem. The
 * parser is a single left-to-right scan, linear in the input.
 *
 * <p>Instances are immutable; equality compares the parsed constraints and the unknown qualifiers.
 */
public final class Qualifiers {

    /**
     * Longest qualifier text accepted: 1 MiB. Real descriptors need far more than a few KiB (a
     * VMware appliance in the corpus lists every time zone in a 16 KiB {@code ValueMap}); the
     * parser is linear, so the cap only bounds memory.
     */
    public static final int MAX_TEXT_LENGTH = 1 << 20;

    /** Longest value {@link #check} compares numerically. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private static final long MAX_LEN_BOUND = 4294967295L;

    /** No qualifiers. */
    public static final Qualifiers NONE = new Qualifiers(-1, -1, null, null, null, List.of());

    private final long minLen; // -1 when absent
    private final long maxLen; // -1 when absent
    private final BigDecimal minValue;
    private final BigDecimal maxValue;
    private final List<String> valueMap;
    private final List<String> unknown;

    private Qualifiers(long minLen, long maxLen, BigDecimal minValue, BigDecimal maxValue, List<String> valueMap,
            List<String> unknown) {
        this.minLen = minLen;
        this.maxLen = maxLen;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.valueMap = valueMap == null ? null : List.copyOf(valueMap);
        this.unknown = List.copyOf(unknown);
    }

    /**
     * Parses qualifier text.
     *
     * @param text the {@code ovf:qualifiers} value; {@code null} or blank gives {@link #NONE}
     * @return the qualifiers
     * @throws IllegalArgumentException if the text is malformed; the message quotes the text and
     *     gives the 0-based index of the problem
     */
    public static Qualifiers parse(String text) {
        if (text == null) {
            return NONE;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("qualifiers " + Texts.quote(text) + " are longer than "
                    + MAX_TEXT_LENGTH + " characters");
        }
        return new Parser(text).parse();
    }

    /** Minimum length in code points, if given. */
    public OptionalLong minLen() {
        return minLen < 0 ? OptionalLong.empty() : OptionalLong.of(minLen);
    }

    /** Maximum length in code points, if given. */
    public OptionalLong maxLen() {
        return maxLen < 0 ? OptionalLong.empty() : OptionalLong.of(maxLen);
    }

    /** Smallest allowed numeric value, if given. */
    public Optional<BigDecimal> minValue() {
        return Optional.ofNullable(minValue);
    }

    /** Largest allowed numeric value, if given. */
    public Optional<BigDecimal> maxValue() {
        return Optional.ofNullable(maxValue);
    }

    /** The allowed values, if a {@code ValueMap} was given (possibly empty). */
    public Optional<List<String>> valueMap() {
        return Optional.ofNullable(valueMap);
    }

    /** Qualifiers ovfkit does not interpret, verbatim, in order. */
    public List<String> unknown() {
        return unknown;
    }

    /** Whether there are no qualifiers at all. */
    public boolean isEmpty() {
        return minLen < 0 && maxLen < 0 && minValue == null && maxValue == null && valueMap == null
                && unknown.isEmpty();
    }

    /**
     * The ways {@code value} breaks these qualifiers.
     *
     * <ul>
     * <li>{@code MinLen}/{@code MaxLen} count Unicode code points of the value as given.
     * <li>{@code MinValue}/{@code MaxValue} compare the value (surrounding XML whitespace ignored)
     *     as a {@link BigDecimal}. For a numeric {@code type} a value that is not a number is left
     *     to {@link PropertyType#check(String)} and not reported here; for other types it is
     *     reported, since the bound cannot be met.
     * <li>{@code ValueMap} requires exact, case-sensitive membership.
     * </ul>
     * This method does not repeat {@link PropertyType#check(String)}; call both.
     *
     * @param value the property value
     * @param type the property type
     * @return the violations, each a sentence quoting the value; empty when it complies
     */
    public List<String> check(String value, PropertyType type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        List<String> out = new ArrayList<>();
        if (minLen >= 0 || maxLen >= 0) {
            long len = value.codePointCount(0, value.length());
            if (minLen >= 0 && len < minLen) {
                out.add("value " + Texts.quote(value) + " has " + len + " characters, fewer than MinLen(" + minLen + ")");
            }
            if (maxLen >= 0 && len > maxLen) {
                out.add("value " + Texts.quote(value) + " has " + len + " characters, more than MaxLen(" + maxLen + ")");
            }
        }
        if (minValue != null || maxValue != null) {
            String t = Texts.trimXml(value);
            BigDecimal v = null;
            if (t.length() <= MAX_NUMBER_LENGTH && Texts.isDecimalNumber(t, true)) {
                try {
                    v = new BigDecimal(t);
                } catch (NumberFormatException e) {
                    v = null; // exponent beyond int range
                }
            }
            if (v == null) {
                if (!type.kind().isNumeric()) {
                    out.add("value " + Texts.quote(value) + " is not a number, so it cannot satisfy "
                            + boundsText());
                }
            } else {
                if (minValue != null && v.compareTo(minValue) < 0) {
                    out.add("value " + Texts.quote(value) + " is less than MinValue(" + minValue + ")");
                }
                if (maxValue != null && v.compareTo(maxValue) > 0) {
                    out.add("value " + Texts.quote(value) + " is greater than MaxValue(" + maxValue + ")");
                }
            }
        }
        if (valueMap != null && !valueMap.contains(value)) {
            out.add("value " + Texts.quote(value) + " is not one of the ValueMap values " + valueMapText());
        }
        return out;
    }

    private String boundsText() {
        StringBuilder b = new StringBuilder();
        if (minValue != null) {
            b.append("MinValue(").append(minValue).append(')');
        }
        if (maxValue != null) {
            b.append(b.length() > 0 ? " and " : "").append("MaxValue(").append(maxValue).append(')');
        }
        return b.toString();
    }

    private String valueMapText() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < valueMap.size(); i++) {
            if (b.length() > 200) {
                b.append(", ... (").append(valueMap.size()).append(" values)");
                break;
            }
            b.append(i == 0 ? "" : ", ").append(Texts.quote(valueMap.get(i)));
        }
        return b.append('}').toString();
    }

    /**
     * The qualifiers in the form to write, comma-separated as ovftool writes them, known ones
     * first: {@code MinLen(1),MaxLen(64),MinValue(0),MaxValue(10),ValueMap{"a","b"}}, then the
     * unknown ones verbatim. {@link #parse(String)} reads it back to an equal value.
     */
    public String canonical() {
        List<String> parts = new ArrayList<>();
        if (minLen >= 0) {
            parts.add("MinLen(" + minLen + ")");
        }
        if (maxLen >= 0) {
            parts.add("MaxLen(" + maxLen + ")");
        }
        if (minValue != null) {
            parts.add("MinValue(" + minValue + ")");
        }
        if (maxValue != null) {
            parts.add("MaxValue(" + maxValue + ")");
        }
        if (valueMap != null) {
            StringBuilder b = new StringBuilder("ValueMap{");
            for (int i = 0; i < valueMap.size(); i++) {
                b.append(i == 0 ? "" : ",").append('"');
                String v = valueMap.get(i);
                for (int j = 0; j < v.length(); j++) {
                    char c = v.charAt(j);
                    if (c == '"' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            }
            parts.add(b.append('}').toString());
        }
        parts.addAll(unknown);
        return String.join(",", parts);
    }

    /** Value equality; see the class description. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Qualifiers q && q.minLen == minLen && q.maxLen == maxLen
                && Objects.equals(q.minValue, minValue) && Objects.equals(q.maxValue, maxValue)
                && Objects.equals(q.valueMap, valueMap) && q.unknown.equals(unknown);
    }

    /** A hash code consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(minLen, maxLen, minValue, maxValue, valueMap, unknown);
    }

    /** {@link #canonical()}. */
    @Override
    public String toString() {
        return canonical();
    }

    /** Single-pass scanner over the qualifier text. */
    private static final class Parser {
        private final String s;
        private int pos;
        private long minLen = -1;
        private long maxLen = -1;
        private BigDecimal minValue;
        private BigDecimal maxValue;
        private List<String> valueMap;
        private final List<String> unknown = new ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        Qualifiers parse() {
            boolean needSeparator = false;
            while (true) {
                int before = pos;
                skipSeparators();
                if (pos >= s.length()) {
                    break;
                }
                if (needSeparator && pos == before) {
                    throw error("expected ',' or whitespace between qualifiers", pos);
                }
                qualifier();
                needSeparator = true;
            }
            if (minLen < 0 && maxLen < 0 && minValue == null && maxValue == null && valueMap == null
                    && unknown.isEmpty()) {
                return NONE;
            }
            return new Qualifiers(minLen, maxLen, minValue, maxValue, valueMap, unknown);
        }

        private void qualifier() {
            int start = pos;
            while (pos < s.length() && isNameChar(s.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a qualifier name, found " + Texts.quote(String.valueOf(s.charAt(pos))), pos);
            }
            String name = s.substring(start, pos);
            String lower = name.toLowerCase(Locale.ROOT);
            int afterName = pos;
            skipSpaces();
            char open = pos < s.length() ? s.charAt(pos) : 0;
            switch (lower) {
                case "minlen", "maxlen" -> {
                    String arg = parenArgument(name, open);
                    long n = lengthBound(name, arg, start);
                    if (lower.equals("minlen")) {
                        duplicate(minLen >= 0, name, start);
                        minLen = n;
                    } else {
                        duplicate(maxLen >= 0, name, start);
                        maxLen = n;
                    }
                }
                case "minvalue", "maxvalue" -> {
                    String arg = parenArgument(name, open);
                    BigDecimal v = valueBound(name, arg, start);
                    if (lower.equals("minvalue")) {
                        duplicate(minValue != null, name, start);
                        minValue = v;
                    } else {
                        duplicate(maxValue != null, name, start);
                        maxValue = v;
                    }
                }
                case "valuemap" -> {
                    if (open != '{') {
                        throw error("expected '{' after " + name, pos);
                    }
                    duplicate(valueMap != null, name, start);
                    pos++;
                    valueMap = list(pos - 1);
                }
                default -> {
                    if (open == '(' || open == '{') {
                        skipBracketed(open == '(' ? ')' : '}');
                    } else {
                        pos = afterName;
                    }
                    unknown.add(s.substring(start, pos));
                }
            }
        }

        private String parenArgument(String name, char open) {
            if (open != '(') {
                throw error("expected '(' after " + name, pos);
            }
            int openAt = pos;
            pos++;
            int close = s.indexOf(')', pos);
            if (close < 0) {
                throw error("unterminated '(' of " + name, openAt);
            }
            String arg = Texts.trimXml(s.substring(pos, close));
            pos = close + 1;
            return arg;
        }

        private long lengthBound(String name, String arg, int at) {
            String digits = Texts.isDigits(arg) ? Texts.stripLeadingZeros(arg) : null;
            if (digits == null || digits.length() > 10 || Long.parseLong(digits) > MAX_LEN_BOUND) {
                throw error(name + " needs a whole number in 0.." + MAX_LEN_BOUND + ", found "
                        + Texts.quote(arg), at);
            }
            return Long.parseLong(digits);
        }

        private BigDecimal valueBound(String name, String arg, int at) {
            if (arg.length() <= MAX_NUMBER_LENGTH && Texts.isDecimalNumber(arg, true)) {
                try {
                    return new BigDecimal(arg);
                } catch (NumberFormatException e) {
                    // exponent out of int range; reported below
                }
            }
            throw error(name + " needs a decimal number such as 0, -5 or 2.5, found " + Texts.quote(arg), at);
        }

        private void duplicate(boolean seen, String name, int at) {
            if (seen) {
                throw error("repeated qualifier " + name, at);
            }
        }

        /** Reads ValueMap entries after '{' up to and including '}'. */
        private List<String> list(int openAt) {
            List<String> items = new ArrayList<>();
            while (true) {
                while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
                    pos++;
                }
                if (pos >= s.length()) {
                    throw error("unterminated '{' of ValueMap", openAt);
                }
                char c = s.charAt(pos);
                if (c == '}') {
                    pos++;
                    return items;
                }
                if (c == '"' || c == '\'') {
                    items.add(quoted());
                    if (pos < s.length() && !isListDelimiter(s.charAt(pos))) {
                        throw error("expected ',' or '}' after a quoted ValueMap value", pos);
                    }
                } else {
                    int start = pos;
                    while (pos < s.length() && !isListDelimiter(s.charAt(pos))) {
                        char d = s.charAt(pos);
                        if (d == '"' || d == '\'' || d == '{') {
                            throw error("unexpected " + Texts.quote(String.valueOf(d))
                                    + " inside an unquoted ValueMap value", pos);
                        }
                        pos++;
                    }
                    items.add(s.substring(start, pos));
                }
            }
        }

        private static boolean isListDelimiter(char c) {
            return c == ',' || c == '}' || Character.isWhitespace(c);
        }

        /** Reads a quoted string starting at the quote; returns its unescaped content. */
        private String quoted() {
            char q = s.charAt(pos);
            int openAt = pos;
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == q) {
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw error("unterminated quoted string", openAt);
        }

        /** Skips a bracketed argument of an unknown qualifier, honouring quotes and nesting. */
        private void skipBracketed(char close) {
            char open = s.charAt(pos);
            int openAt = pos;
            int depth = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"' || c == '\'') {
                    quoted();
                    continue;
                }
                pos++;
                if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                    if (depth == 0) {
                        return;
                    }
                }
            }
            throw error("unterminated '" + open + "'", openAt);
        }

        private void skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
                pos++;
            }
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isNameChar(char c, boolean first) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (first) {
                return letter;
            }
            return letter || (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '-';
        }

        private IllegalArgumentException error(String what, int at) {
            return new IllegalArgumentException("qualifiers " + Texts.quote(s) + " are malformed at index " + at
                    + ": " + what + "; expected qualifiers such as 'MinLen(1), MaxLen(64), ValueMap{\"a\",\"b\"}'");
        }
    }
}
