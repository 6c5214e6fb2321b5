package io.ovfkit.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes for people: {@link #format} prints binary units ({@code 1 GiB}, {@code 1.5 GiB},
 * {@code 512 bytes}); {@link #parse} reads the size vocabulary of the command line.
 */
final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String LETTERS = "KMGTPE";
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([kmgtpe]?)(i?)(b?)",
            Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /**
     * The size in the largest binary unit that keeps the number at least 1: a whole number when
     * exact, else one decimal (rounded half up). Below 1 KiB, in bytes.
     */
    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        long divisor = 1024;
        while (unit + 1 < UNITS.length && bytes / divisor >= 1024) {
            divisor <<= 10;
            unit++;
        }
        if (bytes % divisor == 0) {
            return bytes / divisor + " " + UNITS[unit];
        }
        BigDecimal v = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(divisor), 1, RoundingMode.HALF_UP);
        return v.toPlainString() + " " + UNITS[unit];
    }

    /**
     * Reads a size: a number of bytes ({@code 4096}, {@code 4096B}), or a number (fractions
     * allowed) with a unit, case-insensitive, with or without a space before it:
     * {@code K}/{@code KiB}, {@code M}/{@code MiB}, {@code G}/{@code GiB}, {@code T}/{@code TiB},
     * {@code P}/{@code PiB}, {@code E}/{@code EiB} are binary (powers of 1024, as {@code qemu-img}
     * reads {@code 2T}); {@code KB}, {@code MB}, {@code GB}, {@code TB}, {@code PB}, {@code EB} are
     * decimal (powers of 1000). The result must be a whole number of bytes.
     *
     * @throws IllegalArgumentException naming the text and the expected forms
     */
    static long parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = SIZE.matcher(t);
        if (!m.matches() || (!m.group(3).isEmpty() && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("bad size \"" + text + "\"; expected bytes (4096) or a number with a unit:"
                    + " K, M, G, T (or KiB … TiB) for powers of 1024, KB, MB, GB, TB for powers of 1000");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String letter = m.group(2).toUpperCase(Locale.ROOT);
        boolean decimal = !letter.isEmpty() && m.group(3).isEmpty() && !m.group(4).isEmpty();
        int power = letter.isEmpty() ? 0 : LETTERS.indexOf(letter) + 1;
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(decimal ? 1000 : 1024).pow(power));
        BigDecimal whole;
        try {
            whole = bytes.setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bad size \"" + text + "\": " + bytes.stripTrailingZeros().toPlainString()
                    + " is not a whole number of bytes", e);
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("bad size \"" + text + "\": larger than " + Long.MAX_VALUE + " bytes");
        }
        return whole.longValueExact();
    }

    /** Picocli's converter for size options: {@link #parse}, a usage error on bad text. */
    static final class Converter implements ITypeConverter<Long> {
        /** Picocli creates it. */
        public Converter() {
        }

        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
