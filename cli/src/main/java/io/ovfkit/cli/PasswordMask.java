package io.ovfkit.cli;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hides password values in messages before they reach a terminal or a CI log. Library messages
 * quote the value they complain about ({@code value "abc" has 3 characters, fewer than MinLen(8)}),
 * which for a password property would print the password; every quoted occurrence of a password
 * value (the descriptor's defaults and the values given on the command line) becomes {@code ***}.
 */
final class PasswordMask {
    private static final String MASK = "***";

    private final Set<String> secrets;

    private PasswordMask(Set<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * The mask for the password properties of {@code descriptor}: their {@code ovf:value} and
     * per-configuration {@code Value}s, plus {@code chosen} values the user gave for them.
     */
    static PasswordMask of(OvfDescriptor descriptor, Collection<String> chosen) {
        Set<String> secrets = new LinkedHashSet<>(chosen);
        descriptor.envelope().content().ifPresent(c -> collect(c, secrets));
        secrets.removeIf(s -> s == null || s.isEmpty());
        return new PasswordMask(secrets);
    }

    /** The values the user gave for password properties, by key or id, out of {@code values}. */
    static Set<String> chosenPasswords(OvfDescriptor descriptor, Map<String, String> values) {
        Set<String> out = new LinkedHashSet<>();
        descriptor.envelope().content().ifPresent(c -> chosen(c, values, out));
        return out;
    }

    /** {@code message} with every quoted password value replaced by {@code ***}. */
    String apply(String message) {
        if (message == null) {
            return null;
        }
        String m = message;
        for (String s : secrets) {
            m = m.replace("\"" + s + "\"", MASK).replace("'" + s + "'", MASK);
        }
        return m;
    }

    /** {@code d} with its message masked. */
    Diagnostic apply(Diagnostic d) {
        String m = apply(d.message());
        return m.equals(d.message()) ? d : new Diagnostic(d.rule(), d.severity(), d.line(), d.column(), m);
    }

    private static void collect(Content c, Set<String> secrets) {
        for (ProductSection ps : c.sectionsOf(ProductSection.class)) {
            for (Property p : ps.properties()) {
                if (p.isPassword()) {
                    secrets.add(p.getValue());
                    for (PropertyValue v : p.getValues()) {
                        secrets.add(v.getValue());
                    }
                }
            }
        }
        if (c instanceof VirtualSystemCollection vsc) {
            vsc.contents().forEach(k -> collect(k, secrets));
        }
    }

    private static void chosen(Content c, Map<String, String> values, Set<String> out) {
        for (ProductSection ps : c.sectionsOf(ProductSection.class)) {
            for (Property p : ps.properties()) {
                if (p.isPassword() && p.getKey() != null) {
                    String id = ps.propertyId(p);
                    if (values.containsKey(id)) {
                        out.add(values.get(id));
                    }
                    if (values.containsKey(p.getKey())) {
                        out.add(values.get(p.getKey()));
                    }
                }
            }
        }
        if (c instanceof VirtualSystemCollection vsc) {
            vsc.contents().forEach(k -> chosen(k, values, out));
        }
    }
}
