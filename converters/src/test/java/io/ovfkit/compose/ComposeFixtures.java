package io.ovfkit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.DeploymentOption;
import io.ovfkit.ovf.model.DeploymentOptionSection;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.AnnotationSection;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.model.VmwExtraConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Test helpers: blank disk images for the files a spec names, and an independent check that a
 * composed package holds what its YAML says (the YAML loaded as plain maps, the package read back
 * through ova-io and ovf-model).
 */
final class ComposeFixtures {
    private ComposeFixtures() {
    }

    /** The spec as plain Java values, {@code !param} resolved as ova-compose does (value, else default). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> loadYaml(String yaml, Map<String, String> params) {
        ConstructNode param = new ConstructNode() {
            @Override
            public Object construct(Node node) {
                String v = ((ScalarNode) node).getValue();
                String name = v.contains("=") ? v.substring(0, v.indexOf('=')).strip() : v.strip();
                String text = params.containsKey(name) ? params.get(name) : v.substring(v.indexOf('=') + 1).strip();
                return new Load(LoadSettings.builder().build()).loadFromString(text);
            }
        };
        LoadSettings s = LoadSettings.builder().setTagConstructors(Map.of(new Tag("!param"), param)).build();
        return (Map<String, Object>) new Load(s).loadFromString(yaml);
    }

    /** Blank images (1 MiB) in {@code dir} for every disk_image, raw_image and image the spec names. */
    @SuppressWarnings("unchecked")
    static List<Path> blankImages(Path dir, Map<String, Object> yaml) throws IOException {
        List<Path> made = new ArrayList<>();
        Map<String, Object> hw = (Map<String, Object>) yaml.get("hardware");
        for (Object o : hw.values()) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            for (String k : List.of("disk_image", "raw_image", "image")) {
                if (m.get(k) != null) {
                    Path p = dir.resolve(m.get(k).toString());
                    if (!Files.exists(p)) {
                        if (p.toString().endsWith(".vmdk")) {
                            streamOptimized(p, 1 << 20);
                        } else {
                            Files.write(p, new byte[1 << 20]);
                        }
                    }
                    made.add(p);
                }
            }
        }
        return made;
    }

    /** A blank streamOptimized VMDK of {@code capacity} bytes. */
    static void streamOptimized(Path p, long capacity) throws IOException {
        try (DiskWriter w = DiskWriters.create(p, WriteOptions.builder(DiskFormat.VMDK, capacity)
                .subformat("streamOptimized").build())) {
            w.finish();
        }
    }

    /** Asserts that the package {@code pkg} holds what {@code yaml} says. */
    @SuppressWarnings("unchecked")
    static void assertHolds(OvfPackage pkg, Map<String, Object> yaml, String label) throws IOException {
        OvfDescriptor d = pkg.descriptor();
        VirtualSystem vs = d.envelope().virtualSystems().get(0);
        Map<String, Object> system = (Map<String, Object>) yaml.get("system");
        assertThat(vs.getName().getValue()).as(label + " name").isEqualTo(system.get("name"));
        VirtualHardwareSection hw = vs.section(VirtualHardwareSection.class).orElseThrow();
        assertThat(hw.getSystem().getVirtualSystemType()).as(label + " type").isEqualTo(system.get("type"));
        OperatingSystemSection os = vs.section(OperatingSystemSection.class).orElseThrow();
        if (system.get("os_vmw") != null) {
            assertThat(system.get("os_vmw").toString()).as(label + " os").endsWith(os.getVmwOsType());
        }
        if (system.get("os_cim") != null) {
            assertThat(os.getId()).isEqualTo(system.get("os_cim"));
        }
        Map<String, String> configs = new HashMap<>();
        hw.vmwConfigs().forEach(c -> configs.put(c.getKey(), c.getValue()));
        assertThat(configs.get("firmware")).as(label + " firmware").isEqualTo(Objects.toString(system.getOrDefault("firmware", "bios")));
        if (system.get("secure_boot") != null) {
            assertThat(configs.get("bootOptions.efiSecureBootEnabled")).isEqualTo(system.get("secure_boot").toString());
        }
        Map<String, Object> hwYaml = (Map<String, Object>) yaml.get("hardware");
        if (hwYaml.get("config") != null) {
            ((Map<String, Object>) hwYaml.get("config")).forEach((k, v) ->
                    assertThat(configs.get(k)).as(label + " hardware.config " + k).isEqualTo(v.toString()));
        }
        Map<String, ResourceAllocationSettingData> items = new HashMap<>();
        for (ResourceAllocationSettingData r : hw.getItems()) {
            items.put(r.getElementName(), r);
        }
        Map<String, Object> networks = (Map<String, Object>) yaml.getOrDefault("networks", Map.of());
        List<String> netNames = d.envelope().section(NetworkSection.class).map(ns -> ns.getNetworks().stream()
                .map(Network::getName).toList()).orElse(List.of());
        assertThat(netNames).as(label + " networks").containsExactlyElementsOf(networks.values().stream()
                .map(n -> ((Map<String, Object>) n).get("name").toString()).toList());
        DiskSection ds = d.envelope().section(DiskSection.class).orElse(null);
        int disks = 0;
        for (Map.Entry<String, Object> e : hwYaml.entrySet()) {
            if (e.getKey().equals("config")) {
                continue;
            }
            ResourceAllocationSettingData r = items.get(e.getKey());
            assertThat(r).as(label + " item " + e.getKey()).isNotNull();
            Object v = e.getValue();
            String type = v instanceof Map<?, ?> m && m.get("type") != null ? m.get("type").toString() : e.getKey();
            Map<String, Object> m = v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
            if (m.get("configuration") != null) {
                assertThat(r.getConfiguration()).isEqualTo(m.get("configuration"));
            }
            switch (type) {
                case "cpus" -> {
                    assertThat(r.getResourceType()).isEqualTo("3");
                    assertThat(r.getVirtualQuantity()).as(label + " cpus").isEqualTo((v instanceof Map ? m.get("number") : v).toString());
                }
                case "memory" -> {
                    assertThat(r.getResourceType()).isEqualTo("4");
                    assertThat(r.getAllocationUnits()).isEqualTo("byte * 2^20");
                    assertThat(r.getVirtualQuantity()).as(label + " memory").isEqualTo((v instanceof Map ? m.get("size") : v).toString());
                }
                case "scsi_controller" -> {
                    assertThat(r.getResourceType()).isEqualTo("6");
                    assertThat(r.getResourceSubType()).isEqualTo(Objects.toString(m.get("subtype"), "VirtualSCSI"));
                }
                case "sata_controller" -> assertThat(r.getResourceSubType()).isEqualTo("vmware.sata.ahci");
                case "nvme_controller" -> assertThat(r.getResourceSubType()).isEqualTo("vmware.nvme.controller");
                case "usb_controller" -> assertThat(r.getResourceSubType()).isEqualTo("vmware.usb.ehci");
                case "usb3_controller" -> assertThat(r.getResourceSubType()).isEqualTo("vmware.usb.xhci");
                case "vmci" -> assertThat(r.getResourceType()).isEqualTo("1");
                case "video_card" -> assertThat(r.getResourceType()).isEqualTo("24");
                case "floppy" -> assertThat(r.getResourceType()).isEqualTo("14");
                case "cd_drive" -> {
                    assertThat(r.getResourceType()).isEqualTo("15");
                    assertThat(items.get(m.get("parent").toString()).getInstanceId()).isEqualTo(r.getParent());
                    assertThat(r.getAutomaticAllocation()).isEqualTo(Objects.toString(m.getOrDefault("connected", false)));
                }
                case "ethernet" -> {
                    assertThat(r.getResourceType()).isEqualTo("10");
                    assertThat(r.getResourceSubType()).isEqualTo(m.get("subtype"));
                    Map<String, Object> net = (Map<String, Object>) networks.get(m.get("network").toString());
                    assertThat(r.getConnections()).as(label + " nic").containsExactly(net.get("name").toString());
                    assertThat(r.getAutomaticAllocation()).isEqualTo(Objects.toString(m.getOrDefault("connected", true)));
                }
                case "hard_disk" -> {
                    disks++;
                    assertThat(r.getResourceType()).isEqualTo("17");
                    assertThat(items.get(m.get("parent").toString()).getInstanceId()).as(label + " disk parent").isEqualTo(r.getParent());
                    String host = r.getHostResources().get(0);
                    assertThat(host).startsWith("ovf:/disk/");
                    VirtualDisk disk = ds.getDisks().stream().filter(x -> host.equals("ovf:/disk/" + x.getDiskId()))
                            .findFirst().orElseThrow();
                    if (m.get("disk_capacity") != null) {
                        assertThat(disk.getCapacity()).as(label + " capacity").isEqualTo(m.get("disk_capacity").toString());
                        assertThat(disk.getCapacityAllocationUnits()).isEqualTo("byte * 2^20");
                        assertThat(disk.getFileRef()).isNull();
                    } else {
                        assertThat(disk.getFileRef()).isNotNull();
                        if (m.get("file_id") != null) {
                            assertThat(disk.getFileRef()).isEqualTo(m.get("file_id"));
                        }
                        long bytes = Long.parseLong(disk.getCapacity()) * (disk.getCapacityAllocationUnits().equals("byte * 2^10") ? 1024 : 1);
                        assertThat(bytes).as(label + " capacity of the 1 MiB image").isEqualTo(1 << 20);
                        if ("KB".equals(m.get("units"))) {
                            assertThat(disk.getCapacityAllocationUnits()).isEqualTo("byte * 2^10");
                        }
                    }
                }
                default -> throw new AssertionError("type " + type);
            }
        }
        assertThat(ds == null ? 0 : ds.getDisks().size()).as(label + " disks").isEqualTo(disks);
        // configurations
        Map<String, Object> cfgs = (Map<String, Object>) yaml.get("configurations");
        if (cfgs != null) {
            DeploymentOptionSection dos = d.envelope().section(DeploymentOptionSection.class).orElseThrow();
            assertThat(dos.getConfigurations().stream().map(DeploymentOption::getId).toList()).containsExactlyElementsOf(cfgs.keySet());
            for (DeploymentOption o : dos.getConfigurations()) {
                Map<String, Object> c = (Map<String, Object>) cfgs.get(o.getId());
                assertThat(o.getLabel().getValue()).isEqualTo(c.get("label"));
                assertThat(o.isDefault()).isEqualTo(o.getId().equals(system.get("default_configuration")));
            }
        } else {
            assertThat(d.envelope().section(DeploymentOptionSection.class)).isEmpty();
        }
        // products and properties
        List<Map<String, Object>> products = new ArrayList<>();
        if (yaml.get("product") != null || yaml.get("environment") != null) {
            Map<String, Object> p = new HashMap<>((Map<String, Object>) yaml.getOrDefault("product", Map.of()));
            if (yaml.get("environment") != null) {
                p.putAll((Map<String, Object>) yaml.get("environment"));
            }
            products.add(p);
        }
        if (yaml.get("product_sections") != null) {
            products.addAll((List<Map<String, Object>>) yaml.get("product_sections"));
        }
        List<ProductSection> sections = vs.sectionsOf(ProductSection.class);
        assertThat(sections).as(label + " product sections").hasSize(products.size());
        List<String> transports = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            Map<String, Object> p = products.get(i);
            ProductSection s = sections.get(i);
            if (p.get("product") != null) {
                assertThat(s.getProduct().getValue()).isEqualTo(p.get("product"));
            }
            if (p.get("vendor") != null) {
                assertThat(s.getVendor().getValue()).isEqualTo(p.get("vendor"));
            }
            if (p.get("version") != null) {
                assertThat(s.getVersion()).isEqualTo(p.get("version").toString());
            }
            if (p.get("full_version") != null) {
                assertThat(s.getFullVersion()).isEqualTo(p.get("full_version").toString());
            }
            assertThat(s.getProductClass()).isEqualTo(p.get("class"));
            assertThat(s.getInstance()).isEqualTo(p.get("instance"));
            if (p.get("transports") != null) {
                transports.addAll((List<String>) p.get("transports"));
            }
            Map<String, Object> props = (Map<String, Object>) p.getOrDefault("properties", Map.of());
            assertThat(s.properties().stream().map(Property::getKey).toList()).as(label + " properties")
                    .containsExactlyInAnyOrderElementsOf(props.keySet());
            Map<String, Object> cats = (Map<String, Object>) p.getOrDefault("categories", Map.of());
            for (Property prop : s.properties()) {
                Map<String, Object> y = (Map<String, Object>) props.get(prop.getKey());
                assertThat(prop.getType()).isEqualTo(y.get("type"));
                Object value = y.get("value");
                if (value instanceof Map<?, ?> vm) {
                    assertThat(prop.getValue()).isEqualTo(vm.get("default"));
                } else if (value != null) {
                    assertThat(prop.getValue()).isEqualTo(value.toString());
                }
                assertThat(prop.isUserConfigurable()).isEqualTo(Boolean.TRUE.equals(y.get("user_configurable")));
                assertThat(prop.isPassword()).isEqualTo(Boolean.TRUE.equals(y.get("password")));
                if (y.get("label") != null) {
                    assertThat(prop.getLabel().getValue()).isEqualTo(y.get("label"));
                }
                if (y.get("category") != null) {
                    assertThat(s.categoryOf(prop).orElseThrow().getValue()).isEqualTo(cats.get(y.get("category").toString()));
                }
            }
        }
        if (!transports.isEmpty()) {
            assertThat(hw.transports()).containsExactlyInAnyOrderElementsOf(transports.stream().distinct().toList());
        }
        // extra configs
        Map<String, Object> extra = (Map<String, Object>) yaml.get("extra_configs");
        if (extra != null) {
            Map<String, VmwExtraConfig> x = new HashMap<>();
            hw.vmwExtraConfigs().forEach(c -> x.put(c.getKey(), c));
            assertThat(x.keySet()).containsExactlyInAnyOrderElementsOf(extra.keySet());
            extra.forEach((k, v) -> {
                Map<String, Object> c = (Map<String, Object>) v;
                assertThat(x.get(k).getValue()).isEqualTo(c.get("value").toString());
                if (c.get("required") != null) {
                    assertThat(x.get(k).isRequired()).isEqualTo(c.get("required"));
                }
            });
        }
        // texts
        Map<String, Object> annotation = (Map<String, Object>) yaml.get("annotation");
        if (annotation != null) {
            assertThat(vs.section(AnnotationSection.class).orElseThrow().getAnnotation().getValue())
                    .isEqualTo(annotation.get("text"));
        }
        if (yaml.get("eula") != null) {
            assertThat(vs.section(EulaSection.class)).isPresent();
        }
        // every member in the package is in its manifest, and the package verifies
        assertThat(pkg.verify(io.ovfkit.ova.VerifyOptions.defaults()).ok()).as(label + " verify").isTrue();
        for (VmwConfig c : hw.vmwConfigs()) {
            assertThat(c.isRequired()).isFalse();
        }
    }
}
