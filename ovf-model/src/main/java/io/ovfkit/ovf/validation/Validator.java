package io.ovfkit.ovf.validation;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Icon;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.Section;
import io.ovfkit.ovf.model.Strings;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import io.ovfkit.ovf.schema.SchemaValidator;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.ovf.value.PropertyType;
import io.ovfkit.ovf.value.Qualifiers;
import io.ovfkit.ovf.value.ResourceType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Checks a descriptor against the rules of DSP0243 that a schema cannot express (references that
 * must resolve, identifiers that must be unique, values that must parse and fit) and, when given
 * schemas, against the DMTF XSD of its version. Returns {@link Diagnostic}s; never throws for a
 * bad descriptor.
 *
 * <p>Rule ids are stable; {@code docs/validation-rules.md} of the module lists them.
 *
 * <pre>{@code
 * List<Diagnostic> findings = Validator.builder().profile(Profile.STRICT).build().validate(descriptor);
 * }</pre>
 *
 * <p>Immutable and safe to share between threads (each call keeps its state to itself, and a
 * {@link SchemaValidator} caches compiled schemas in a concurrent map); the descriptor must not be
 * changed by another thread during a call.
 */
public final class Validator {
    private final Profile profile;
    private final SchemaValidator schemas;

    private Validator(Builder b) {
        this.profile = b.profile;
        this.schemas = b.schemas;
    }

    /** A builder; the defaults are the lax profile and no schema validation. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Validator}s. */
    public static final class Builder {
        private Profile profile = Profile.LAX;
        private SchemaValidator schemas;

        private Builder() {
        }

        /** The profile: {@link Profile#LAX} (default) or {@link Profile#STRICT}. */
        public Builder profile(Profile p) {
            this.profile = Objects.requireNonNull(p);
            return this;
        }

        /** Also validate against the DMTF schemas of this validator (null: do not). */
        public Builder schemas(SchemaValidator s) {
            this.schemas = s;
            return this;
        }

        /** The validator. */
        public Validator build() {
            return new Validator(this);
        }
    }

    /**
     * Every finding about {@code descriptor}: what the reader noticed, the rules, and schema
     * findings, sorted by position; under {@link Profile#STRICT} warnings are raised to errors.
     */
    public List<Diagnostic> validate(OvfDescriptor descriptor) {
        Run run = new Run(descriptor);
        run.out.addAll(descriptor.readDiagnostics());
        run.check();
        if (schemas != null) {
            run.out.addAll(schemas.validate(descriptor.originalBytes(), descriptor.sourceName()));
        }
        List<Diagnostic> result = new ArrayList<>();
        for (Diagnostic d : run.out) {
            result.add(profile == Profile.STRICT && d.severity() == Severity.WARNING ? d.withSeverity(Severity.ERROR) : d);
        }
        result.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return List.copyOf(result);
    }

    /** Whether any finding is an error. */
    public static boolean hasErrors(List<Diagnostic> findings) {
        return findings.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    private static final class Run {
        private final OvfDescriptor d;
        private final Envelope env;
        private final List<Diagnostic> out = new ArrayList<>();
        private final Map<String, FileReference> files = new LinkedHashMap<>();
        private final Map<String, VirtualDisk> disks = new LinkedHashMap<>();
        private final Set<String> networks = new HashSet<>();
        private final Set<String> configurations = new HashSet<>();
        private final Map<String, String> propertyDefaults = new HashMap<>();

        Run(OvfDescriptor d) {
            this.d = d;
            this.env = d.envelope();
        }

        private void add(Severity s, String rule, Object where, String message) {
            int[] lc = where == null ? null : d.locate(where).orElse(null);
            out.add(new Diagnostic(rule, s, lc == null ? 0 : lc[0], lc == null ? 0 : lc[1], message));
        }

        private void error(String rule, Object where, String message) {
            add(Severity.ERROR, rule, where, message);
        }

        private void warning(String rule, Object where, String message) {
            add(Severity.WARNING, rule, where, message);
        }

        private void info(String rule, Object where, String message) {
            add(Severity.INFO, rule, where, message);
        }

        void check() {
            checkReferences();
            checkDisks();
            checkNetworks();
            checkDeploymentOptions();
            checkSections(env, env.sections(), env.unknownElements(), true);
            Optional<Content> content = env.content();
            if (content.isEmpty()) {
                error("OVF_NO_CONTENT", env, "the Envelope has no VirtualSystem or VirtualSystemCollection");
            } else {
                Set<String> ids = new HashSet<>();
                checkContent(content.get(), ids);
            }
            checkStrings();
        }

        // ------------------------------------------------------------------ References

        private void checkReferences() {
            Optional<References> refs = env.references();
            if (refs.isEmpty()) {
                error("OVF_NO_REFERENCES", env, "the Envelope has no References element (required, even when empty)");
                return;
            }
            Set<String> hrefs = new HashSet<>();
            for (FileReference f : refs.get().files()) {
                String id = f.getId();
                if (id == null || id.isBlank()) {
                    error("OVF_MISSING_ATTRIBUTE", f, "File without ovf:id");
                } else if (files.putIfAbsent(id, f) != null) {
                    error("OVF_DUPLICATE_FILE_ID", f, "File id \"" + id + "\" is used more than once");
                }
                String href = f.getHref();
                if (href == null || href.isBlank()) {
                    error("OVF_MISSING_ATTRIBUTE", f, "File \"" + id + "\" without ovf:href");
                    continue;
                }
                if (!hrefs.add(href)) {
                    error("OVF_DUPLICATE_HREF", f, "href \"" + href + "\" is listed more than once");
                }
                checkHref(f, href);
                if (f.getSize() != null && f.getSize() < 0) {
                    error("OVF_BAD_SIZE", f, "File \"" + id + "\": ovf:size " + f.getSize() + " is negative");
                }
                if (f.getChunkSize() != null && f.getChunkSize() <= 0) {
                    error("OVF_BAD_CHUNK_SIZE", f, "File \"" + id + "\": ovf:chunkSize " + f.getChunkSize()
                            + " must be a positive number of bytes");
                }
                String comp = f.getCompression();
                if (comp != null && !comp.isEmpty() && !comp.equals("gzip")) {
                    if (comp.equals("identity")) {
                        warning("OVF_COMPRESSION", f, "File \"" + id + "\": ovf:compression=\"identity\" is not standard; read as uncompressed");
                    } else {
                        error("OVF_COMPRESSION", f, "File \"" + id + "\": unsupported ovf:compression \"" + comp + "\"; expected gzip or none");
                    }
                }
            }
        }

        private void checkHref(Object where, String href) {
            String reason = null;
            try {
                URI u = new URI(href.replace(" ", "%20"));
                if (u.isAbsolute()) {
                    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
                    if (scheme.length() == 1) {
                        reason = "is an absolute Windows path";
                    } else if (!scheme.equals("http") && !scheme.equals("https")) {
                        reason = "is an absolute " + scheme + ": URL";
                    } else {
                        info("OVF_REMOTE_HREF", where, "href \"" + href + "\" is a remote URL; the package is not self-contained");
                    }
                } else {
                    String p = u.getPath() == null ? href : u.getPath();
                    if (p.startsWith("/") || p.startsWith("\\")) {
                        reason = "is an absolute path";
                    } else {
                        int depth = 0;
                        for (String seg : p.split("[/\\\\]")) {
                            if (seg.equals("..")) {
                                depth--;
                                if (depth < 0) {
                                    reason = "leaves the package folder (\"..\")";
                                    break;
                                }
                            } else if (!seg.isEmpty() && !seg.equals(".")) {
                                depth++;
                            }
                        }
                    }
                }
            } catch (URISyntaxException e) {
                reason = "is not a valid relative URL (" + e.getReason() + ")";
            }
            if (reason != null) {
                warning("OVF_HREF_ESCAPES", where, "href \"" + href + "\" " + reason
                        + "; package members must stay inside the package folder");
            }
        }

        // ------------------------------------------------------------------ Disks

        private void checkDisks() {
            Optional<DiskSection> ds = env.diskSection();
            if (ds.isEmpty()) {
                return;
            }
            for (VirtualDisk disk : ds.get().getDisks()) {
                String id = disk.getDiskId();
                if (id == null || id.isBlank()) {
                    error("OVF_MISSING_ATTRIBUTE", disk, "Disk without ovf:diskId");
                    continue;
                }
                if (disks.putIfAbsent(id, disk) != null) {
                    error("OVF_DUPLICATE_DISK_ID", disk, "Disk id \"" + id + "\" is used more than once");
                }
            }
            List<String> fileOrder = new ArrayList<>();
            for (VirtualDisk disk : ds.get().getDisks()) {
                String id = disk.getDiskId();
                String fr = disk.getFileRef();
                if (fr != null && !fr.isEmpty()) {
                    if (!files.containsKey(fr)) {
                        error("OVF_DANGLING_FILE_REF", disk, "Disk \"" + id + "\": ovf:fileRef \"" + fr + "\" names no File in References");
                    } else {
                        fileOrder.add(fr);
                    }
                }
                if (disk.getParentRef() != null && !disks.containsKey(disk.getParentRef())) {
                    error("OVF_DANGLING_PARENT_REF", disk, "Disk \"" + id + "\": ovf:parentRef \"" + disk.getParentRef() + "\" names no Disk");
                }
                checkCapacity(disk, id);
            }
            List<String> referencedInFileOrder = files.keySet().stream().filter(fileOrder::contains).toList();
            if (!referencedInFileOrder.equals(fileOrder.stream().distinct().toList())) {
                info("OVF_DISK_ORDER", ds.get(), "Disks are not listed in the order of the Files they reference; some importers expect the same order");
            }
        }

        private void checkCapacity(VirtualDisk disk, String id) {
            String cap = disk.getCapacity();
            if (cap == null || cap.isBlank()) {
                error("OVF_MISSING_ATTRIBUTE", disk, "Disk \"" + id + "\" without ovf:capacity");
                return;
            }
            Capacity c;
            try {
                c = Capacity.parse(cap, disk.getCapacityAllocationUnits());
            } catch (IllegalArgumentException | ArithmeticException e) {
                error("OVF_BAD_CAPACITY", disk, "Disk \"" + id + "\": " + e.getMessage());
                return;
            }
            if (!c.units().standard()) {
                warning("OVF_NONSTANDARD_UNITS", disk, "Disk \"" + id + "\": ovf:capacityAllocationUnits \""
                        + disk.getCapacityAllocationUnits() + "\" is not a DSP0004 unit; read as " + c.units().canonical());
            }
            if (c.isPropertyReference()) {
                String key = c.propertyKey().orElse("");
                if (!propertyKeysAnywhere().contains(key)) {
                    error("OVF_DANGLING_PROPERTY_REF", disk, "Disk \"" + id + "\": capacity refers to property \"" + key + "\", which no ProductSection defines");
                }
                return;
            }
            OptionalLong bytes = c.bytes();
            Long pop = disk.getPopulatedSize();
            if (pop != null) {
                if (pop < 0) {
                    error("OVF_BAD_POPULATED_SIZE", disk, "Disk \"" + id + "\": ovf:populatedSize " + pop + " is negative");
                } else if (bytes.isPresent() && pop > bytes.getAsLong()) {
                    error("OVF_POPULATED_SIZE_EXCEEDS_CAPACITY", disk, "Disk \"" + id + "\": ovf:populatedSize " + pop
                            + " exceeds the capacity of " + bytes.getAsLong() + " bytes");
                }
            }
            if (bytes.isPresent() && bytes.getAsLong() == 0) {
                warning("OVF_ZERO_CAPACITY", disk, "Disk \"" + id + "\" has a capacity of 0 bytes");
            }
        }

        private Set<String> propertyKeysAnywhere() {
            Set<String> keys = new HashSet<>();
            env.content().ifPresent(c -> collectPropertyKeys(c, keys));
            return keys;
        }

        private static void collectPropertyKeys(Content c, Set<String> keys) {
            for (ProductSection ps : c.sectionsOf(ProductSection.class)) {
                for (Property p : ps.properties()) {
                    if (p.getKey() != null) {
                        keys.add(p.getKey());
                        keys.add(ps.propertyId(p));
                    }
                }
            }
            if (c instanceof VirtualSystemCollection vsc) {
                for (Content k : vsc.contents()) {
                    collectPropertyKeys(k, keys);
                }
            }
        }

        // ------------------------------------------------------------------ Networks, options

        private void checkNetworks() {
            Optional<NetworkSection> ns = env.networkSection();
            if (ns.isEmpty()) {
                return;
            }
            for (Network n : ns.get().getNetworks()) {
                if (n.getName() == null || n.getName().isBlank()) {
                    error("OVF_MISSING_ATTRIBUTE", n, "Network without ovf:name");
                } else if (!networks.add(n.getName())) {
                    error("OVF_DUPLICATE_NETWORK", n, "Network \"" + n.getName() + "\" is declared more than once");
                }
            }
        }

        private void checkDeploymentOptions() {
            Optional<DeploymentOptionSection> dos = env.deploymentOptionSection();
            if (dos.isEmpty()) {
                return;
            }
            int defaults = 0;
            for (DeploymentOption c : dos.get().getConfigurations()) {
                if (c.getId() == null || c.getId().isBlank()) {
                    error("OVF_MISSING_ATTRIBUTE", c, "Configuration without ovf:id");
                    continue;
                }
                if (!configurations.add(c.getId())) {
                    error("OVF_DUPLICATE_CONFIGURATION_ID", c, "Configuration id \"" + c.getId() + "\" is used more than once");
                }
                if (c.isDefault()) {
                    defaults++;
                }
                if (c.getLabel() == null) {
                    warning("OVF_MISSING_ELEMENT", c, "Configuration \"" + c.getId() + "\" has no Label (required)");
                }
            }
            if (defaults > 1) {
                error("OVF_MULTIPLE_DEFAULT_CONFIGURATIONS", dos.get(), defaults + " Configurations are marked ovf:default=\"true\"; at most one may be");
            }
            if (dos.get().getConfigurations().isEmpty()) {
                warning("OVF_EMPTY_DEPLOYMENT_OPTIONS", dos.get(), "DeploymentOptionSection without any Configuration");
            }
        }

        private void checkConfigurationRef(Object where, String what, String configuration) {
            if (configuration == null || configuration.isBlank()) {
                return;
            }
            for (String id : configuration.trim().split("[\\s,]+")) {
                if (!configurations.contains(id)) {
                    error("OVF_UNKNOWN_CONFIGURATION", where, what + ": ovf:configuration \"" + id
                            + "\" is not an id of the DeploymentOptionSection"
                            + (configurations.isEmpty() ? " (there is none)" : " " + configurations));
                }
            }
        }

        // ------------------------------------------------------------------ Sections and content

        private void checkSections(Object owner, List<? extends Section> sections, List<Element> unknown, boolean envelopeLevel) {
            for (Section s : sections) {
                if (s.getInfo() == null) {
                    warning("OVF_MISSING_INFO", s, s.getClass().getSimpleName() + " has no Info element (required)");
                }
            }
            for (Element e : unknown) {
                String name = "{" + e.getNamespaceURI() + "}" + e.getLocalName();
                String req = e.getAttributeNS(Namespaces.OVF, "required");
                int[] lc = d.locateUnknown(owner, e).orElse(null);
                int line = lc == null ? 0 : lc[0];
                int col = lc == null ? 0 : lc[1];
                boolean looksLikeSection = e.getLocalName().endsWith("Section") || hasInfoChild(e);
                if ("false".equals(req.trim())) {
                    out.add(Diagnostic.info("OVF_UNKNOWN_SECTION", line, col, e.getTagName() + " (" + name
                            + ") is not understood and may be ignored (ovf:required=\"false\")"));
                } else if (Namespaces.OVF.equals(e.getNamespaceURI())) {
                    out.add(Diagnostic.error("OVF_UNKNOWN_REQUIRED_SECTION", line, col, e.getTagName() + " (" + name
                            + ") is not understood and is required (ovf:required is absent or true); a consumer must refuse the import"));
                } else if (looksLikeSection) {
                    out.add(Diagnostic.warning("OVF_UNKNOWN_REQUIRED_SECTION", line, col, e.getTagName() + " (" + name
                            + ") is a vendor section that does not say ovf:required=\"false\"; strict consumers refuse the import"));
                } else {
                    out.add(Diagnostic.warning("OVF_UNKNOWN_ELEMENT", line, col, e.getTagName() + " (" + name
                            + ") is not understood and does not say ovf:required=\"false\""));
                }
            }
        }

        private static boolean hasInfoChild(Element e) {
            for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element ce && "Info".equals(ce.getLocalName())) {
                    return true;
                }
            }
            return false;
        }

        private void checkContent(Content c, Set<String> ids) {
            String id = c.getId();
            String kind = c instanceof VirtualSystemCollection ? "VirtualSystemCollection" : "VirtualSystem";
            if (id == null || id.isBlank()) {
                error("OVF_MISSING_ATTRIBUTE", c, kind + " without ovf:id (required)");
            } else if (!ids.add(id)) {
                error("OVF_DUPLICATE_CONTENT_ID", c, kind + " id \"" + id + "\" is used more than once");
            }
            if (c.getInfo() == null) {
                warning("OVF_MISSING_INFO", c, kind + " \"" + id + "\" has no Info element (required)");
            }
            checkSections(c, c.sections(), c.unknownElements(), false);
            checkProducts(c);
            for (OperatingSystemSection os : c.sectionsOf(OperatingSystemSection.class)) {
                if (os.getId() == null) {
                    error("OVF_MISSING_ATTRIBUTE", os, "OperatingSystemSection without a numeric ovf:id (CIM OSType)");
                }
            }
            if (c instanceof VirtualSystem) {
                List<VirtualHardwareSection> hw = c.sectionsOf(VirtualHardwareSection.class);
                if (hw.isEmpty()) {
                    info("OVF_NO_HARDWARE", c, "VirtualSystem \"" + id + "\" has no VirtualHardwareSection");
                }
                for (VirtualHardwareSection h : hw) {
                    checkHardware(h, id);
                }
            }
            if (c instanceof VirtualSystemCollection vsc) {
                for (Content k : vsc.contents()) {
                    checkContent(k, ids);
                }
            }
        }

        private void checkProducts(Content c) {
            Map<String, Property> keys = new HashMap<>();
            for (ProductSection ps : c.sectionsOf(ProductSection.class)) {
                for (Icon icon : ps.getIcons()) {
                    if (icon.getFileRef() != null && !files.containsKey(icon.getFileRef())) {
                        error("OVF_DANGLING_FILE_REF", icon, "Icon: ovf:fileRef \"" + icon.getFileRef() + "\" names no File in References");
                    }
                }
                for (Property p : ps.properties()) {
                    if (p.getKey() == null || p.getKey().isBlank()) {
                        error("OVF_MISSING_ATTRIBUTE", p, "Property without ovf:key");
                        continue;
                    }
                    String eff = ps.propertyId(p);
                    if (keys.putIfAbsent(eff, p) != null) {
                        error("OVF_DUPLICATE_PROPERTY_KEY", p, "property \"" + eff + "\" is defined more than once in this "
                                + (c instanceof VirtualSystem ? "VirtualSystem" : "VirtualSystemCollection"));
                    }
                    checkProperty(p, eff);
                }
            }
        }

        private void checkProperty(Property p, String eff) {
            String typeText = p.getType();
            if (typeText == null || typeText.isBlank()) {
                error("OVF_MISSING_ATTRIBUTE", p, "property \"" + eff + "\" without ovf:type");
                return;
            }
            PropertyType type = PropertyType.parse(typeText);
            if (!type.known()) {
                warning("OVF_UNKNOWN_PROPERTY_TYPE", p, "property \"" + eff + "\": unknown ovf:type \"" + typeText + "\"; treated as string");
            } else if (!type.exactSpelling()) {
                warning("OVF_PROPERTY_TYPE_SPELLING", p, "property \"" + eff + "\": ovf:type \"" + typeText
                        + "\" should be written \"" + type.canonical() + "\"");
            } else if (!type.standard()) {
                info("OVF_VENDOR_PROPERTY_TYPE", p, "property \"" + eff + "\": ovf:type \"" + typeText + "\" is a VMware extension");
            }
            Qualifiers q = null;
            if (p.getQualifiers() != null && !p.getQualifiers().isBlank()) {
                try {
                    q = Qualifiers.parse(p.getQualifiers());
                } catch (IllegalArgumentException e) {
                    error("OVF_BAD_QUALIFIERS", p, "property \"" + eff + "\": " + e.getMessage());
                }
            }
            checkConfigurationRef(p, "property \"" + eff + "\"", p.getConfiguration());
            checkValue(p, eff, "default value", p.getValue(), type, q, p.isPassword());
            for (PropertyValue v : p.getValues()) {
                checkConfigurationRef(v, "property \"" + eff + "\" Value", v.getConfiguration());
                checkValue(v, eff, "value for configuration \"" + v.getConfiguration() + "\"", v.getValue(), type, q, p.isPassword());
            }
        }

        private void checkValue(Object where, String eff, String what, String value, PropertyType type, Qualifiers q,
                boolean password) {
            if (value == null || value.isEmpty()) {
                return; // unset: the user supplies it at deployment
            }
            if (value.startsWith("${") && value.endsWith("}")) {
                return; // a reference to another property
            }
            Optional<String> bad = type.check(value);
            if (bad.isPresent()) {
                error("OVF_PROPERTY_VALUE", where, "property \"" + eff + "\": " + what + " does not fit ovf:type "
                        + type.canonical() + ": " + masked(bad.get(), value, password));
                return;
            }
            if (q != null) {
                for (String v : q.check(value, type)) {
                    error("OVF_PROPERTY_QUALIFIER", where, "property \"" + eff + "\": " + what
                            + " breaks its qualifiers: " + masked(v, value, password));
                }
            }
        }

        /** Passwords are never printed, not even a rejected default. */
        private static String masked(String message, String value, boolean password) {
            return password ? message.replace(value, "***") : message;
        }

        private void checkHardware(VirtualHardwareSection h, String vsId) {
            List<DeviceItem> devices = h.devices();
            Map<String, List<DeviceItem>> byId = new LinkedHashMap<>();
            for (DeviceItem item : devices) {
                String iid = item.getInstanceId();
                checkConfigurationRef(item, item.kind() + " " + (iid == null ? "" : iid), item.getConfiguration());
                if (iid == null || iid.isBlank()) {
                    error("OVF_MISSING_ELEMENT", item, item.kind() + " without InstanceID (required)");
                    continue;
                }
                byId.computeIfAbsent(iid, k -> new ArrayList<>()).add(item);
                if (item.getElementName() == null) {
                    warning("OVF_MISSING_ELEMENT_NAME", item, item.kind() + " " + iid + " has no ElementName (required by the CIM schema; VirtualBox omits it)");
                }
                String bound = item.getBound();
                if (bound != null && !bound.equals("min") && !bound.equals("max") && !bound.equals("normal")) {
                    error("OVF_BAD_BOUND", item, item.kind() + " " + iid + ": ovf:bound \"" + bound + "\"; expected min, max or normal");
                }
                checkResourceType(item, iid);
            }
            for (Map.Entry<String, List<DeviceItem>> e : byId.entrySet()) {
                List<DeviceItem> same = e.getValue();
                for (int i = 0; i < same.size(); i++) {
                    for (int j = i + 1; j < same.size(); j++) {
                        DeviceItem a = same.get(i);
                        DeviceItem b = same.get(j);
                        if (!Objects.equals(norm(a.getBound()), norm(b.getBound()))) {
                            continue;
                        }
                        boolean aAll = a.getConfiguration() == null || a.getConfiguration().isBlank();
                        boolean bAll = b.getConfiguration() == null || b.getConfiguration().isBlank();
                        if (aAll && bAll) {
                            error("OVF_DUPLICATE_INSTANCE_ID", b, "InstanceID " + e.getKey()
                                    + " is used by more than one item that applies to every configuration");
                        } else if (!aAll && !bAll && overlap(a.getConfiguration(), b.getConfiguration())) {
                            warning("OVF_AMBIGUOUS_INSTANCE_ID", b, "InstanceID " + e.getKey() + " is used by two items for the same configuration ("
                                    + a.getConfiguration() + " / " + b.getConfiguration() + "); which one applies is up to the consumer");
                        }
                    }
                }
            }
            for (DeviceItem item : devices) {
                String parent = item.getParent();
                if (parent != null && !parent.isBlank() && !byId.containsKey(parent.trim())) {
                    error("OVF_DANGLING_PARENT", item, item.kind() + " " + item.getInstanceId() + ": Parent " + parent + " is not the InstanceID of an item of this VirtualHardwareSection");
                }
                for (String hr : item.getHostResources()) {
                    checkHostResource(item, hr);
                }
                for (String conn : item.getConnections()) {
                    if (conn != null && !conn.isBlank() && !networks.contains(conn.trim())) {
                        warning("OVF_UNDECLARED_NETWORK", item, item.kind() + " " + item.getInstanceId() + ": Connection \"" + conn
                                + "\" is not declared in the NetworkSection");
                    }
                }
            }
            if (h.getSystem() == null) {
                info("OVF_NO_SYSTEM", h, "VirtualHardwareSection of \"" + vsId + "\" has no System element (VirtualSystemType)");
            }
        }

        private static String norm(String bound) {
            return bound == null ? "normal" : bound;
        }

        /**
         * Whether two items with one InstanceID apply to a common configuration. An item without
         * ovf:configuration is the default that configuration-specific items override, so only two
         * unconditional items, or two whose lists share an id, clash.
         */
        private static boolean overlap(String a, String b) {
            boolean aAll = a == null || a.isBlank();
            boolean bAll = b == null || b.isBlank();
            if (aAll || bAll) {
                return aAll && bAll;
            }
            Set<String> sa = new HashSet<>(List.of(a.trim().split("[\\s,]+")));
            for (String x : b.trim().split("[\\s,]+")) {
                if (sa.contains(x)) {
                    return true;
                }
            }
            return false;
        }

        private void checkResourceType(DeviceItem item, String iid) {
            String rt = item.getResourceType();
            if (rt == null || rt.isBlank()) {
                warning("OVF_MISSING_RESOURCE_TYPE", item, item.kind() + " " + iid + " has no ResourceType");
                return;
            }
            int code;
            try {
                code = Integer.parseInt(rt.trim());
            } catch (NumberFormatException e) {
                error("OVF_BAD_RESOURCE_TYPE", item, item.kind() + " " + iid + ": ResourceType \"" + rt + "\" is not a number");
                return;
            }
            Optional<ResourceType> known = ResourceType.fromCode(code);
            if (known.isEmpty()) {
                warning("OVF_UNKNOWN_RESOURCE_TYPE", item, item.kind() + " " + iid + ": ResourceType " + code + " (" + ResourceType.describe(code) + ")");
            } else if (!known.get().standard()) {
                info("OVF_NONSTANDARD_RESOURCE_TYPE", item, item.kind() + " " + iid + ": ResourceType " + code + " is "
                        + known.get().displayName() + ", not a CIM value");
            }
        }

        private void checkHostResource(DeviceItem item, String hr) {
            String v = hr == null ? "" : hr.trim();
            String kind = null;
            String id = null;
            for (String prefix : List.of("ovf:/disk/", "ovf://disk/", "/disk/")) {
                if (v.startsWith(prefix)) {
                    kind = "disk";
                    id = v.substring(prefix.length());
                    if (!prefix.equals("ovf:/disk/")) {
                        warning("OVF_HOST_RESOURCE_FORM", item, "HostResource \"" + hr + "\" should be written ovf:/disk/" + id);
                    }
                    break;
                }
            }
            if (kind == null) {
                for (String prefix : List.of("ovf:/file/", "ovf://file/", "/file/")) {
                    if (v.startsWith(prefix)) {
                        kind = "file";
                        id = v.substring(prefix.length());
                        break;
                    }
                }
            }
            if ("disk".equals(kind) && !disks.containsKey(id) && !sharedDiskIds().contains(id)) {
                error("OVF_DANGLING_DISK_REF", item, item.kind() + " " + item.getInstanceId() + ": HostResource \"" + hr + "\" names no Disk of the DiskSection");
            } else if ("file".equals(kind) && !files.containsKey(id)) {
                error("OVF_DANGLING_FILE_REF", item, item.kind() + " " + item.getInstanceId() + ": HostResource \"" + hr + "\" names no File in References");
            }
        }

        private Set<String> sharedDiskIds() {
            Set<String> ids = new HashSet<>();
            env.sharedDiskSection().ifPresent(s -> s.getDisks().forEach(x -> ids.add(x.getDiskId())));
            return ids;
        }

        // ------------------------------------------------------------------ Strings

        private void checkStrings() {
            Set<String> ids = new HashSet<>();
            boolean embedded = false;
            for (Strings s : env.strings()) {
                if (s.getFileRef() != null) {
                    if (!files.containsKey(s.getFileRef())) {
                        warning("OVF_DANGLING_FILE_REF", s, "Strings" + (s.getLang() == null ? "" : " (" + s.getLang() + ")") + ": ovf:fileRef \"" + s.getFileRef() + "\" names no File in References");
                    }
                    continue;
                }
                embedded = true;
                for (Msg m : s.getMessages()) {
                    if (m.getMsgid() != null) {
                        ids.add(m.getMsgid());
                    }
                }
            }
            if (!embedded) {
                return;
            }
            Set<String> used = new HashSet<>();
            MsgCollector.collect(env, used);
            for (String id : used) {
                if (!ids.contains(id)) {
                    info("OVF_MISSING_TRANSLATION", null, "ovf:msgid \"" + id + "\" has no message in any embedded Strings bundle; the default text is used");
                }
            }
        }
    }
}
