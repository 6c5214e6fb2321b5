package io.ovfkit.ovf.info;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Namespaces;
import io.ovfkit.ovf.value.OsType;
import io.ovfkit.ovf.value.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@link DescriptorInfo} read straight from a descriptor's normalised document, without binding the
 * typed model: what {@code ovfkit info} needs at every start, where building the model's JAXB context
 * would cost more than everything else together. It reads each value as the model's binding does
 * (the element or attribute it is bound to; the last of repeated single elements; numbers and
 * booleans as the model's adapters parse them), so that the result equals
 * {@link DescriptorInfo#of} on the bound model; {@code DocumentSummaryTest} compares the two on the
 * corpus and on thousands of mutated descriptors. Where the document holds something whose binding
 * it does not mirror (markup inside a text value) it gives up and the caller binds the model.
 *
 * <p>Stateless; safe to call from any thread on a document that no thread modifies meanwhile.
 */
final class DocumentSummary {
    private static final String OVF = Namespaces.OVF;

    /** Thrown where the document holds something whose binding this class does not mirror. */
    private static final class Unusual extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusual() {
            super(null, null, false, false);
        }
    }

    private DocumentSummary() {
    }

    /**
     * The summary of {@code doc}, or {@code null} when it holds something only the bound model reads
     * faithfully.
     *
     * @param version the OVF version number the descriptor was written in
     * @param doc the normalised, value-screened document
     * @param diagnostics what the reader noticed
     * @param secrets receives the password properties' values, to be masked in messages (possibly
     *     partly filled when the result is {@code null})
     */
    static DescriptorInfo summarize(String version, Document doc, List<Diagnostic> diagnostics, List<String> secrets) {
        try {
            checkTextElements(doc.getDocumentElement());
            return read(version, doc.getDocumentElement(), diagnostics, secrets);
        } catch (RuntimeException e) {
            // Unusual content, or anything this reader did not foresee: the bound model decides,
            // as it did before this fast path existed.
            return null;
        }
    }

    /** The OVF elements the model binds as text (messages and strings). */
    private static final Set<String> OVF_TEXT = Set.of("Info", "Name", "Description", "Label", "Annotation", "License",
            "Product", "Vendor", "Version", "FullVersion", "ProductUrl", "VendorUrl", "AppUrl", "Category", "Msg",
            "NetworkPortProfileURI");
    /** The VMware elements the model binds without room for unknown children. */
    private static final Set<String> VMW_CLOSED = Set.of("Config", "ExtraConfig", "CoresPerSocket");
    private static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";

    /**
     * Gives up where an element the model binds as text (or without room for unknown children)
     * holds an element: the binding reports each such element as an error, a diagnostic the
     * summary would otherwise lack.
     */
    private static void checkTextElements(Element e) {
        boolean closed = false;
        String ns = e.getNamespaceURI();
        if (ns != null) {
            closed = ns.startsWith(CIM) || ns.equals(OVF) && OVF_TEXT.contains(e.getLocalName())
                    || ns.equals(Namespaces.VMW) && VMW_CLOSED.contains(e.getLocalName());
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                if (closed) {
                    throw new Unusual();
                }
                checkTextElements(ce);
            }
        }
    }

    private static DescriptorInfo read(String version, Element env, List<Diagnostic> diagnostics, List<String> secrets) {
        Element optionSection = first(env, OVF, "DeploymentOptionSection");
        List<Element> configurations = optionSection == null ? List.of() : children(optionSection, OVF, "Configuration");
        Element defaultOption = null;
        for (Element c : configurations) {
            if (Boolean.TRUE.equals(bool(c, "default"))) {
                defaultOption = c;
                break;
            }
        }
        if (defaultOption == null && !configurations.isEmpty()) {
            defaultOption = configurations.get(0);
        }
        String defaultId = defaultOption == null ? null : attr(defaultOption, OVF, "id");

        List<Element> contents = new ArrayList<>();
        for (Element c : elements(env)) {
            if (isContent(c)) {
                contents.add(c);
            }
        }
        List<Element> virtualSystems = new ArrayList<>();
        for (Element c : contents) {
            collectVirtualSystems(c, virtualSystems);
        }
        List<DescriptorInfo.SystemInfo> systems = new ArrayList<>();
        for (Element vs : virtualSystems) {
            systems.add(system(vs, defaultId));
        }

        List<DescriptorInfo.FileInfo> files = new ArrayList<>();
        Element references = first(env, OVF, "References");
        if (references != null) {
            for (Element f : children(references, OVF, "File")) {
                files.add(new DescriptorInfo.FileInfo(attr(f, OVF, "id"), attr(f, OVF, "href"), longValue(f, "size"),
                        attr(f, OVF, "compression"), longValue(f, "chunkSize")));
            }
        }

        List<DescriptorInfo.DiskInfo> disks = new ArrayList<>();
        for (Element ds : children(env, OVF, "DiskSection")) {
            for (Element d : children(ds, OVF, "Disk")) {
                String capacity = attr(d, OVF, "capacity");
                String format = attr(d, OVF, "format");
                disks.add(new DescriptorInfo.DiskInfo(attr(d, OVF, "diskId"), attr(d, OVF, "fileRef"), capacity,
                        DescriptorInfo.capacityBytes(capacity, attr(d, OVF, "capacityAllocationUnits")), format,
                        DescriptorInfo.formatName(format), longValue(d, "populatedSize")));
            }
        }

        List<DescriptorInfo.NetworkInfo> networks = new ArrayList<>();
        Element networkSection = first(env, OVF, "NetworkSection");
        if (networkSection != null) {
            for (Element n : children(networkSection, OVF, "Network")) {
                networks.add(new DescriptorInfo.NetworkInfo(attr(n, OVF, "name"), msg(last(n, OVF, "Description"))));
            }
        }

        List<DescriptorInfo.PropertyInfo> properties = new ArrayList<>();
        Element top = contents.isEmpty() ? null : contents.get(0);
        if (top != null) {
            collectProperties(top, defaultId, properties, secrets);
        }

        List<DescriptorInfo.DeploymentOptionInfo> options = new ArrayList<>();
        for (Element o : configurations) {
            options.add(new DescriptorInfo.DeploymentOptionInfo(attr(o, OVF, "id"), msg(last(o, OVF, "Label")),
                    o == defaultOption));
        }

        List<Element> textSources = new ArrayList<>();
        if (top != null) {
            textSources.add(top);
        }
        if (!virtualSystems.isEmpty() && virtualSystems.get(0) != top) {
            textSources.add(virtualSystems.get(0));
        }
        DescriptorInfo.ProductInfo product = null;
        String annotation = null;
        String eula = null;
        for (Element c : textSources) {
            if (product == null) {
                Element ps = first(c, OVF, "ProductSection");
                if (ps != null) {
                    product = new DescriptorInfo.ProductInfo(msg(last(ps, OVF, "Product")), msg(last(ps, OVF, "Vendor")),
                            text(last(ps, OVF, "Version")), text(last(ps, OVF, "FullVersion")),
                            text(last(ps, OVF, "ProductUrl")), text(last(ps, OVF, "VendorUrl")));
                }
            }
            if (annotation == null) {
                Element a = first(c, OVF, "AnnotationSection");
                annotation = a == null ? null : msg(last(a, OVF, "Annotation"));
            }
            if (eula == null) {
                Element e = first(c, OVF, "EulaSection");
                eula = e == null ? null : msg(last(e, OVF, "License"));
            }
        }
        return new DescriptorInfo(version, product, annotation, eula, systems, files, disks, networks, properties,
                options, diagnostics);
    }

    private static boolean isContent(Element e) {
        return OVF.equals(e.getNamespaceURI())
                && ("VirtualSystem".equals(e.getLocalName()) || "VirtualSystemCollection".equals(e.getLocalName()));
    }

    private static void collectVirtualSystems(Element content, List<Element> out) {
        if ("VirtualSystem".equals(content.getLocalName())) {
            out.add(content);
            return;
        }
        for (Element c : elements(content)) {
            if (isContent(c)) {
                collectVirtualSystems(c, out);
            }
        }
    }

    // ------------------------------------------------------------------ virtual systems

    private static DescriptorInfo.SystemInfo system(Element vs, String defaultId) {
        Integer cpus = null;
        Long memory = null;
        String systemType = null;
        String firmware = null;
        Integer coresPerSocket = null;
        List<DescriptorInfo.NicInfo> nics = new ArrayList<>();
        List<DescriptorInfo.ControllerInfo> controllers = new ArrayList<>();
        Element vhs = first(vs, OVF, "VirtualHardwareSection");
        if (vhs != null) {
            Element system = last(vhs, OVF, "System");
            systemType = system == null ? null : text(last(system, Namespaces.VSSD, "VirtualSystemType"));
            for (Element c : children(vhs, Namespaces.VMW, "Config")) {
                if ("firmware".equals(attr(c, Namespaces.VMW, "key")) && attr(c, Namespaces.VMW, "value") != null) {
                    firmware = attr(c, Namespaces.VMW, "value");
                    break;
                }
            }
            boolean cpuSeen = false;
            boolean memorySeen = false;
            for (Item item : effectiveItems(vhs, defaultId)) {
                Integer code = DescriptorInfo.resourceTypeCode(item.text("ResourceType"));
                if (code == null) {
                    continue;
                }
                if (code == ResourceType.ETHERNET_ADAPTER.code()) {
                    List<Element> connections = children(item.element, item.ns, "Connection");
                    nics.add(new DescriptorInfo.NicInfo(item.text("ElementName"), item.text("ResourceSubType"),
                            connections.isEmpty() ? null : text(connections.get(0)).trim()));
                } else if (code == ResourceType.IDE_CONTROLLER.code() || code == ResourceType.PARALLEL_SCSI_HBA.code()
                        || code == ResourceType.OTHER_STORAGE_DEVICE.code()) {
                    String subType = item.text("ResourceSubType");
                    controllers.add(new DescriptorInfo.ControllerInfo(item.text("InstanceID"),
                            DescriptorInfo.controllerKind(code, subType), subType));
                }
                if (code == ResourceType.PROCESSOR.code() && !cpuSeen) {
                    cpuSeen = true;
                    cpus = DescriptorInfo.count(item.text("VirtualQuantity"));
                    Element cores = first(item.element, Namespaces.VMW, "CoresPerSocket");
                    coresPerSocket = cores == null ? null : DescriptorInfo.count(text(cores));
                } else if (code == ResourceType.MEMORY.code() && !memorySeen) {
                    memorySeen = true;
                    memory = DescriptorInfo.memoryBytes(item.text("VirtualQuantity"), item.text("AllocationUnits"));
                }
            }
        }
        String osType = null;
        Integer osTypeId = null;
        Element os = first(vs, OVF, "OperatingSystemSection");
        if (os != null) {
            osTypeId = intValue(os, "id");
            String vmw = attr(os, Namespaces.VMW, "osType");
            if (vmw != null && !vmw.isBlank()) {
                osType = vmw;
            } else if (osTypeId != null) {
                osType = OsType.cimName(osTypeId).orElse("Unassigned OSType " + osTypeId);
            }
        }
        return new DescriptorInfo.SystemInfo(attr(vs, OVF, "id"), msg(last(vs, OVF, "Name")), cpus, memory, osType,
                osTypeId, systemType, firmware, coresPerSocket, nics, controllers);
    }

    /** A device item with the namespace of its settings ({@code rasd}, {@code epasd} or {@code sasd}). */
    private record Item(Element element, String ns) {
        String text(String name) {
            return DocumentSummary.text(last(element, ns, name));
        }
    }

    /** The device items of {@code vhs} that {@code configId} deploys, as {@code DescriptorInfo} chooses them. */
    private static List<Item> effectiveItems(Element vhs, String configId) {
        // The model lists the Items, then the EthernetPortItems, then the StorageItems.
        List<Item> all = new ArrayList<>();
        for (Element e : children(vhs, OVF, "Item")) {
            all.add(new Item(e, Namespaces.RASD));
        }
        for (Element e : children(vhs, OVF, "EthernetPortItem")) {
            all.add(new Item(e, Namespaces.EPASD));
        }
        for (Element e : children(vhs, OVF, "StorageItem")) {
            all.add(new Item(e, Namespaces.SASD));
        }
        Map<Object, Item> chosen = new LinkedHashMap<>();
        for (Item item : all) {
            String bound = attr(item.element, OVF, "bound");
            if (bound != null && !bound.isBlank() && !bound.trim().equalsIgnoreCase("normal")) {
                continue;
            }
            String configuration = attr(item.element, OVF, "configuration");
            boolean conditional = configuration != null && !configuration.isBlank();
            if (conditional && !DescriptorInfo.names(configuration, configId)) {
                continue;
            }
            String instanceId = item.text("InstanceID");
            Object slot = instanceId == null ? new Object() : instanceId.trim();
            Item existing = chosen.get(slot);
            if (existing == null) {
                chosen.put(slot, item);
            } else if (conditional) {
                String c = attr(existing.element, OVF, "configuration");
                if (c == null || c.isBlank()) {
                    chosen.put(slot, item);
                }
            }
        }
        return new ArrayList<>(chosen.values());
    }

    // ------------------------------------------------------------------ properties

    private static void collectProperties(Element content, String defaultId, List<DescriptorInfo.PropertyInfo> out,
            List<String> secrets) {
        for (Element ps : children(content, OVF, "ProductSection")) {
            String productClass = attr(ps, OVF, "class");
            String instance = attr(ps, OVF, "instance");
            String category = null;
            for (Element child : elements(ps)) {
                if (!OVF.equals(child.getNamespaceURI())) {
                    continue;
                }
                if ("Category".equals(child.getLocalName())) {
                    category = msg(child);
                    continue;
                }
                if (!"Property".equals(child.getLocalName())) {
                    continue;
                }
                String key = attr(child, OVF, "key");
                boolean password = Boolean.TRUE.equals(bool(child, "password"));
                String qualifiers = attr(child, OVF, "qualifiers");
                if (qualifiers == null) {
                    qualifiers = attr(child, Namespaces.VMW, "qualifiers");
                }
                String value = attr(child, OVF, "value");
                List<Element> values = children(child, OVF, "Value");
                if (password) {
                    secrets.add(value);
                    for (Element v : values) {
                        secrets.add(attr(v, OVF, "value"));
                    }
                    value = null;
                } else {
                    for (Element v : values) {
                        String configuration = attr(v, OVF, "configuration");
                        if (configuration != null && DescriptorInfo.names(configuration, defaultId)) {
                            value = attr(v, OVF, "value");
                        }
                    }
                }
                StringBuilder id = new StringBuilder();
                if (productClass != null && !productClass.isEmpty()) {
                    id.append(productClass).append('.');
                }
                id.append(key);
                if (instance != null && !instance.isEmpty()) {
                    id.append('.').append(instance);
                }
                out.add(new DescriptorInfo.PropertyInfo(key, id.toString(), attr(child, OVF, "type"), value,
                        msg(last(child, OVF, "Label")), Boolean.TRUE.equals(bool(child, "userConfigurable")), password,
                        qualifiers, category));
            }
        }
        if ("VirtualSystemCollection".equals(content.getLocalName())) {
            for (Element c : elements(content)) {
                if (isContent(c)) {
                    collectProperties(c, defaultId, out, secrets);
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading values as the model binds them

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean is(Element e, String ns, String local) {
        return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && is(e, ns, local)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first such child: how the model's views over a mixed child list pick a section. */
    private static Element first(Element parent, String ns, String local) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && is(e, ns, local)) {
                return e;
            }
        }
        return null;
    }

    /** The last such child: a single-valued property bound once per occurrence keeps the last. */
    private static Element last(Element parent, String ns, String local) {
        for (Node c = parent.getLastChild(); c != null; c = c.getPreviousSibling()) {
            if (c instanceof Element e && is(e, ns, local)) {
                return e;
            }
        }
        return null;
    }

    /** An element's text as a bound string or message value; {@code null} for no element. */
    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            switch (c.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> b.append(c.getNodeValue());
                case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> {
                    // not part of the value
                }
                default -> throw new Unusual();
            }
        }
        return b.toString();
    }

    private static String msg(Element e) {
        return text(e);
    }

    private static String attr(Element e, String ns, String local) {
        Attr a = e.getAttributeNodeNS(ns, local);
        return a == null ? null : a.getValue();
    }

    /**
     * An {@code ovf:} number as the model's adapters read it (trimmed, an optional {@code +}); the
     * value was screened beforehand, so it parses or is gone.
     */
    private static Long longValue(Element e, String local) {
        String v = attr(e, OVF, local);
        if (v == null) {
            return null;
        }
        String s = v.trim();
        try {
            return Long.valueOf(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException ex) {
            throw new Unusual();
        }
    }

    private static Integer intValue(Element e, String local) {
        Long v = longValue(e, local);
        if (v == null) {
            return null;
        }
        if (v != v.intValue()) {
            throw new Unusual();
        }
        return v.intValue();
    }

    private static Boolean bool(Element e, String local) {
        String v = attr(e, OVF, local);
        if (v == null) {
            return null;
        }
        return switch (v.trim()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new Unusual();
        };
    }
}
