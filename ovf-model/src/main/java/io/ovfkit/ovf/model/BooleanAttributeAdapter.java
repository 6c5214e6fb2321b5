package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;

/**
 * Parses {@code xs:boolean} attributes ({@code true}, {@code false}, {@code 1}, {@code 0})
 * strictly but recoverably: anything else throws, which JAXB reports as a validation event and
 * leaves the field {@code null}, where JAXB's own conversion would drop it silently.
 */
final class BooleanAttributeAdapter extends XmlAdapter<String, Boolean> {
    @Override
    public Boolean unmarshal(String lexical) {
        if (lexical == null) {
            return null;
        }
        return switch (lexical.trim()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new MalformedValueException("'" + lexical + "' is not a boolean (true, false, 1, 0)");
        };
    }

    @Override
    public String marshal(Boolean value) {
        return value == null ? null : value.toString();
    }
}
