package io.ovfkit.ovf.info;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.AnnotationSection;
import io.ovfkit.ovf.model.Content;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.PropertyValue;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemCollection;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.model.VmwCoresPerSocket;
import io.ovfkit.ovf.value.AllocationUnits;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.ovf.value.OsType;
import io.ovfkit.ovf.value.ResourceType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An immutable summary of a descriptor: what {@code ovfkit info} prints. Every component is a plain
 * value taken from the descriptor when {@link #of(OvfDescriptor)} ran (later edits of the model do
 * not show); sizes are in bytes; what is absent or cannot be computed is {@code null}, never a
 * guess. The component names are the field names of the CLI's JSON output, a documented and stable
 * shape.
 *
 * <h2>Hardware of the default deployment option</h2>
 * {@link SystemInfo#cpus()} and {@link SystemInfo#memoryBytes()} describe what the default
 * deployment option deploys. The default option is the {@code Configuration} with
 * {@code ovf:default="true"}, else the first one. From the first {@code VirtualHardwareSection} of
 * a virtual system the items that apply are those with no {@code ovf:configuration} and those whose
 * configuration list names the default option; items with an {@code ovf:bound} other than
 * {@code normal} (the {@code min} and {@code max} of a range) are left out. An item for the default
 * option replaces an unconditional item with the same {@code InstanceID}.
 *
 * @param ovfVersion the version the descriptor was written in, such as {@code 1.0} or {@code 2.0}
 * @param product the first {@code ProductSection} of the top-level content (the virtual system,
 *     or the collection), else of the first virtual system; {@code null} when there is none
 * @param annotation the {@code Annotation} text of the {@code AnnotationSection} found the same
 *     way, or {@code null}
 * @param eula the {@code License} text of the first {@code EulaSection} found the same way, or
 *     {@code null}
 * @param virtualSystems every {@code VirtualSystem}, depth first in document order (those nested in
 *     collections included; collections themselves are not listed)
 * @param files the {@code File}s of {@code References}, in order
 * @param disks the {@code Disk}s of the package-level {@code DiskSection}s, in order
 * @param networks the {@code Network}s of the package-level {@code NetworkSection}, in order
 * @param properties the {@code Property}s of every {@code ProductSection}, depth first in document
 *     order (a collection's before those of its systems)
 * @param deploymentOptions the {@code Configuration}s of the {@code DeploymentOptionSection}
 * @param diagnostics what the reader noticed ({@link OvfDescriptor#readDiagnostics()}); validation
 *     findings are not included. From {@link #of}, the values of password properties quoted in
 *     their messages are replaced by {@code ***}
 */
public record DescriptorInfo(
        String ovfVersion,
        ProductInfo product,
        String annotation,
        String eula,
        List<SystemInfo> virtualSystems,
        List<FileInfo> files,
        List<DiskInfo> disks,
        List<NetworkInfo> networks,
        List<PropertyInfo> properties,
        List<DeploymentOptionInfo> deploymentOptions,
        List<Diagnostic> diagnostics) {

    /** Copies the lists, so that the summary is immutable. */
    public DescriptorInfo {
        Objects.requireNonNull(ovfVersion, "ovfVersion");
        virtualSystems = List.copyOf(virtualSystems);
        files = List.copyOf(files);
        disks = List.copyOf(disks);
        networks = List.copyOf(networks);
        properties = List.copyOf(properties);
        deploymentOptions = List.copyOf(deploymentOptions);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * One {@code VirtualSystem}.
     *
     * @param id the {@code ovf:id}, or {@code null}
     * @param name the {@code Name} text, or {@code null}
     * @param cpus the {@code VirtualQuantity} of the processor item ({@code ResourceType} 3) of the
     *     default deployment option, read as a count whatever its {@code AllocationUnits} (VMware
     *     writes {@code hertz * 10^6} there); {@code null} when there is no such item or the
     *     quantity is not a whole number
     * @param memoryBytes {@code VirtualQuantity} × {@code AllocationUnits} of the memory item
     *     ({@code ResourceType} 4) of the default deployment option. Absent units are read as
     *     {@code byte * 2^20} (MiB): DSP0004 would say bytes, but producers that omit the units mean
     *     megabytes. {@code null} when there is no such item, the quantity is not a whole number, the
     *     units are not understood or not byte-based, or the size exceeds {@link Long#MAX_VALUE}
     * @param osType the {@code vmw:osType} of the {@code OperatingSystemSection} when present (such
     *     as {@code ubuntu64Guest}), else the CIM name of its {@code ovf:id} (such as
     *     {@code Ubuntu 64-Bit}, or {@code Unassigned OSType N}); {@code null} without either
     * @param osTypeId the CIM OSType number ({@code ovf:id}), or {@code null}
     * @param virtualSystemType the {@code vssd:VirtualSystemType} of the {@code System}, as written
     *     (such as {@code vmx-13} or a space-separated list), or {@code null}
     * @param firmware the {@code vmw:Config} {@code firmware} value of the
     *     {@code VirtualHardwareSection} ({@code efi}, {@code bios}), or {@code null} when absent
     *     (VirtualBox's {@code vbox:Machine} firmware setting is not read)
     * @param coresPerSocket the {@code vmw:CoresPerSocket} of the processor item of the default
     *     deployment option, or {@code null}
     * @param nics the network adapters ({@code ResourceType} 10) of the default deployment option,
     *     in document order
     * @param controllers the IDE, SCSI, SATA and NVMe controllers ({@code ResourceType} 5, 6 and
     *     20) of the default deployment option, in document order
     */
    public record SystemInfo(String id, String name, Integer cpus, Long memoryBytes, String osType,
            Integer osTypeId, String virtualSystemType, String firmware, Integer coresPerSocket, List<NicInfo> nics,
            List<ControllerInfo> controllers) {
        /** Copies the lists. */
        public SystemInfo {
            nics = List.copyOf(nics);
            controllers = List.copyOf(controllers);
        }
    }

    /**
     * The product information of a {@code ProductSection}; each component is {@code null} when
     * its element is absent.
     *
     * @param name {@code Product}
     * @param vendor {@code Vendor}
     * @param version {@code Version}
     * @param fullVersion {@code FullVersion}
     * @param productUrl {@code ProductUrl}
     * @param vendorUrl {@code VendorUrl}
     */
    public record ProductInfo(String name, String vendor, String version, String fullVersion, String productUrl,
            String vendorUrl) {
    }

    /**
     * A network adapter of the default deployment option.
     *
     * @param name the {@code ElementName}, or {@code null}
     * @param type the {@code ResourceSubType} (the model, such as {@code VmxNet3}), or {@code null}
     * @param network the first {@code Connection} (a network name), or {@code null}
     */
    public record NicInfo(String name, String type, String network) {
    }

    /**
     * A disk or CD controller of the default deployment option.
     *
     * @param instanceId the {@code InstanceID}
     * @param kind {@code ide}, {@code scsi}, {@code sata}, {@code nvme} or {@code other} (from the
     *     resource type and subtype)
     * @param type the {@code ResourceSubType} as written (such as {@code lsilogic}), or {@code null}
     */
    public record ControllerInfo(String instanceId, String kind, String type) {
    }

    /**
     * One {@code File} of {@code References}.
     *
     * @param id the {@code ovf:id}
     * @param href the {@code ovf:href} as written
     * @param size the {@code ovf:size} in bytes, or {@code null} when absent
     * @param compression the {@code ovf:compression} (such as {@code gzip}), or {@code null}
     * @param chunkSize the {@code ovf:chunkSize} in bytes, or {@code null}
     */
    public record FileInfo(String id, String href, Long size, String compression, Long chunkSize) {
    }

    /**
     * One {@code Disk} of a {@code DiskSection}.
     *
     * @param diskId the {@code ovf:diskId}
     * @param fileRef the {@code ovf:fileRef}, or {@code null} for a disk created empty at deployment
     * @param capacity the {@code ovf:capacity} as written: a number in
     *     {@code ovf:capacityAllocationUnits} or a property reference {@code ${key}}
     * @param capacityBytes the capacity in bytes; {@code null} when it refers to a property or cannot
     *     be computed (malformed number or units)
     * @param format the {@code ovf:format} URI as written, or {@code null}
     * @param formatName a short name for the format ({@link DescriptorInfo#formatName(String)}), or
     *     {@code null} when unknown
     * @param populatedSize the {@code ovf:populatedSize} in bytes, or {@code null}
     */
    public record DiskInfo(String diskId, String fileRef, String capacity, Long capacityBytes, String format,
            String formatName, Long populatedSize) {
    }

    /**
     * One {@code Network} of the {@code NetworkSection}.
     *
     * @param name the {@code ovf:name}
     * @param description the {@code Description} text, or {@code null}
     */
    public record NetworkInfo(String name, String description) {
    }

    /**
     * One {@code Property} of a {@code ProductSection}.
     *
     * @param key the {@code ovf:key} as written
     * @param id the property's id in the OVF environment: {@code class.key.instance}, with the
     *     {@code ovf:class} and {@code ovf:instance} of its section, each part (and its dot) left
     *     out when absent
     * @param type the {@code ovf:type} as written, or {@code null}
     * @param value the value the default deployment option gives it (a {@code Value} element for
     *     that option, else {@code ovf:value}), or {@code null} when absent; always {@code null} for
     *     a password property, so that passwords are never shown
     * @param label the {@code Label} text, or {@code null}
     * @param userConfigurable {@code ovf:userConfigurable} (false when absent)
     * @param password {@code ovf:password} (false when absent)
     * @param qualifiers the {@code ovf:qualifiers} as written, else {@code vmw:qualifiers}, else
     *     {@code null}
     * @param category the text of the {@code Category} heading it falls under, or {@code null}
     */
    public record PropertyInfo(String key, String id, String type, String value, String label,
            boolean userConfigurable, boolean password, String qualifiers, String category) {
    }

    /**
     * One {@code Configuration} of the {@code DeploymentOptionSection}.
     *
     * @param id the {@code ovf:id}
     * @param label the {@code Label} text, or {@code null}
     * @param defaultOption whether this is the default deployment option: the one with
     *     {@code ovf:default="true"}, else the first (JSON field {@code default})
     */
    public record DeploymentOptionInfo(String id, String label, boolean defaultOption) {
    }

    /**
     * Summarizes {@code descriptor} as it is now. Never throws for odd content: values that do not
     * parse come out as {@code null}. Password values never appear: the properties' values are
     * {@code null}, and where a diagnostic quotes one it reads {@code ***}.
     *
     * <p>While the descriptor's model has not been built ({@link OvfDescriptor#unbound()}), the
     * summary is read from the document itself, with the same result and without the cost of
     * building the model the first time in a process (about 0.15 s).
     *
     * @param descriptor the descriptor
     * @return the summary
     */
    public static DescriptorInfo of(OvfDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        List<String> secrets = new ArrayList<>();
        Optional<OvfDescriptor.Unbound> unbound = descriptor.unbound();
        if (unbound.isPresent()) {
            // Straight from the document while nobody asked for the model: no JAXB context to build.
            DescriptorInfo info = DocumentSummary.summarize(descriptor.version().number(), unbound.get().document(),
                    unbound.get().diagnostics(), secrets);
            if (info != null) {
                return info.masked(secrets);
            }
            secrets.clear();
        }
        return fromModel(descriptor, secrets).masked(secrets);
    }

    /** {@code this} with every quoted password value in the diagnostics' messages replaced by {@code ***}. */
    private DescriptorInfo masked(List<String> secrets) {
        List<String> quoted = secrets.stream().filter(x -> x != null && !x.isEmpty()).distinct().toList();
        if (quoted.isEmpty()) {
            return this;
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            String m = d.message();
            for (String q : quoted) {
                m = m.replace("\"" + q + "\"", "***").replace("'" + q + "'", "***");
            }
            out.add(m.equals(d.message()) ? d : new Diagnostic(d.rule(), d.severity(), d.line(), d.column(), m));
        }
        return new DescriptorInfo(ovfVersion, product, annotation, eula, virtualSystems, files, disks, networks,
                properties, deploymentOptions, out);
    }

    private static DescriptorInfo fromModel(OvfDescriptor descriptor, List<String> secrets) {
        Envelope env = descriptor.envelope();
        DeploymentOption defaultOption = env.deploymentOptionSection()
                .flatMap(DeploymentOptionSection::defaultConfiguration).orElse(null);
        String defaultId = defaultOption == null ? null : defaultOption.getId();

        List<SystemInfo> systems = new ArrayList<>();
        for (VirtualSystem vs : env.virtualSystems()) {
            systems.add(systemOf(vs, defaultId));
        }

        List<FileInfo> files = new ArrayList<>();
        for (FileReference f : env.references().map(References::files).orElse(List.of())) {
            files.add(new FileInfo(f.getId(), f.getHref(), f.getSize(), f.getCompression(), f.getChunkSize()));
        }

        List<DiskInfo> disks = new ArrayList<>();
        for (DiskSection ds : env.sectionsOf(DiskSection.class)) {
            for (VirtualDisk d : ds.getDisks()) {
                disks.add(new DiskInfo(d.getDiskId(), d.getFileRef(), d.getCapacity(),
                        capacityBytes(d.getCapacity(), d.getCapacityAllocationUnits()), d.getFormat(),
                        formatName(d.getFormat()), d.getPopulatedSize()));
            }
        }

        List<NetworkInfo> networks = new ArrayList<>();
        for (Network n : env.networkSection().map(NetworkSection::getNetworks).orElse(List.of())) {
            networks.add(new NetworkInfo(n.getName(), text(n.getDescription())));
        }

        List<PropertyInfo> properties = new ArrayList<>();
        env.content().ifPresent(c -> collectProperties(c, defaultId, properties, secrets));

        List<DeploymentOptionInfo> options = new ArrayList<>();
        env.deploymentOptionSection().ifPresent(s -> {
            for (DeploymentOption o : s.getConfigurations()) {
                options.add(new DeploymentOptionInfo(o.getId(), text(o.getLabel()), o == defaultOption));
            }
        });

        Content top = env.content().orElse(null);
        List<Content> textSources = new ArrayList<>();
        if (top != null) {
            textSources.add(top);
        }
        if (!env.virtualSystems().isEmpty() && env.virtualSystems().get(0) != top) {
            textSources.add(env.virtualSystems().get(0));
        }
        ProductInfo product = null;
        String annotation = null;
        String eula = null;
        for (Content c : textSources) {
            if (product == null) {
                product = c.section(ProductSection.class).map(ps -> new ProductInfo(text(ps.getProduct()),
                        text(ps.getVendor()), ps.getVersion(), ps.getFullVersion(), ps.getProductUrl(),
                        ps.getVendorUrl())).orElse(null);
            }
            if (annotation == null) {
                annotation = c.section(AnnotationSection.class).map(a -> text(a.getAnnotation())).orElse(null);
            }
            if (eula == null) {
                eula = c.section(EulaSection.class).map(e -> text(e.getLicense())).orElse(null);
            }
        }
        return new DescriptorInfo(descriptor.version().number(), product, annotation, eula, systems, files, disks,
                networks, properties, options, descriptor.readDiagnostics());
    }

    /**
     * A short name for a disk format URI ({@code ovf:format}), matched by host, path and fragment so
     * that spelling variants agree: {@code vmdk-streamOptimized}, {@code vmdk-monolithicSparse},
     * {@code vmdk-sparse}, {@code vmdk-compressed}, {@code vmdk-monolithicFlat} (any
     * {@code vmware.com/.../vmdk.html#fragment}, including the old {@code /specifications/} path and
     * the {@code /interfaces/interfaces/} typo), {@code vhd} (Microsoft's VHD specification links),
     * {@code qcow2} (the qcow image format page) and {@code iso} (ECMA-119, and the UDF
     * specification XenServer writes for CD/DVD media).
     *
     * @param formatUri the URI as written, may be {@code null}
     * @return the name, or {@code null} for an absent or unknown URI
     */
    public static String formatName(String formatUri) {
        if (formatUri == null || formatUri.isBlank()) {
            return null;
        }
        String u = formatUri.trim().toLowerCase(Locale.ROOT);
        int hash = u.indexOf('#');
        String fragment = hash < 0 ? "" : u.substring(hash + 1);
        String rest = hash < 0 ? u : u.substring(0, hash);
        rest = rest.replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (host.equals("vmware.com") && path.endsWith("/vmdk.html")) {
            return switch (fragment) {
                case "streamoptimized" -> "vmdk-streamOptimized";
                case "monolithicsparse" -> "vmdk-monolithicSparse";
                case "sparse" -> "vmdk-sparse";
                case "compressed" -> "vmdk-compressed";
                case "monolithicflat" -> "vmdk-monolithicFlat";
                default -> null;
            };
        }
        if (host.equals("go.microsoft.com") && path.contains("linkid=137171")
                || host.endsWith("microsoft.com") && (path.contains("vhdspec") || path.contains("bb676673"))) {
            return "vhd";
        }
        if (host.equals("gnome.org") && path.contains("qcow-image-format")) {
            return "qcow2";
        }
        if (host.equals("ecma-international.org") && path.contains("ecma-119")
                || host.equals("osta.org") && path.contains("udf")) {
            return "iso";
        }
        return null;
    }

    // ------------------------------------------------------------------ virtual systems

    private static SystemInfo systemOf(VirtualSystem vs, String defaultId) {
        Integer cpus = null;
        Long memory = null;
        String systemType = null;
        String firmware = null;
        Integer coresPerSocket = null;
        List<NicInfo> nics = new ArrayList<>();
        List<ControllerInfo> controllers = new ArrayList<>();
        List<VirtualHardwareSection> sections = vs.virtualHardwareSections();
        if (!sections.isEmpty()) {
            VirtualHardwareSection vhs = sections.get(0);
            VirtualSystemSettingData system = vhs.getSystem();
            systemType = system == null ? null : system.getVirtualSystemType();
            boolean cpuSeen = false;
            boolean memorySeen = false;
            // A vmw:Config without a value is skipped (found by fuzzing: findFirst threw on the null).
            firmware = vhs.vmwConfigs().stream().filter(c -> "firmware".equals(c.getKey())).map(VmwConfig::getValue)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            for (DeviceItem item : effectiveItems(vhs, defaultId)) {
                Integer code = resourceType(item);
                if (code == null) {
                    continue;
                }
                if (code == ResourceType.ETHERNET_ADAPTER.code()) {
                    nics.add(new NicInfo(item.getElementName(), item.getResourceSubType(),
                            item.getConnections().isEmpty() ? null : item.getConnections().get(0).trim()));
                } else if (code == ResourceType.IDE_CONTROLLER.code() || code == ResourceType.PARALLEL_SCSI_HBA.code()
                        || code == ResourceType.OTHER_STORAGE_DEVICE.code()) {
                    controllers.add(new ControllerInfo(item.getInstanceId(), controllerKind(code,
                            item.getResourceSubType()), item.getResourceSubType()));
                }
                if (code == ResourceType.PROCESSOR.code() && !cpuSeen) {
                    cpuSeen = true;
                    cpus = count(item.getVirtualQuantity());
                    // The first vmw:CoresPerSocket; a value that is no count is unknown (found by the
                    // document summary's mutation test: a null inside findFirst threw).
                    coresPerSocket = item.getExtensions().stream().filter(VmwCoresPerSocket.class::isInstance)
                            .findFirst().map(e -> count(((VmwCoresPerSocket) e).getValue())).orElse(null);
                } else if (code == ResourceType.MEMORY.code() && !memorySeen) {
                    memorySeen = true;
                    memory = memoryBytes(item);
                }
            }
        }
        String osType = null;
        Integer osTypeId = null;
        OperatingSystemSection os = vs.section(OperatingSystemSection.class).orElse(null);
        if (os != null) {
            osTypeId = os.getId();
            if (os.getVmwOsType() != null && !os.getVmwOsType().isBlank()) {
                osType = os.getVmwOsType();
            } else if (osTypeId != null) {
                osType = OsType.cimName(osTypeId).orElse("Unassigned OSType " + osTypeId);
            }
        }
        return new SystemInfo(vs.getId(), text(vs.getName()), cpus, memory, osType, osTypeId, systemType, firmware,
                coresPerSocket, nics, controllers);
    }

    static String controllerKind(int code, String subType) {
        String sub = subType == null ? "" : subType.toLowerCase(Locale.ROOT);
        if (code == ResourceType.IDE_CONTROLLER.code()) {
            return "ide";
        }
        if (code == ResourceType.PARALLEL_SCSI_HBA.code()) {
            return "scsi";
        }
        if (sub.contains("nvme")) {
            return "nvme";
        }
        if (sub.contains("ahci") || sub.contains("sata")) {
            return "sata";
        }
        return "other";
    }

    /** The items of {@code vhs} that the deployment option {@code configId} deploys; see the class comment. */
    private static List<DeviceItem> effectiveItems(VirtualHardwareSection vhs, String configId) {
        Map<Object, DeviceItem> chosen = new LinkedHashMap<>();
        for (DeviceItem item : vhs.devices()) {
            String bound = item.getBound();
            if (bound != null && !bound.isBlank() && !bound.trim().equalsIgnoreCase("normal")) {
                continue;
            }
            boolean conditional = item.getConfiguration() != null && !item.getConfiguration().isBlank();
            if (conditional && !names(item.getConfiguration(), configId)) {
                continue;
            }
            // Items without an InstanceID cannot override anything: each keeps its own slot.
            Object slot = item.getInstanceId() == null ? new Object() : item.getInstanceId().trim();
            DeviceItem existing = chosen.get(slot);
            if (existing == null) {
                chosen.put(slot, item);
            } else if (conditional && (existing.getConfiguration() == null || existing.getConfiguration().isBlank())) {
                chosen.put(slot, item);
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /** Whether the space- or comma-separated list {@code configurations} names {@code id}. */
    static boolean names(String configurations, String id) {
        if (id == null) {
            return false;
        }
        for (String c : configurations.trim().split("[\\s,]+")) {
            if (c.equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static Integer resourceType(DeviceItem item) {
        return resourceTypeCode(item.getResourceType());
    }

    /** A {@code ResourceType} element's code, or {@code null} when absent or not a code. */
    static Integer resourceTypeCode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ResourceType.parseCode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Integer count(String quantity) {
        BigInteger n = wholeNumber(quantity);
        return n == null || n.bitLength() > 31 ? null : n.intValue();
    }

    private static Long memoryBytes(DeviceItem item) {
        return memoryBytes(item.getVirtualQuantity(), item.getAllocationUnits());
    }

    /** Memory in bytes from a quantity and its units (MiB when absent), or {@code null}. */
    static Long memoryBytes(String quantity, String unitText) {
        BigInteger amount = wholeNumber(quantity);
        if (amount == null) {
            return null;
        }
        AllocationUnits units;
        try {
            units = unitText == null || unitText.isBlank() ? AllocationUnits.MEBIBYTES : AllocationUnits.parse(unitText);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!units.isBytes()) {
            return null;
        }
        try {
            return units.toBytes(amount);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A non-negative decimal integer (surrounding whitespace ignored), or {@code null}. */
    private static BigInteger wholeNumber(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        return new BigInteger(t);
    }

    // ------------------------------------------------------------------ disks, properties

    static Long capacityBytes(String capacity, String units) {
        try {
            OptionalLong bytes = Capacity.parse(capacity, units).bytes();
            return bytes.isPresent() ? bytes.getAsLong() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void collectProperties(Content content, String defaultId, List<PropertyInfo> out,
            List<String> secrets) {
        for (ProductSection ps : content.sectionsOf(ProductSection.class)) {
            for (Property p : ps.properties()) {
                if (p.isPassword()) {
                    secrets.add(p.getValue());
                    for (PropertyValue v : p.getValues()) {
                        secrets.add(v.getValue());
                    }
                }
                String qualifiers = p.getQualifiers() != null ? p.getQualifiers() : p.getVmwQualifiers();
                String value = p.isPassword() ? null : valueFor(p, defaultId);
                out.add(new PropertyInfo(p.getKey(), ps.propertyId(p), p.getType(), value, text(p.getLabel()),
                        p.isUserConfigurable(), p.isPassword(), qualifiers,
                        ps.categoryOf(p).map(Msg::getValue).orElse(null)));
            }
        }
        if (content instanceof VirtualSystemCollection vsc) {
            for (Content child : vsc.contents()) {
                collectProperties(child, defaultId, out, secrets);
            }
        }
    }

    private static String valueFor(Property p, String defaultId) {
        String value = p.getValue();
        for (PropertyValue v : p.getValues()) {
            if (v.getConfiguration() != null && names(v.getConfiguration(), defaultId)) {
                value = v.getValue();
            }
        }
        return value;
    }

    private static String text(Msg m) {
        return m == null ? null : m.getValue();
    }
}
