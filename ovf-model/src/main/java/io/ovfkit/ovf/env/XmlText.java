package io.ovfkit.ovf.env;

/** Checks that strings can be written into an XML 1.0 document at all. */
final class XmlText {
    private XmlText() {
    }

    /**
     * Returns {@code value} when every character is allowed in XML 1.0 (tab, line feed, carriage
     * return, U+0020..U+D7FF, U+E000..U+FFFD and supplementary characters as proper surrogate pairs).
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static String check(String value, String what) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                throw new IllegalArgumentException(what + " contains the character U+"
                        + String.format("%04X", cp) + " at index " + i + ", which XML 1.0 cannot represent");
            }
            i += Character.charCount(cp);
        }
        return value;
    }
}
