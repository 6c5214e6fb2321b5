package io.ovfkit.ovf.value;

/**
 * Helpers shared by the value types: quoting untrusted text for error messages and bounded
 * lexical checks. Package-private; not part of the API.
 */
final class Texts {
    /** Longest excerpt of offending text reproduced in a message. */
    static final int QUOTE_LIMIT = 80;

    private Texts() {
    }

    /**
     * Quotes {@code s} for a message: single quotes around it, control characters escaped, and
     * text longer than {@link #QUOTE_LIMIT} characters cut with a note of its full length, so that
     * hostile input cannot blow up a log line.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), QUOTE_LIMIT) + 24).append('\'');
        int n = Math.min(s.length(), QUOTE_LIMIT);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('\'');
        if (s.length() > QUOTE_LIMIT) {
            b.insert(b.length() - 1, "...").append(" (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /** True for the XML whitespace characters (space, tab, CR, LF). */
    static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code s} without leading and trailing XML whitespace. */
    static String trimXml(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isXmlSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isXmlSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** True when {@code s} is non-empty and every character is an ASCII digit. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code s} is an optional sign followed by ASCII digits (the lexical space of
     * {@code xs:integer}).
     */
    static boolean isSignedDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return (c == '+' || c == '-') ? isDigits(s.substring(1)) : isDigits(s);
    }

    /**
     * True when {@code s} is a finite decimal number: optional sign, digits with an optional
     * fraction (at least one digit in total), optional exponent {@code e[+-]digits}. Accepts the
     * lexical space of {@code xs:decimal}, {@code xs:float} and {@code xs:double} minus
     * {@code INF}/{@code NaN}; rejects Java-only forms such as {@code 1f}, {@code 0x1p3} or
     * {@code Infinity}.
     */
    static boolean isDecimalNumber(String s, boolean allowExponent) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            if (!allowExponent) {
                return false;
            }
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** {@code digits} without leading zeros, keeping one digit ({@code "000"} → {@code "0"}). */
    static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
