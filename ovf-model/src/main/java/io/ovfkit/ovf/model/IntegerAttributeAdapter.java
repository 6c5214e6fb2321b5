package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * Parses {@code Integer} attributes strictly but recoverably: a malformed value throws, which JAXB
 * reports as a validation event (with the element's node) and leaves the field {@code null},
 * where JAXB's own conversion would abort the whole unmarshal.
 */
final class IntegerAttributeAdapter extends XmlAdapter<String, Integer> {
    @Override
    public Integer unmarshal(String lexical) {
        if (lexical == null) {
            return null;
        }
        String s = lexical.trim();
        try {
            return Integer.valueOf(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new MalformedValueException("'" + lexical + "' is not an integer");
        }
    }

    @Override
    public String marshal(Integer value) {
        return value == null ? null : value.toString();
    }
}
