package io.ovfkit.ovf.env;

import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An OVF environment document (DSP8027, {@code ovf-env.xml}): what a deployment platform hands to
 * a guest so that it can configure itself, above all the final values of the OVF properties.
 *
 * <pre>{@code
 * <Environment xmlns="http://schemas.dmtf.org/ovf/environment/1"
 *              xmlns:oe="http://schemas.dmtf.org/ovf/environment/1" oe:id="vm">
 *   <PlatformSection><Kind>VMware ESXi</Kind>...</PlatformSection>
 *   <PropertySection><Property oe:key="hostname" oe:value="r1"/></PropertySection>
 *   <Entity oe:id="sibling"><PropertySection>...</PropertySection></Entity>
 *   <ve:EthernetAdapterSection>...</ve:EthernetAdapterSection>
 * </Environment>
 * }</pre>
 *
 * <p>Immutable and safe to share between threads; build one with {@link #builder(String)}, write it
 * with {@link #toXml()} and read one
 * with {@link #parse(byte[])}. The output is deterministic, schema-valid against DSP8027 and reads
 * back equal. VMware's additions ({@code ve:vCenterId}, {@code ve:esxId},
 * {@code ve:EthernetAdapterSection}, namespace {@link Namespaces#VMW_ENV}) are supported; other
 * sections and foreign elements are skipped when reading.
 */
public final class OvfEnvironment {
    private final String id;
    private final Platform platform;
    private final Map<String, String> properties;
    private final List<Entity> entities;
    private final String vCenterId;
    private final String esxId;
    private final List<EthernetAdapter> ethernetAdapters;

    private OvfEnvironment(Builder b) {
        this.id = b.id;
        this.platform = b.platform;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.entities = List.copyOf(b.entities);
        this.vCenterId = b.vCenterId;
        this.esxId = b.esxId;
        this.ethernetAdapters = List.copyOf(b.adapters);
    }

    /**
     * A builder for the environment of the virtual system {@code id}.
     *
     * @param id the recipient's {@code ovf:id} (written as {@code oe:id}); required, not blank
     * @return a new builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder holding this environment's content, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.platform = platform;
        b.properties.putAll(properties);
        b.entities.addAll(entities);
        b.entityIds.addAll(entities.stream().map(Entity::id).toList());
        b.vCenterId = vCenterId;
        b.esxId = esxId;
        b.adapters.addAll(ethernetAdapters);
        return b;
    }

    /** The {@code ovf:id} of the virtual system this document is for ({@code oe:id}). */
    public String id() {
        return id;
    }

    /** The {@code PlatformSection}, if present. */
    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    /** The recipient's properties, key to value, in document order (unmodifiable). */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * One property of the recipient.
     *
     * @param key the property key
     * @return its value, or empty when there is no such property
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** The {@code Entity} elements: properties of sibling systems of a collection, in order. */
    public List<Entity> entities() {
        return entities;
    }

    /**
     * The entity of one sibling system.
     *
     * @param entityId the sibling's {@code ovf:id}
     * @return the entity, or empty
     */
    public Optional<Entity> entity(String entityId) {
        return entities.stream().filter(e -> e.id().equals(entityId)).findFirst();
    }

    /** VMware's {@code ve:vCenterId} attribute (the VM's vCenter managed object id), if present. */
    public Optional<String> vCenterId() {
        return Optional.ofNullable(vCenterId);
    }

    /** VMware's {@code ve:esxId} attribute (the VM's id on its ESXi host), if present. */
    public Optional<String> esxId() {
        return Optional.ofNullable(esxId);
    }

    /** The adapters of VMware's {@code ve:EthernetAdapterSection}, in order; empty when absent. */
    public List<EthernetAdapter> ethernetAdapters() {
        return ethernetAdapters;
    }

    // --- writing ---------------------------------------------------------------------------------

    /**
     * The document as UTF-8 bytes: an XML declaration, the default namespace and the {@code oe:}
     * prefix for the DSP8027 namespace ({@code ve:} for VMware's, declared only when used),
     * two-space indentation and a final line feed. Order: {@code PlatformSection},
     * {@code PropertySection} (omitted when there are no properties), the entities, then
     * {@code ve:EthernetAdapterSection}, which DSP8027 allows only after the entities. The same
     * content always gives the same bytes.
     *
     * @return the document
     */
    public byte[] toXml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CharRefWriter chars = new CharRefWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(chars);
            new Writer(w).write(this);
            w.close();
        } catch (XMLStreamException | IOException e) {
            throw new IllegalStateException("cannot write the OVF environment: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static final class Writer {
        private static final String OE = "oe";
        private static final String VE = "ve";
        private final XMLStreamWriter w;

        Writer(XMLStreamWriter w) {
            this.w = w;
        }

        void write(OvfEnvironment env) throws XMLStreamException {
            boolean vmware = env.vCenterId != null || env.esxId != null || !env.ethernetAdapters.isEmpty();
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(Namespaces.OVF_ENV);
            w.setPrefix(OE, Namespaces.OVF_ENV);
            w.writeStartElement("", "Environment", Namespaces.OVF_ENV);
            w.writeDefaultNamespace(Namespaces.OVF_ENV);
            w.writeNamespace(OE, Namespaces.OVF_ENV);
            if (vmware) {
                w.setPrefix(VE, Namespaces.VMW_ENV);
                w.writeNamespace(VE, Namespaces.VMW_ENV);
            }
            attribute(OE, Namespaces.OVF_ENV, "id", env.id);
            if (env.vCenterId != null) {
                attribute(VE, Namespaces.VMW_ENV, "vCenterId", env.vCenterId);
            }
            if (env.esxId != null) {
                attribute(VE, Namespaces.VMW_ENV, "esxId", env.esxId);
            }
            if (env.platform != null) {
                writePlatform(env.platform, 1);
            }
            writeProperties(env.properties, 1);
            for (Entity e : env.entities) {
                indent(1);
                if (e.properties().isEmpty()) {
                    w.writeEmptyElement("", "Entity", Namespaces.OVF_ENV);
                    attribute(OE, Namespaces.OVF_ENV, "id", e.id());
                } else {
                    w.writeStartElement("", "Entity", Namespaces.OVF_ENV);
                    attribute(OE, Namespaces.OVF_ENV, "id", e.id());
                    writeProperties(e.properties(), 2);
                    indent(1);
                    w.writeEndElement();
                }
            }
            if (!env.ethernetAdapters.isEmpty()) {
                indent(1);
                w.writeStartElement(VE, "EthernetAdapterSection", Namespaces.VMW_ENV);
                for (EthernetAdapter a : env.ethernetAdapters) {
                    indent(2);
                    w.writeEmptyElement(VE, "Adapter", Namespaces.VMW_ENV);
                    attribute(VE, Namespaces.VMW_ENV, "mac", a.mac());
                    if (a.network() != null) {
                        attribute(VE, Namespaces.VMW_ENV, "network", a.network());
                    }
                    if (a.unitNumber() != null) {
                        attribute(VE, Namespaces.VMW_ENV, "unitNumber", a.unitNumber().toString());
                    }
                }
                indent(1);
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
        }

        private void writePlatform(Platform p, int depth) throws XMLStreamException {
            indent(depth);
            if (p.kind() == null && p.version() == null && p.vendor() == null && p.locale() == null
                    && p.timezone() == null) {
                w.writeEmptyElement("", "PlatformSection", Namespaces.OVF_ENV);
                return;
            }
            w.writeStartElement("", "PlatformSection", Namespaces.OVF_ENV);
            text("Kind", p.kind(), depth + 1);
            text("Version", p.version(), depth + 1);
            text("Vendor", p.vendor(), depth + 1);
            text("Locale", p.locale(), depth + 1);
            text("Timezone", p.timezone() == null ? null : p.timezone().toString(), depth + 1);
            indent(depth);
            w.writeEndElement();
        }

        private void writeProperties(Map<String, String> props, int depth) throws XMLStreamException {
            if (props.isEmpty()) {
                return;
            }
            indent(depth);
            w.writeStartElement("", "PropertySection", Namespaces.OVF_ENV);
            for (Map.Entry<String, String> e : props.entrySet()) {
                indent(depth + 1);
                w.writeEmptyElement("", "Property", Namespaces.OVF_ENV);
                attribute(OE, Namespaces.OVF_ENV, "key", e.getKey());
                attribute(OE, Namespaces.OVF_ENV, "value", e.getValue());
            }
            indent(depth);
            w.writeEndElement();
        }

        private void text(String name, String value, int depth) throws XMLStreamException {
            if (value == null) {
                return;
            }
            indent(depth);
            w.writeStartElement("", name, Namespaces.OVF_ENV);
            w.writeCharacters(CharRefWriter.encode(value, false));
            w.writeEndElement();
        }

        private void attribute(String prefix, String ns, String local, String value) throws XMLStreamException {
            w.writeAttribute(prefix, ns, local, CharRefWriter.encode(value, true));
        }

        private void indent(int depth) throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
    }

    // --- reading ---------------------------------------------------------------------------------

    /**
     * Reads an OVF environment document. The parser is hardened: a DOCTYPE is refused and no
     * external entity or DTD is ever loaded. Unknown sections and foreign elements are skipped;
     * attributes are accepted with the {@code oe:} (or {@code ve:}) namespace or without one.
     *
     * @param xml the document bytes
     * @return the environment
     * @throws OvfException when the bytes are not well-formed XML, contain a DOCTYPE, have another
     *     root element than DSP8027's {@code Environment}, or break the model's rules (missing
     *     {@code oe:id} or {@code oe:key}, duplicate keys, a non-integer {@code Timezone}); the
     *     message names line and column
     */
    public static OvfEnvironment parse(byte[] xml) {
        return parse(xml, null);
    }

    /**
     * {@link #parse(byte[])} naming the source in error messages.
     *
     * @param xml the document bytes
     * @param sourceName file name for messages, or {@code null}
     * @return the environment
     * @throws OvfException see {@link #parse(byte[])}
     */
    public static OvfEnvironment parse(byte[] xml, String sourceName) {
        Objects.requireNonNull(xml, "xml");
        return EnvParser.parse(xml, sourceName);
    }

    // --- value semantics -------------------------------------------------------------------------

    /** Equal when every part is equal, properties compared in order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof OvfEnvironment e && id.equals(e.id) && Objects.equals(platform, e.platform)
                && sameOrder(properties, e.properties) && entities.equals(e.entities)
                && Objects.equals(vCenterId, e.vCenterId) && Objects.equals(esxId, e.esxId)
                && ethernetAdapters.equals(e.ethernetAdapters);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(id, platform, new ArrayList<>(properties.entrySet()), entities, vCenterId, esxId,
                ethernetAdapters);
    }

    /** A summary with the property keys; values are left out as they may hold passwords. */
    @Override
    public String toString() {
        return "OvfEnvironment[id=" + id + ", platform=" + platform + ", properties=" + properties.keySet()
                + ", entities=" + entities + (vCenterId != null ? ", vCenterId=" + vCenterId : "")
                + (esxId != null ? ", esxId=" + esxId : "") + ", ethernetAdapters=" + ethernetAdapters + "]";
    }

    static boolean sameOrder(Map<String, String> a, Map<String, String> b) {
        return new ArrayList<>(a.entrySet()).equals(new ArrayList<>(b.entrySet()));
    }

    /** An unmodifiable, order-keeping copy with checked keys and values. */
    static Map<String, String> copyProperties(Map<String, String> source, String owner) {
        Objects.requireNonNull(source, "properties");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : source.entrySet()) {
            checkProperty(e.getKey(), e.getValue(), owner);
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    static void checkProperty(String key, String value, String owner) {
        Objects.requireNonNull(key, "property key");
        Objects.requireNonNull(value, () -> "value of property " + key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty property key in " + owner);
        }
        XmlText.check(key, "property key '" + key + "' of " + owner);
        XmlText.check(value, "value of property '" + key + "' of " + owner);
    }

    /**
     * Collects the content of an {@link OvfEnvironment}. Properties keep their insertion order and
     * their keys must be unique, as must entity ids. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private Platform platform;
        private final LinkedHashMap<String, String> properties = new LinkedHashMap<>();
        private final List<Entity> entities = new ArrayList<>();
        private final Set<String> entityIds = new HashSet<>();
        private String vCenterId;
        private String esxId;
        private final List<EthernetAdapter> adapters = new ArrayList<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("an OVF environment needs the non-blank ovf:id of its virtual system");
            }
            this.id = XmlText.check(id, "environment id");
        }

        /**
         * Sets (or with {@code null} removes) the {@code PlatformSection}.
         *
         * @param platform the platform
         * @return this builder
         */
        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        /**
         * Adds a property of the recipient.
         *
         * @param key the property key ({@code ovf:key}, qualified with the ProductSection's class and
         *     instance where it has them)
         * @param value the final value, possibly empty
         * @return this builder
         * @throws IllegalArgumentException when the key is already set, empty, or a text cannot be
         *     written as XML
         */
        public Builder property(String key, String value) {
            checkProperty(key, value, "the environment");
            if (properties.containsKey(key)) {
                throw new IllegalArgumentException("duplicate property key '" + key + "'");
            }
            properties.put(key, value);
            return this;
        }

        /**
         * Adds several properties in the map's iteration order.
         *
         * @param map keys to values
         * @return this builder
         * @throws IllegalArgumentException see {@link #property(String, String)}
         */
        public Builder properties(Map<String, String> map) {
            map.forEach(this::property);
            return this;
        }

        /**
         * Adds an {@code Entity} for a sibling system.
         *
         * @param entity the entity
         * @return this builder
         * @throws IllegalArgumentException when an entity with that id was already added
         */
        public Builder entity(Entity entity) {
            Objects.requireNonNull(entity, "entity");
            if (!entityIds.add(entity.id())) {
                throw new IllegalArgumentException("duplicate Entity id '" + entity.id() + "'");
            }
            entities.add(entity);
            return this;
        }

        /**
         * Adds an {@code Entity} for a sibling system.
         *
         * @param entityId the sibling's {@code ovf:id}
         * @param entityProperties its properties, in the map's iteration order
         * @return this builder
         */
        public Builder entity(String entityId, Map<String, String> entityProperties) {
            return entity(new Entity(entityId, entityProperties));
        }

        /**
         * Sets VMware's {@code ve:vCenterId} attribute ({@code null} removes it).
         *
         * @param vCenterId the VM's vCenter managed object id, e.g. {@code vm-123}
         * @return this builder
         */
        public Builder vCenterId(String vCenterId) {
            this.vCenterId = XmlText.check(vCenterId, "vCenterId");
            return this;
        }

        /**
         * Sets VMware's {@code ve:esxId} attribute ({@code null} removes it).
         *
         * @param esxId the VM's id on its ESXi host
         * @return this builder
         */
        public Builder esxId(String esxId) {
            this.esxId = XmlText.check(esxId, "esxId");
            return this;
        }

        /**
         * Adds an adapter to VMware's {@code ve:EthernetAdapterSection}.
         *
         * @param adapter the adapter
         * @return this builder
         */
        public Builder ethernetAdapter(EthernetAdapter adapter) {
            adapters.add(Objects.requireNonNull(adapter, "adapter"));
            return this;
        }

        /**
         * Adds an adapter to VMware's {@code ve:EthernetAdapterSection}.
         *
         * @param mac the MAC address
         * @param network the network name, or {@code null}
         * @param unitNumber the unit number, or {@code null}
         * @return this builder
         */
        public Builder ethernetAdapter(String mac, String network, Integer unitNumber) {
            return ethernetAdapter(new EthernetAdapter(mac, network, unitNumber));
        }

        /** The environment built from this builder's content. */
        public OvfEnvironment build() {
            return new OvfEnvironment(this);
        }
    }
}
