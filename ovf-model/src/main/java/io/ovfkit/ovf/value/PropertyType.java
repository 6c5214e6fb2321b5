package io.ovfkit.ovf.value;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a ProductSection {@code Property} ({@code ovf:type}): the twelve CIM intrinsic types
 * OVF allows, VMware's extra vApp types, or an unknown type treated as a string.
 *
 * <h2>Reading</h2>
 * <p>{@link #parse(String)} is case-insensitive and ignores surrounding XML whitespace, recording
 * how the text deviated so that a caller can warn:
 * <ul>
 * <li>{@link #known()}: the text named a type ovfkit understands. Unknown text (including the
 *     empty string) yields a {@link Kind#STRING} type with {@code known() == false}.
 * <li>{@link #standard()}: the type is one of the OVF/CIM types {@code uint8 sint8 uint16 sint16
 *     uint32 sint32 uint64 sint64 real32 real64 boolean string}; {@code false} for VMware's
 *     {@code password}, {@code ip}, {@code ip:<network>}, {@code expression} and for unknown text.
 * <li>{@link #exactSpelling()}: the text was exactly {@link #canonical()}; {@code false} for
 *     {@code String}, {@code Boolean}, {@code " uint8"} and for the aliases below.
 * </ul>
 * <p>Aliases seen in the wild: {@code int} reads as {@link Kind#SINT32} (VMware's vApp {@code int}
 * is a 32-bit signed integer, and so is C's and Java's) and {@code real} as {@link Kind#REAL64}
 * (VMware's vApp {@code real}; the wider of the two CIM reals loses nothing).
 *
 * <h2>Checking values</h2>
 * <p>{@link #check(String)} tells why a value does not fit. Integers are decimal with an optional
 * sign and are range-checked exactly (so {@code uint64} accepts 18446744073709551615); reals must
 * be finite decimal numbers with an optional exponent ({@code INF}, {@code NaN} and Java-only forms
 * such as {@code 0x1p3} are refused) that stay finite in the type's precision; booleans are
 * {@code true} or {@code false} in any case (CIM literals are case-insensitive; {@code 1}, {@code 0},
 * {@code yes} are refused because OVF environment consumers expect the words); {@code ip} values
 * are IPv4 dotted quads (no leading zeros) or IPv6 literals (no zone, no brackets), parsed without
 * any name lookup. Numbers and booleans may carry surrounding XML whitespace (XML Schema collapses
 * it for these types). An empty value is fine for string-like types ({@code string},
 * {@code password}, {@code expression}, {@code ip}, where VMware reads empty as "not set", and
 * unknown types) and reported for numbers and booleans.
 *
 * <p>Instances are immutable. Equality compares kind, network and, for unknown types, the text.
 */
public final class PropertyType {

    /** Longest type text accepted by {@link #parse(String)}. */
    public static final int MAX_TEXT_LENGTH = 4096;

    /** Longest numeric value {@link #check(String)} will look at. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** The kinds of property types. */
    public enum Kind {
        /** {@code uint8}: 0..255. */
        UINT8("uint8", true, BigInteger.ZERO, BigInteger.valueOf(255)),
        /** {@code sint8}: -128..127. */
        SINT8("sint8", true, BigInteger.valueOf(-128), BigInteger.valueOf(127)),
        /** {@code uint16}: 0..65535. */
        UINT16("uint16", true, BigInteger.ZERO, BigInteger.valueOf(65535)),
        /** {@code sint16}: -32768..32767. */
        SINT16("sint16", true, BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)),
        /** {@code uint32}: 0..4294967295. */
        UINT32("uint32", true, BigInteger.ZERO, BigInteger.valueOf(4294967295L)),
        /** {@code sint32}: -2147483648..2147483647. */
        SINT32("sint32", true, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)),
        /** {@code uint64}: 0..18446744073709551615. */
        UINT64("uint64", true, BigInteger.ZERO, BigInteger.TWO.pow(64).subtract(BigInteger.ONE)),
        /** {@code sint64}: -9223372036854775808..9223372036854775807. */
        SINT64("sint64", true, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)),
        /** {@code real32}: IEEE 754 single precision, finite. */
        REAL32("real32", true, null, null),
        /** {@code real64}: IEEE 754 double precision, finite. */
        REAL64("real64", true, null, null),
        /** {@code boolean}: {@code true} or {@code false}. */
        BOOLEAN("boolean", true, null, null),
        /** {@code string}: any text. */
        STRING("string", true, null, null),
        /** VMware {@code password}: a string the UI masks. */
        PASSWORD("password", false, null, null),
        /** VMware {@code ip} or {@code ip:<network>}: an IPv4 or IPv6 address. */
        IP("ip", false, null, null),
        /** VMware {@code expression}: a string VMware evaluates at deployment. */
        EXPRESSION("expression", false, null, null);

        private final String ovfName;
        private final boolean standard;
        private final BigInteger min;
        private final BigInteger max;

        Kind(String ovfName, boolean standard, BigInteger min, BigInteger max) {
            this.ovfName = ovfName;
            this.standard = standard;
            this.min = min;
            this.max = max;
        }

        /** The spelling in {@code ovf:type}, such as {@code uint8}. */
        public String ovfName() {
            return ovfName;
        }

        /** Whether this is one of the twelve OVF/CIM types. */
        public boolean standard() {
            return standard;
        }

        /** Whether this is an integer kind. */
        public boolean isInteger() {
            return min != null;
        }

        /** Whether this is {@link #REAL32} or {@link #REAL64}. */
        public boolean isReal() {
            return this == REAL32 || this == REAL64;
        }

        /** Whether this is an integer or real kind. */
        public boolean isNumeric() {
            return isInteger() || isReal();
        }
    }

    /** {@code uint8}. */
    public static final PropertyType UINT8 = new PropertyType(Kind.UINT8, null, "uint8", true, true);
    /** {@code sint8}. */
    public static final PropertyType SINT8 = new PropertyType(Kind.SINT8, null, "sint8", true, true);
    /** {@code uint16}. */
    public static final PropertyType UINT16 = new PropertyType(Kind.UINT16, null, "uint16", true, true);
    /** {@code sint16}. */
    public static final PropertyType SINT16 = new PropertyType(Kind.SINT16, null, "sint16", true, true);
    /** {@code uint32}. */
    public static final PropertyType UINT32 = new PropertyType(Kind.UINT32, null, "uint32", true, true);
    /** {@code sint32}. */
    public static final PropertyType SINT32 = new PropertyType(Kind.SINT32, null, "sint32", true, true);
    /** {@code uint64}. */
    public static final PropertyType UINT64 = new PropertyType(Kind.UINT64, null, "uint64", true, true);
    /** {@code sint64}. */
    public static final PropertyType SINT64 = new PropertyType(Kind.SINT64, null, "sint64", true, true);
    /** {@code real32}. */
    public static final PropertyType REAL32 = new PropertyType(Kind.REAL32, null, "real32", true, true);
    /** {@code real64}. */
    public static final PropertyType REAL64 = new PropertyType(Kind.REAL64, null, "real64", true, true);
    /** {@code boolean}. */
    public static final PropertyType BOOLEAN = new PropertyType(Kind.BOOLEAN, null, "boolean", true, true);
    /** {@code string}. */
    public static final PropertyType STRING = new PropertyType(Kind.STRING, null, "string", true, true);
    /** VMware {@code password}. */
    public static final PropertyType PASSWORD = new PropertyType(Kind.PASSWORD, null, "password", true, true);
    /** VMware {@code ip} without a network. */
    public static final PropertyType IP = new PropertyType(Kind.IP, null, "ip", true, true);
    /** VMware {@code expression}. */
    public static final PropertyType EXPRESSION = new PropertyType(Kind.EXPRESSION, null, "expression", true, true);

    private static final Map<String, Kind> BY_NAME = Map.ofEntries(
            Map.entry("uint8", Kind.UINT8), Map.entry("sint8", Kind.SINT8),
            Map.entry("uint16", Kind.UINT16), Map.entry("sint16", Kind.SINT16),
            Map.entry("uint32", Kind.UINT32), Map.entry("sint32", Kind.SINT32),
            Map.entry("uint64", Kind.UINT64), Map.entry("sint64", Kind.SINT64),
            Map.entry("real32", Kind.REAL32), Map.entry("real64", Kind.REAL64),
            Map.entry("boolean", Kind.BOOLEAN), Map.entry("string", Kind.STRING),
            Map.entry("password", Kind.PASSWORD), Map.entry("ip", Kind.IP),
            Map.entry("expression", Kind.EXPRESSION),
            // aliases
            Map.entry("int", Kind.SINT32), Map.entry("real", Kind.REAL64));

    private final Kind kind;
    private final String network;
    private final String text;
    private final boolean known;
    private final boolean exactSpelling;

    private PropertyType(Kind kind, String network, String text, boolean known, boolean exactSpelling) {
        this.kind = kind;
        this.network = network;
        this.text = text;
        this.known = known;
        this.exactSpelling = exactSpelling;
    }

    /**
     * The type of a kind, spelled canonically. For {@link Kind#IP} this is {@code ip} without a
     * network; see {@link #ip(String)}.
     *
     * @param kind the kind
     * @return the type
     */
    public static PropertyType of(Kind kind) {
        Objects.requireNonNull(kind, "kind");
        return new PropertyType(kind, null, kind.ovfName(), true, true);
    }

    /**
     * VMware's {@code ip:<network>}: an IP address on the named network.
     *
     * @param network the network name, non-empty
     * @return the type
     * @throws IllegalArgumentException if {@code network} is empty or too long
     */
    public static PropertyType ip(String network) {
        Objects.requireNonNull(network, "network");
        if (network.isEmpty() || network.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the network of an 'ip:<network>' property type must have 1.."
                    + MAX_TEXT_LENGTH + " characters, got " + Texts.quote(network));
        }
        return new PropertyType(Kind.IP, network, "ip:" + network, true, true);
    }

    /**
     * Reads {@code ovf:type}; never fails for unknown text, which becomes an unknown string type.
     *
     * @param text the attribute value
     * @return the type, with {@link #known()}, {@link #standard()} and {@link #exactSpelling()}
     *     describing the text
     * @throws IllegalArgumentException if {@code text} is null or longer than
     *     {@value #MAX_TEXT_LENGTH} characters
     */
    public static PropertyType parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("property type missing: expected one of uint8, sint8, uint16, sint16,"
                    + " uint32, sint32, uint64, sint64, real32, real64, boolean, string");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("property type " + Texts.quote(text) + " is longer than "
                    + MAX_TEXT_LENGTH + " characters; expected a type such as 'string' or 'uint32'");
        }
        String t = Texts.trimXml(text);
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ip:")) {
            String net = t.substring(3);
            boolean exact = !net.isEmpty() && text.equals("ip:" + net);
            return new PropertyType(Kind.IP, net.isEmpty() ? null : net, text, true, exact);
        }
        Kind k = BY_NAME.get(lower);
        if (k == null) {
            return new PropertyType(Kind.STRING, null, text, false, false);
        }
        return new PropertyType(k, null, text, true, text.equals(k.ovfName()));
    }

    /** The kind; {@link Kind#STRING} for unknown types. */
    public Kind kind() {
        return kind;
    }

    /** The network of {@code ip:<network>}, or empty. */
    public Optional<String> network() {
        return Optional.ofNullable(network);
    }

    /** The text this type was parsed from, or {@link #canonical()} for types made in code. */
    public String text() {
        return text;
    }

    /** Whether the text named a type ovfkit understands. */
    public boolean known() {
        return known;
    }

    /** Whether the type is one of the twelve OVF/CIM types (and was known). */
    public boolean standard() {
        return known && kind.standard();
    }

    /** Whether the text was exactly the canonical spelling. */
    public boolean exactSpelling() {
        return exactSpelling;
    }

    /**
     * The spelling to write: {@code uint8} ... {@code string}, {@code password}, {@code ip},
     * {@code ip:<network>}, {@code expression}; {@code string} for unknown types.
     */
    public String canonical() {
        return network != null ? "ip:" + network : kind.ovfName();
    }

    /** Smallest value of an integer type, or empty for other kinds. */
    public Optional<BigInteger> minValue() {
        return Optional.ofNullable(kind.min);
    }

    /** Largest value of an integer type, or empty for other kinds. */
    public Optional<BigInteger> maxValue() {
        return Optional.ofNullable(kind.max);
    }

    /**
     * Why {@code value} does not fit this type, if it does not.
     *
     * @param value a property value
     * @return empty when the value fits, else a sentence quoting the value and saying what was
     *     expected
     */
    public Optional<String> check(String value) {
        if (value == null) {
            return Optional.of("no value given; " + expectation());
        }
        switch (kind) {
            case STRING, PASSWORD, EXPRESSION:
                return Optional.empty();
            case IP:
                if (value.isEmpty() || isIpv4(value) || isIpv6(value)) {
                    return Optional.empty();
                }
                return Optional.of("value " + Texts.quote(value) + " is not an IP address; " + expectation());
            case BOOLEAN: {
                String t = Texts.trimXml(value);
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Optional.empty();
                }
                return Optional.of((t.isEmpty() ? "empty value" : "value " + Texts.quote(value) + " is not a boolean")
                        + "; " + expectation());
            }
            default:
                return kind.isInteger() ? checkInteger(value) : checkReal(value);
        }
    }

    private Optional<String> checkInteger(String value) {
        if (value.length() > MAX_NUMBER_LENGTH) {
            return Optional.of("value " + Texts.quote(value) + " is too long to be a number; " + expectation());
        }
        String t = Texts.trimXml(value);
        if (t.isEmpty()) {
            return Optional.of("empty value; " + expectation());
        }
        if (!Texts.isSignedDigits(t)) {
            String what = Texts.isDecimalNumber(t, true) ? "is not a whole number" : "is not a number";
            return Optional.of("value " + Texts.quote(value) + " " + what + "; " + expectation());
        }
        BigInteger v = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        if (v.compareTo(kind.min) < 0 || v.compareTo(kind.max) > 0) {
            return Optional.of("value " + Texts.quote(value) + " is out of range for " + kind.ovfName() + " ("
                    + kind.min + ".." + kind.max + ")");
        }
        return Optional.empty();
    }

    private Optional<String> checkReal(String value) {
        if (value.length() > MAX_NUMBER_LENGTH) {
            return Optional.of("value " + Texts.quote(value) + " is too long to be a number; " + expectation());
        }
        String t = Texts.trimXml(value);
        if (t.isEmpty()) {
            return Optional.of("empty value; " + expectation());
        }
        if (!Texts.isDecimalNumber(t, true)) {
            String lower = t.toLowerCase(Locale.ROOT);
            boolean nonFinite = lower.equals("nan") || lower.endsWith("inf") || lower.endsWith("infinity");
            return Optional.of("value " + Texts.quote(value) + (nonFinite ? " is not finite" : " is not a number")
                    + "; " + expectation());
        }
        boolean finite = kind == Kind.REAL32 ? Float.isFinite(Float.parseFloat(t)) : Double.isFinite(Double.parseDouble(t));
        if (!finite) {
            return Optional.of("value " + Texts.quote(value) + " is out of range for " + kind.ovfName()
                    + " (its magnitude exceeds " + (kind == Kind.REAL32 ? Float.MAX_VALUE : Double.MAX_VALUE) + ")");
        }
        return Optional.empty();
    }

    private String expectation() {
        if (kind.isInteger()) {
            return kind.ovfName() + " expects a whole number in " + kind.min + ".." + kind.max;
        }
        return switch (kind) {
            case REAL32, REAL64 -> kind.ovfName() + " expects a finite decimal number such as 1.5 or -2E3";
            case BOOLEAN -> "boolean expects true or false";
            case IP -> canonical() + " expects an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1";
            default -> canonical() + " accepts any text";
        };
    }

    /**
     * Whether {@code s} is an IPv4 address in dotted-quad form: four decimal parts 0..255 without
     * leading zeros. No name lookup.
     *
     * @param s any text
     * @return the answer
     */
    public static boolean isIpv4(String s) {
        if (s == null || s.length() < 7 || s.length() > 15) {
            return false;
        }
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            int v = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /**
     * Whether {@code s} is an IPv6 address in RFC 4291 text form: eight groups of 1-4 hex digits,
     * at most one {@code ::}, optionally ending in an IPv4 dotted quad. Zones ({@code %eth0}),
     * brackets and prefix lengths are refused. No name lookup.
     *
     * @param s any text
     * @return the answer
     */
    public static boolean isIpv6(String s) {
        if (s == null || s.length() < 2 || s.length() > 45) {
            return false;
        }
        int dc = s.indexOf("::");
        if (dc < 0) {
            return groups(s, true) == 8;
        }
        if (s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        int head = groups(s.substring(0, dc), false);
        int tail = groups(s.substring(dc + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /** Number of 16-bit groups in a colon-separated part, or -1 if malformed. */
    private static int groups(String part, boolean ipv4AllowedAtEnd) {
        if (part.isEmpty()) {
            return 0;
        }
        int count = 0;
        int start = 0;
        while (true) {
            int colon = part.indexOf(':', start);
            int end = colon < 0 ? part.length() : colon;
            String g = part.substring(start, end);
            if (colon < 0 && ipv4AllowedAtEnd && g.indexOf('.') >= 0) {
                return isIpv4(g) ? count + 2 : -1;
            }
            if (g.isEmpty() || g.length() > 4) {
                return -1;
            }
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex) {
                    return -1;
                }
            }
            count++;
            if (colon < 0) {
                return count;
            }
            start = colon + 1;
        }
    }

    /** Value equality; see the class description. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyType p && p.kind == kind && p.known == known
                && Objects.equals(p.network, network) && (known || p.text.equals(text));
    }

    /** A hash code consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(kind, network, known, known ? null : text);
    }

    /** {@link #canonical()}, or the original text for unknown types. */
    @Override
    public String toString() {
        return known ? canonical() : text;
    }
}
