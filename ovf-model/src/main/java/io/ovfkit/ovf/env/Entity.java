package io.ovfkit.ovf.env;

import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code Entity} of an OVF environment: the properties of a sibling virtual system of the same
 * collection, identified by its {@code ovf:id}.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param id the sibling's {@code ovf:id} (required, not blank)
 * @param properties its properties in document order; keys unique (an unmodifiable copy is kept)
 */
public record Entity(String id, Map<String, String> properties) {
    /**
     * Checks the components and keeps an unmodifiable, order-preserving copy of the properties.
     *
     * @param id the sibling's {@code ovf:id}
     * @param properties its properties in iteration order
     */
    public Entity {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an Entity needs a non-blank id");
        }
        XmlText.check(id, "entity id");
        properties = OvfEnvironment.copyProperties(properties, "entity " + id);
    }

    /**
     * An entity without properties.
     *
     * @param id the sibling's {@code ovf:id}
     * @return the entity
     */
    public static Entity of(String id) {
        return new Entity(id, Map.of());
    }

    /** Equal when the ids and the properties, in order, are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Entity e && id.equals(e.id) && OvfEnvironment.sameOrder(properties, e.properties);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * id.hashCode() + new ArrayList<>(properties.entrySet()).hashCode();
    }

    /** The id and the property keys (values are left out: they may hold passwords). */
    @Override
    public String toString() {
        return "Entity[id=" + id + ", properties=" + properties.keySet() + "]";
    }
}
