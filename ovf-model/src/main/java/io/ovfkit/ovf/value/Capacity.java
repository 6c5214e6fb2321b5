package io.ovfkit.ovf.value;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The size of a virtual disk: the pair {@code ovf:capacity} + {@code ovf:capacityAllocationUnits}
 * of a {@code Disk} element.
 *
 * <p>The capacity text is either a non-negative decimal integer in the given units, or a property
 * reference {@code ${key}} naming a ProductSection property whose value is the capacity, chosen at
 * deployment (VMware supports this). A literal capacity is checked when parsed: its size in bytes
 * must fit in a {@code long}, so {@link #bytes()} never overflows. Units must be byte-based.
 *
 * <p>Instances are immutable values; see {@link #equals(Object)}.
 */
public final class Capacity {

    /** Longest capacity text accepted. */
    public static final int MAX_TEXT_LENGTH = 4096;

    /** Longest property key accepted inside {@code ${...}}. */
    public static final int MAX_KEY_LENGTH = 1024;

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Binary units tried by {@link #toAttributes()}, largest first. */
    private static final AllocationUnits[] WRITE_UNITS = {
        AllocationUnits.TEBIBYTES, AllocationUnits.GIBIBYTES, AllocationUnits.MEBIBYTES, AllocationUnits.KIBIBYTES,
    };

    /**
     * The attribute values to write for a capacity.
     *
     * @param capacity the {@code ovf:capacity} text
     * @param units the {@code ovf:capacityAllocationUnits} text, in canonical DSP0004 form
     */
    public record Attributes(String capacity, String units) {
        /** Checks the components. */
        public Attributes {
            Objects.requireNonNull(capacity, "capacity");
            Objects.requireNonNull(units, "units");
        }
    }

    private final String text;
    private final AllocationUnits units;
    private final BigInteger amount; // null for a property reference
    private final String propertyKey; // null for a literal
    private final long bytes; // valid when amount != null

    private Capacity(String text, AllocationUnits units, BigInteger amount, String propertyKey, long bytes) {
        this.text = text;
        this.units = units;
        this.amount = amount;
        this.propertyKey = propertyKey;
        this.bytes = bytes;
    }

    /**
     * Parses the two attributes of a {@code Disk}.
     *
     * @param capacity the {@code ovf:capacity} text: a non-negative integer or {@code ${key}};
     *     surrounding XML whitespace is ignored
     * @param units the {@code ovf:capacityAllocationUnits} text; {@code null} or blank means
     *     {@code byte}
     * @return the capacity
     * @throws IllegalArgumentException if the capacity is missing, negative, a decimal fraction,
     *     not a number, an empty or malformed property reference, or larger than
     *     {@link Long#MAX_VALUE} bytes; or if the units are not understood or not byte-based. The
     *     message quotes the offending text.
     */
    public static Capacity parse(String capacity, String units) {
        AllocationUnits u = parseUnits(units);
        if (capacity == null) {
            throw new IllegalArgumentException(
                    "disk capacity missing: expected a non-negative integer or a property reference '${key}'");
        }
        if (capacity.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("disk capacity " + Texts.quote(capacity) + " is longer than "
                    + MAX_TEXT_LENGTH + " characters; expected a non-negative integer or '${key}'");
        }
        String t = Texts.trimXml(capacity);
        if (t.startsWith("${")) {
            return ofPropertyReference(propertyKeyOf(capacity, t), u);
        }
        return literal(capacity, t, u);
    }

    private static AllocationUnits parseUnits(String units) {
        if (units == null || Texts.trimXml(units).isEmpty()) {
            return AllocationUnits.BYTES;
        }
        AllocationUnits u = AllocationUnits.parse(units);
        if (!u.isBytes()) {
            throw new IllegalArgumentException("disk capacity units " + Texts.quote(units)
                    + " are not byte-based; expected units such as 'byte' or 'byte * 2^30'");
        }
        return u;
    }

    private static String propertyKeyOf(String original, String t) {
        if (!t.endsWith("}") || t.length() < 3) {
            throw new IllegalArgumentException("disk capacity " + Texts.quote(original)
                    + " is not a valid property reference: expected '${key}' with a closing '}'");
        }
        String key = t.substring(2, t.length() - 1);
        checkKey(key, original);
        return key;
    }

    private static void checkKey(String key, String original) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("disk capacity " + Texts.quote(original)
                    + " is a property reference with an empty key; expected '${key}' naming a property");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("disk capacity " + Texts.quote(original)
                    + " names a property key longer than " + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '{' || c == '}' || c == '$' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("disk capacity " + Texts.quote(original)
                        + " is not a valid property reference: the key contains " + Texts.quote(String.valueOf(c))
                        + "; expected '${key}' with a key without whitespace, '$', '{' or '}'");
            }
        }
    }

    private static Capacity literal(String original, String t, AllocationUnits u) {
        if (!Texts.isDigits(t)) {
            String why;
            if (t.isEmpty()) {
                why = "it is empty";
            } else if (t.startsWith("-") && Texts.isDecimalNumber(t, true)) {
                why = "it is negative";
            } else if (Texts.isDecimalNumber(t, true)) {
                why = "it is not a whole number";
            } else {
                why = "it is not a number";
            }
            throw new IllegalArgumentException("disk capacity " + Texts.quote(original) + " is invalid: " + why
                    + "; expected a non-negative integer or a property reference '${key}'");
        }
        BigInteger amount = new BigInteger(t);
        BigInteger total = amount.multiply(u.multiplier());
        if (total.compareTo(LONG_MAX) > 0) {
            String size = total.bitLength() > 256 ? "more than 2^256" : total.toString();
            throw new IllegalArgumentException("disk capacity " + Texts.quote(original) + " in '" + u.canonical()
                    + "' is " + size + " bytes, more than the largest supported size " + Long.MAX_VALUE + " bytes");
        }
        return new Capacity(t, u, amount, null, total.longValueExact());
    }

    /**
     * A capacity of exactly {@code bytes} bytes, in unit {@code byte}.
     *
     * @param bytes a non-negative size
     * @return the capacity
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static Capacity ofBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("disk capacity must not be negative, got " + bytes + " bytes");
        }
        return new Capacity(Long.toString(bytes), AllocationUnits.BYTES, BigInteger.valueOf(bytes), null, bytes);
    }

    /**
     * A capacity {@code amount} in {@code units}.
     *
     * @param amount a non-negative amount
     * @param units byte-based units
     * @return the capacity
     * @throws IllegalArgumentException if the amount is negative, the units are not byte-based or
     *     the size exceeds {@link Long#MAX_VALUE} bytes
     */
    public static Capacity of(BigInteger amount, AllocationUnits units) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(units, "units");
        if (!units.isBytes()) {
            throw new IllegalArgumentException("disk capacity units '" + units.canonical() + "' are not byte-based");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("disk capacity must not be negative, got " + amount);
        }
        return literal(amount.toString(), amount.toString(), units);
    }

    /**
     * A capacity taken at deployment from the property {@code key}, written {@code ${key}}.
     *
     * @param key the property key
     * @param units byte-based units that the property value is in
     * @return the capacity
     * @throws IllegalArgumentException if the key is empty, too long or contains whitespace,
     *     {@code $}, <code>{</code> or <code>}</code>, or the units are not byte-based
     */
    public static Capacity ofPropertyReference(String key, AllocationUnits units) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(units, "units");
        if (!units.isBytes()) {
            throw new IllegalArgumentException("disk capacity units '" + units.canonical() + "' are not byte-based");
        }
        String text = "${" + key + "}";
        checkKey(key, text);
        return new Capacity(text, units, null, key, -1);
    }

    /** The capacity text, trimmed: digits or {@code ${key}}. */
    public String text() {
        return text;
    }

    /** The allocation units. */
    public AllocationUnits units() {
        return units;
    }

    /** Whether the capacity is a property reference {@code ${key}}. */
    public boolean isPropertyReference() {
        return propertyKey != null;
    }

    /** The referenced property key, or empty for a literal capacity. */
    public Optional<String> propertyKey() {
        return Optional.ofNullable(propertyKey);
    }

    /** The amount in {@link #units()}, or empty for a property reference. */
    public Optional<BigInteger> amount() {
        return Optional.ofNullable(amount);
    }

    /** The exact size in bytes, or empty for a property reference. */
    public OptionalLong bytes() {
        return amount == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /**
     * The literal capacity a property reference stands for.
     *
     * @param propertyValues looks up a property's value by key; returns {@code null} when there is
     *     no such property
     * @return this capacity if it is a literal, otherwise the value of the referenced property
     *     parsed as a capacity in the same units
     * @throws IllegalArgumentException if the property is unknown or its value is not a valid
     *     capacity (the message names the property and quotes the value)
     */
    public Capacity resolve(Function<String, String> propertyValues) {
        Objects.requireNonNull(propertyValues, "propertyValues");
        if (propertyKey == null) {
            return this;
        }
        String value = propertyValues.apply(propertyKey);
        if (value == null) {
            throw new IllegalArgumentException("disk capacity " + Texts.quote(text) + " refers to the property "
                    + Texts.quote(propertyKey) + ", which has no value");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the property " + Texts.quote(propertyKey) + " used as disk capacity has a value "
                    + Texts.quote(value) + " longer than " + MAX_TEXT_LENGTH + " characters");
        }
        String t = Texts.trimXml(value);
        if (t.startsWith("${")) {
            throw new IllegalArgumentException("the property " + Texts.quote(propertyKey)
                    + " used as disk capacity has the value " + Texts.quote(value)
                    + ", another property reference; expected a non-negative integer");
        }
        try {
            return literal(value, t, units);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the property " + Texts.quote(propertyKey)
                    + " used as disk capacity has an invalid value: " + e.getMessage(), e);
        }
    }

    /**
     * The attribute values to write: for a literal, the largest of TiB, GiB, MiB and KiB that
     * divides the size exactly (like ovftool, which writes whole GiB as {@code byte * 2^30}), else
     * {@code byte}; zero is written as {@code 0} {@code byte}. A property reference keeps its
     * {@code ${key}} and writes its units canonically.
     */
    public Attributes toAttributes() {
        if (amount == null) {
            return new Attributes(text, units.canonical());
        }
        if (bytes > 0) {
            for (AllocationUnits u : WRITE_UNITS) {
                long m = u.multiplier().longValueExact();
                if (bytes % m == 0) {
                    return new Attributes(Long.toString(bytes / m), u.canonical());
                }
            }
        }
        return new Attributes(Long.toString(bytes), AllocationUnits.BYTES.canonical());
    }

    /**
     * Equal when the units are equal and both are literals of the same amount ({@code 007} equals
     * {@code 7}) or both reference the same property. {@code 1 GiB} and {@code 1024 MiB} are not
     * equal: compare {@link #bytes()} for that.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Capacity c && c.units.equals(units)
                && Objects.equals(c.amount, amount) && Objects.equals(c.propertyKey, propertyKey);
    }

    /** A hash code consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(amount, propertyKey, units);
    }

    /** {@code text units}, for example {@code 16 byte * 2^30} or <code>${disk.size} byte</code>. */
    @Override
    public String toString() {
        return text + " " + units.canonical();
    }
}
