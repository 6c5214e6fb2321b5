package io.ovfkit.ovf.env;

import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import io.ovfkit.ovf.value.PropertyType;
import io.ovfkit.ovf.value.Qualifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the OVF environment a deployment platform would hand to the guest of a descriptor: the
 * properties of its ProductSections with the values chosen for a deployment option, defaults
 * applied, every value checked against its type and qualifiers.
 *
 * <p>Stateless; safe to call from any thread, as long as no other thread changes the descriptor it
 * reads.
 */
public final class Environments {
    private Environments() {
    }

    /**
     * The environment for the descriptor's top-level VirtualSystem (or VirtualSystemCollection, whose
     * child systems become {@code Entity} elements).
     *
     * @param configurationId the deployment option to deploy, {@code null} for the default one
     * @param values chosen values by property id ({@code class.key.instance}) or plain key
     * @throws IllegalArgumentException for an unknown configuration or property, or a value that
     *     does not fit its property's type or qualifiers (the message names the property)
     */
    public static OvfEnvironment forDescriptor(OvfDescriptor descriptor, String configurationId, Map<String, String> values) {
        Content top = descriptor.envelope().content()
                .orElseThrow(() -> new IllegalArgumentException("the descriptor has no VirtualSystem"));
        String config = selectConfiguration(descriptor, configurationId);
        Set<String> used = new HashSet<>();
        OvfEnvironment.Builder b = OvfEnvironment.builder(top.getId() == null ? "" : top.getId());
        b.platform(new Platform("ovfkit", null, null, "en", null));
        b.properties(propertiesOf(top, config, values, used));
        if (top instanceof VirtualSystemCollection vsc) {
            for (Content child : vsc.contents()) {
                b.entity(child.getId() == null ? "" : child.getId(), propertiesOf(child, config, values, used));
            }
        }
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("property \"" + key + "\" is not defined by any ProductSection of the descriptor");
            }
        }
        return b.build();
    }

    private static String selectConfiguration(OvfDescriptor d, String requested) {
        Optional<DeploymentOptionSection> dos = d.envelope().deploymentOptionSection();
        if (requested == null) {
            return dos.flatMap(DeploymentOptionSection::defaultConfiguration).map(DeploymentOption::getId).orElse(null);
        }
        List<String> ids = new ArrayList<>();
        dos.ifPresent(s -> s.getConfigurations().forEach(c -> ids.add(c.getId())));
        if (!ids.contains(requested)) {
            throw new IllegalArgumentException("unknown deployment option \"" + requested + "\""
                    + (ids.isEmpty() ? "; the descriptor defines none" : "; expected one of " + ids));
        }
        return requested;
    }

    private static boolean appliesTo(String configurationList, String config) {
        if (configurationList == null || configurationList.isBlank()) {
            return true;
        }
        if (config == null) {
            return false;
        }
        for (String id : configurationList.trim().split("[\\s,]+")) {
            if (id.equals(config)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> propertiesOf(Content c, String config, Map<String, String> values, Set<String> used) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProductSection ps : c.sectionsOf(ProductSection.class)) {
            for (Property p : ps.properties()) {
                if (p.getKey() == null || !appliesTo(p.getConfiguration(), config)) {
                    continue;
                }
                String id = ps.propertyId(p);
                String value = p.getValue() == null ? "" : p.getValue();
                for (PropertyValue v : p.getValues()) {
                    if (config != null && v.getConfiguration() != null && appliesTo(v.getConfiguration(), config)) {
                        value = v.getValue() == null ? "" : v.getValue();
                    }
                }
                boolean chosen = false;
                if (values.containsKey(id)) {
                    value = values.get(id);
                    used.add(id);
                    chosen = true;
                } else if (values.containsKey(p.getKey())) {
                    value = values.get(p.getKey());
                    used.add(p.getKey());
                    chosen = true;
                }
                if (chosen || !value.isEmpty()) {
                    check(id, p, value);
                }
                out.put(id, value);
            }
        }
        return out;
    }

    private static void check(String id, Property p, String value) {
        PropertyType type = PropertyType.parse(p.getType() == null ? "string" : p.getType());
        Optional<String> bad = type.check(value);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("property \"" + id + "\" (" + type.canonical() + "): "
                    + masked(bad.get(), value, p.isPassword()));
        }
        if (p.getQualifiers() != null && !p.getQualifiers().isBlank()) {
            List<String> violations = Qualifiers.parse(p.getQualifiers()).check(value, type);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("property \"" + id + "\": "
                        + masked(String.join("; ", violations), value, p.isPassword()));
            }
        }
    }

    /** Passwords are never printed, not even a rejected one. */
    private static String masked(String message, String value, boolean password) {
        return password && !value.isEmpty() ? message.replace(value, "***") : message;
    }
}
