package io.ovfkit.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Sizes for people: binary units ({@code 1 GiB}, {@code 1.5 GiB}, {@code 512 bytes}). */
final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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
}
