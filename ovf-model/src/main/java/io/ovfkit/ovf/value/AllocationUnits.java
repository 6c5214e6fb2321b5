package io.ovfkit.ovf.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A unit of allocation as written in {@code rasd:AllocationUnits} and
 * {@code ovf:capacityAllocationUnits}: a base unit times a positive integer multiplier, such as
 * {@code byte * 2^30} (GiB) or {@code hertz * 10^6} (MHz).
 *
 * <h2>Accepted text</h2>
 * <p>The DSP0004 programmatic-unit form {@code base [* radix ^ exponent]...}, case-insensitive,
 * with whitespace anywhere between the tokens: {@code byte}, {@code bit}, {@code hertz},
 * {@code byte * 2^30}, {@code byte*2^30}, {@code byte * 2 ^ 20}, {@code byte * 10^3},
 * {@code Hertz*10^9}. The radix is 2 or 10 and the exponent a non-negative integer of at most
 * {@value #MAX_EXPONENT}; several factors multiply, and a plain integer factor
 * ({@code byte * 512}) is accepted too. These parse with {@link #standard()} {@code true}.
 *
 * <p>Word forms seen in real descriptors are accepted with {@link #standard()} {@code false}, so
 * that a caller can warn: {@code bytes}, {@code bits}, {@code Hz}; {@code KB}, {@code KiB},
 * {@code KiloBytes}; {@code MB}, {@code MiB}, {@code MegaBytes} (VirtualBox writes it for memory);
 * {@code GB}, {@code GiB}, {@code GigaBytes}; {@code TB}, {@code TiB}, {@code TeraBytes};
 * {@code PB}, {@code PiB}, {@code PetaBytes}; {@code kHz}/{@code KiloHertz},
 * {@code MHz}/{@code MegaHertz}, {@code GHz}/{@code GigaHertz} (all case-insensitive, singular or
 * plural). <strong>The byte words are binary multiples</strong>: {@code KB} = 2^10, {@code MB} =
 * 2^20, {@code GB} = 2^30, {@code TB} = 2^40, {@code PB} = 2^50 bytes. This is what VMware and
 * VirtualBox do with memory and disk capacities, and in a capacity context a decimal reading would
 * silently shrink disks; the hertz words are decimal (10^3, 10^6, 10^9).
 *
 * <p>Text longer than {@value #MAX_TEXT_LENGTH} characters is rejected before it is looked at.
 * Only {@code byte}, {@code bit} and {@code hertz} are known base units; other DSP0004 units are
 * rejected rather than guessed.
 *
 * <h2>Equality</h2>
 * <p>Two instances are equal when base and multiplier are equal, whatever text they were parsed
 * from: {@code parse("MB").equals(MEBIBYTES)} holds. {@link #text()} and {@link #standard()}
 * record where an instance came from and take no part in equality. Write {@link #canonical()}.
 *
 * <p>Instances are immutable and safe to share between threads; the alias tables are filled once, when
 * the class is initialised, and only read afterwards.
 */
public final class AllocationUnits {

    /** Longest unit text accepted by {@link #parse(String)}. */
    public static final int MAX_TEXT_LENGTH = 64;

    /** Largest exponent accepted after {@code 2^} or {@code 10^}. */
    public static final int MAX_EXPONENT = 1000;

    /** The base unit that the multiplier scales. */
    public enum Base {
        /** {@code byte}: storage and memory. */
        BYTE("byte"),
        /** {@code bit}: storage or bandwidth. */
        BIT("bit"),
        /** {@code hertz}: processor speed (VMware writes {@code hertz * 10^6} for CPU items). */
        HERTZ("hertz");

        private final String dsp0004Name;

        Base(String dsp0004Name) {
            this.dsp0004Name = dsp0004Name;
        }

        /** The DSP0004 spelling, lower case: {@code byte}, {@code bit} or {@code hertz}. */
        public String dsp0004Name() {
            return dsp0004Name;
        }
    }

    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** {@code byte}. */
    public static final AllocationUnits BYTES = of(Base.BYTE, BigInteger.ONE);
    /** {@code byte * 2^10}. */
    public static final AllocationUnits KIBIBYTES = of(Base.BYTE, TWO.pow(10));
    /** {@code byte * 2^20}, the canonical unit for memory. */
    public static final AllocationUnits MEBIBYTES = of(Base.BYTE, TWO.pow(20));
    /** {@code byte * 2^30}, what ovftool writes for disk capacities. */
    public static final AllocationUnits GIBIBYTES = of(Base.BYTE, TWO.pow(30));
    /** {@code byte * 2^40}. */
    public static final AllocationUnits TEBIBYTES = of(Base.BYTE, TWO.pow(40));
    /** {@code hertz * 10^6}, what VMware writes for CPU items. */
    public static final AllocationUnits MEGAHERTZ = of(Base.HERTZ, BigInteger.TEN.pow(6));

    /** Word aliases (lower case) to base and multiplier; all non-standard. */
    private static final Map<String, AllocationUnits> ALIASES = new HashMap<>();
    /** Standard DSP0004 base names (lower case). */
    private static final Map<String, Base> BASES = Map.of("byte", Base.BYTE, "bit", Base.BIT, "hertz", Base.HERTZ);

    static {
        alias(Base.BYTE, 0, "bytes");
        alias(Base.BIT, 0, "bits");
        alias(Base.HERTZ, 0, "hz");
        String[][] bytePrefixes = {
            {"10", "kb", "kib", "kilobyte", "kibibyte"},
            {"20", "mb", "mib", "megabyte", "mebibyte"},
            {"30", "gb", "gib", "gigabyte", "gibibyte"},
            {"40", "tb", "tib", "terabyte", "tebibyte"},
            {"50", "pb", "pib", "petabyte", "pebibyte"},
        };
        for (String[] row : bytePrefixes) {
            int exp = Integer.parseInt(row[0]);
            for (int i = 1; i < row.length; i++) {
                alias(Base.BYTE, exp, row[i]);
                if (row[i].length() > 3) {
                    alias(Base.BYTE, exp, row[i] + "s");
                }
            }
        }
        String[][] hertzPrefixes = {{"3", "khz", "kilohertz"}, {"6", "mhz", "megahertz"}, {"9", "ghz", "gigahertz"}};
        for (String[] row : hertzPrefixes) {
            int exp = Integer.parseInt(row[0]);
            for (int i = 1; i < row.length; i++) {
                ALIASES.put(row[i], new AllocationUnits(Base.HERTZ, BigInteger.TEN.pow(exp), false, row[i]));
            }
        }
    }

    private static void alias(Base base, int binaryExponent, String word) {
        ALIASES.put(word, new AllocationUnits(base, TWO.pow(binaryExponent), false, word));
    }

    private final Base base;
    private final BigInteger multiplier;
    private final boolean standard;
    private final String text;

    private AllocationUnits(Base base, BigInteger multiplier, boolean standard, String text) {
        this.base = base;
        this.multiplier = multiplier;
        this.standard = standard;
        this.text = text;
    }

    /**
     * The unit {@code base * multiplier}.
     *
     * @param base the base unit
     * @param multiplier a positive integer
     * @return the unit, marked {@link #standard()}, with {@link #text()} equal to
     *     {@link #canonical()}
     * @throws IllegalArgumentException if {@code multiplier} is not positive
     */
    public static AllocationUnits of(Base base, BigInteger multiplier) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(multiplier, "multiplier");
        if (multiplier.signum() <= 0) {
            throw new IllegalArgumentException("allocation unit multiplier must be positive, got " + multiplier);
        }
        AllocationUnits u = new AllocationUnits(base, multiplier, true, null);
        return new AllocationUnits(base, multiplier, true, u.canonical());
    }

    /**
     * Parses unit text; see the class description for the accepted forms.
     *
     * @param text the unit text, such as {@code byte * 2^20}
     * @return the unit; {@link #standard()} tells whether the text was a DSP0004 form or a word alias
     * @throws IllegalArgumentException if {@code text} is null, empty, longer than
     *     {@value #MAX_TEXT_LENGTH} characters, or not a recognised unit; the message quotes the text
     */
    public static AllocationUnits parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("allocation units missing: expected text such as 'byte * 2^20'");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("allocation units " + Texts.quote(text) + " are longer than "
                    + MAX_TEXT_LENGTH + " characters; expected a unit such as 'byte * 2^20'");
        }
        List<String> tokens = tokenize(text);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("allocation units " + Texts.quote(text)
                    + " are empty; expected a unit such as 'byte' or 'byte * 2^20'");
        }
        String first = tokens.get(0);
        Base base = BASES.get(first);
        BigInteger multiplier;
        boolean standard;
        if (base != null) {
            multiplier = BigInteger.ONE;
            standard = true;
        } else {
            AllocationUnits alias = ALIASES.get(first);
            if (alias == null) {
                throw bad(text, Character.isLetter(first.charAt(0))
                        ? "unknown base unit '" + first + "'"
                        : "it does not start with a base unit");
            }
            base = alias.base;
            multiplier = alias.multiplier;
            standard = false;
        }
        int i = 1;
        while (i < tokens.size()) {
            if (!tokens.get(i).equals("*")) {
                throw bad(text, "expected '*' after '" + tokens.get(i - 1) + "', found '" + tokens.get(i) + "'");
            }
            i++;
            if (i >= tokens.size()) {
                throw bad(text, "it ends with '*'");
            }
            String factor = tokens.get(i);
            if (!Texts.isDigits(factor)) {
                throw bad(text, "expected a number after '*', found '" + factor + "'");
            }
            i++;
            if (i < tokens.size() && tokens.get(i).equals("^")) {
                i++;
                if (i >= tokens.size()) {
                    throw bad(text, "it ends with '^'");
                }
                String exp = tokens.get(i);
                if (exp.equals("-")) {
                    throw bad(text, "negative exponents are not allowed (units must be whole multiples of the base)");
                }
                if (!Texts.isDigits(exp)) {
                    throw bad(text, "expected an exponent after '^', found '" + exp + "'");
                }
                i++;
                BigInteger radix = new BigInteger(factor);
                if (!radix.equals(TWO) && !radix.equals(BigInteger.TEN)) {
                    throw bad(text, "the radix must be 2 or 10, found " + factor);
                }
                String digits = Texts.stripLeadingZeros(exp);
                if (digits.length() > 4 || Integer.parseInt(digits) > MAX_EXPONENT) {
                    throw bad(text, "the exponent " + exp + " exceeds " + MAX_EXPONENT);
                }
                multiplier = multiplier.multiply(radix.pow(Integer.parseInt(digits)));
            } else {
                BigInteger f = new BigInteger(factor);
                if (f.signum() == 0) {
                    throw bad(text, "a multiplier of 0 is not allowed");
                }
                multiplier = multiplier.multiply(f);
            }
        }
        return new AllocationUnits(base, multiplier, standard, text);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("allocation units " + Texts.quote(text) + " are not understood: " + why
                + "; expected 'base [* radix^exponent]' with base byte, bit or hertz and radix 2 or 10"
                + " (such as 'byte * 2^20'), or a word such as 'MegaBytes'");
    }

    /** Splits into lower-case words, digit runs and single symbols; whitespace separates. */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isAsciiLetter(c)) {
                int start = i;
                while (i < n && isAsciiLetter(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                out.add(text.substring(start, i));
            } else if (c == '*' || c == '^' || c == '-') {
                out.add(String.valueOf(c));
                i++;
            } else {
                throw bad(text, "unexpected character " + Texts.quote(String.valueOf(c)) + " at index " + i);
            }
        }
        return out;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The base unit. */
    public Base base() {
        return base;
    }

    /** The multiplier applied to the base unit; always positive. */
    public BigInteger multiplier() {
        return multiplier;
    }

    /**
     * Whether the parsed text was a DSP0004 programmatic unit ({@code true}) or a non-standard
     * word alias such as {@code MegaBytes} or {@code GB} ({@code false}). Units made by
     * {@link #of}, {@link #multiply} and the constants are standard.
     */
    public boolean standard() {
        return standard;
    }

    /** The text this unit was parsed from, or {@link #canonical()} for units made in code. */
    public String text() {
        return text;
    }

    /**
     * The DSP0004 spelling to write: the lower-case base alone for a multiplier of 1, otherwise
     * {@code base * 2^N} or {@code base * 10^N} (bytes and bits prefer radix 2, hertz prefers
     * radix 10), and {@code base * M} with the decimal multiplier when it is a power of neither.
     * {@link #parse(String)} reads every form this method writes.
     */
    public String canonical() {
        String name = base.dsp0004Name();
        if (multiplier.equals(BigInteger.ONE)) {
            return name;
        }
        int pow2 = powerOfTwo(multiplier);
        int pow10 = powerOfTen(multiplier);
        if (base == Base.HERTZ && pow10 > 0) {
            return name + " * 10^" + pow10;
        }
        if (pow2 > 0) {
            return name + " * 2^" + pow2;
        }
        if (pow10 > 0) {
            return name + " * 10^" + pow10;
        }
        return name + " * " + multiplier;
    }

    private static int powerOfTwo(BigInteger m) {
        return m.bitCount() == 1 ? m.bitLength() - 1 : -1;
    }

    private static int powerOfTen(BigInteger m) {
        String digits = m.toString();
        if (digits.charAt(0) != '1') {
            return -1;
        }
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return -1;
            }
        }
        return digits.length() - 1;
    }

    /**
     * This unit with its multiplier multiplied by {@code factor}: {@code BYTES.multiply(1024)} is
     * {@link #KIBIBYTES}.
     *
     * @param factor a positive integer
     * @return the scaled unit, marked standard
     * @throws IllegalArgumentException if {@code factor} is not positive
     */
    public AllocationUnits multiply(BigInteger factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("an allocation unit can only be multiplied by a positive integer, got "
                    + factor);
        }
        return of(base, multiplier.multiply(factor));
    }

    /**
     * Whether this is a byte unit, so that {@link #toBytes(BigInteger)} applies.
     */
    public boolean isBytes() {
        return base == Base.BYTE;
    }

    /**
     * The number of bytes in {@code amount} of this unit, exactly.
     *
     * @param amount a non-negative quantity in this unit
     * @return {@code amount * multiplier}
     * @throws IllegalArgumentException if this unit is not byte-based or {@code amount} is negative
     * @throws ArithmeticException if the result exceeds {@link Long#MAX_VALUE}
     */
    public long toBytes(BigInteger amount) {
        Objects.requireNonNull(amount, "amount");
        if (base != Base.BYTE) {
            throw new IllegalArgumentException("cannot convert an amount in '" + canonical()
                    + "' to bytes: the unit is not byte-based");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("cannot convert the negative amount " + amount + " of '" + canonical()
                    + "' to bytes");
        }
        BigInteger bytes = amount.multiply(multiplier);
        if (bytes.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException(amount + " * " + canonical() + " is " + bytes
                    + " bytes, more than the largest supported size " + Long.MAX_VALUE);
        }
        return bytes.longValueExact();
    }

    /**
     * {@link #toBytes(BigInteger)} for a {@code long} amount.
     *
     * @param amount a non-negative quantity in this unit
     * @return the exact number of bytes
     * @throws IllegalArgumentException if this unit is not byte-based or {@code amount} is negative
     * @throws ArithmeticException if the result exceeds {@link Long#MAX_VALUE}
     */
    public long toBytes(long amount) {
        return toBytes(BigInteger.valueOf(amount));
    }

    /** Equal when base and multiplier are equal; the parsed text does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AllocationUnits u && u.base == base && u.multiplier.equals(multiplier);
    }

    /** A hash code consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return base.hashCode() * 31 + multiplier.hashCode();
    }

    /** {@link #canonical()}. */
    @Override
    public String toString() {
        return canonical();
    }
}
