package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.convert.vm.VirtualMachine.Firmware;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.OperatingSystemSection;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.ResourceAllocationSettingData;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VirtualSystemSettingData;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.model.VmwExtraConfig;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.ovf.value.OsType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OVF side of the neutral description: a descriptor's VirtualSystem (for one deployment
 * option) to a {@link VirtualMachine}, and a {@link VirtualMachine} to a new OVF 1.0 descriptor.
 *
 * <p>Mapping (DSP0243 ResourceType codes; ResourceSubType names of ovf-spec.md §9.4):
 * processors (3), memory (4), IDE (5), SCSI (6: {@code lsilogic}, {@code lsilogicsas},
 * {@code buslogic}, {@code VirtualSCSI}), SATA and NVMe (20: {@code vmware.sata.ahci} or
 * {@code AHCI}, {@code vmware.nvme.controller} or {@code NVMe}), disks (17), CD/DVD (15, 16), NICs
 * (10: {@code E1000}, {@code E1000e}, {@code VmxNet3}, {@code PCNet32}, {@code virtio}), serial
 * ports (21); firmware and secure boot as VMware's {@code vmw:Config firmware} and
 * {@code bootOptions.efiSecureBootEnabled}; a non-x86 architecture as
 * {@code vmw:ExtraConfig ovfkit.architecture}.
 *
 * <p>Stateless; safe to call from any thread, with a descriptor that no other thread uses meanwhile
 * (the descriptor model is not thread-safe).
 */
public final class OvfMapping {
    /** The ExtraConfig key that records a non-x86 architecture. */
    public static final String ARCHITECTURE_KEY = "ovfkit.architecture";

    private OvfMapping() {
    }

    /** A VM read from a descriptor, with the {@code ovf:href} of each disk's file (in the order of the disks). */
    public record FromOvf(VirtualMachine vm, List<String> diskHrefs) {
        /** Copies the list. */
        public FromOvf {
            diskHrefs = List.copyOf(diskHrefs);
        }
    }

    /**
     * The VM of the descriptor's VirtualSystem (the first, when it is a collection) as deployed
     * with {@code configuration}: items whose {@code ovf:configuration} does not name it are left
     * out. Disks carry their package file's {@code href} as their location and no image.
     *
     * @param configuration the deployment option, {@code null} for the default
     * @throws IllegalArgumentException when the descriptor has no VirtualSystem or a disk item
     *     names a disk that is not in the DiskSection
     */
    public static FromOvf toVirtualMachine(OvfDescriptor d, String configuration) {
        Envelope env = d.envelope();
        VirtualSystem vs = env.virtualSystems().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException(d.sourceName() + ": the descriptor has no VirtualSystem"));
        String config = configuration;
        if (config == null) {
            config = env.deploymentOptionSection().flatMap(s -> s.defaultConfiguration()).map(o -> o.getId()).orElse(null);
        }
        String name = vs.getName() != null && vs.getName().getValue() != null && !vs.getName().getValue().isBlank()
                ? vs.getName().getValue().strip() : vs.getId() == null || vs.getId().isBlank() ? "appliance" : vs.getId();
        VirtualMachine.Builder b = VirtualMachine.builder(name);
        vs.sections().stream().filter(OperatingSystemSection.class::isInstance).map(OperatingSystemSection.class::cast)
                .findFirst().ifPresent(os -> {
                    int cim = os.getId() == null ? 1 : os.getId();
                    try {
                        b.guestOs(os.getVmwOsType() == null || os.getVmwOsType().isBlank() ? OsType.ofCim(cim)
                                : OsType.of(cim, os.getVmwOsType().strip()));
                    } catch (IllegalArgumentException e) {
                        b.guestOs(OsType.ofCim(Math.max(0, Math.min(cim, OsType.MAX_CIM_ID))));
                    }
                });
        VirtualHardwareSection hw = vs.virtualHardwareSections().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException(d.sourceName() + ": the VirtualSystem has no VirtualHardwareSection"));
        for (VmwConfig c : hw.vmwConfigs()) {
            if ("firmware".equals(c.getKey()) && "efi".equalsIgnoreCase(String.valueOf(c.getValue()).strip())) {
                b.firmware(Firmware.EFI);
            }
        }
        for (VmwConfig c : hw.vmwConfigs()) {
            if ("bootOptions.efiSecureBootEnabled".equals(c.getKey()) && "true".equalsIgnoreCase(String.valueOf(c.getValue()).strip())) {
                b.secureBoot(true);
            }
        }
        for (VmwExtraConfig c : hw.vmwExtraConfigs()) {
            if (ARCHITECTURE_KEY.equals(c.getKey()) && c.getValue() != null && !c.getValue().isBlank()) {
                b.architecture(c.getValue().strip());
            }
        }
        Map<String, VirtualDisk> disks = new HashMap<>();
        Map<String, String> hrefs = new HashMap<>();
        env.diskSection().ifPresent(ds -> ds.getDisks().forEach(x -> disks.put(x.getDiskId(), x)));
        env.references().ifPresent(r -> r.files().forEach(f -> hrefs.put(f.getId(), f.getHref())));
        List<DeviceItem> items = new ArrayList<>();
        for (DeviceItem i : hw.devices()) {
            if (applies(i.getConfiguration(), config)) {
                items.add(i);
            }
        }
        Map<String, VirtualMachine.Controller> controllers = new LinkedHashMap<>();
        Map<Bus, Integer> counts = new HashMap<>();
        for (DeviceItem i : items) {
            int rt = type(i);
            String sub = i.getResourceSubType() == null ? "" : i.getResourceSubType().strip().toLowerCase(Locale.ROOT);
            switch (rt) {
                case 3 -> b.cpus((int) Math.max(1, number(i.getVirtualQuantity(), 1)));
                case 4 -> b.memoryMiB(Math.max(1, memoryMiB(i)));
                case 5, 6, 20 -> {
                    Bus bus = rt == 5 ? Bus.IDE : rt == 6 ? Bus.SCSI : sub.contains("nvme") ? Bus.NVME : Bus.SATA;
                    int index;
                    if (bus == Bus.IDE) {
                        index = (int) number(i.getAddress(), counts.getOrDefault(bus, 0));
                        counts.merge(bus, 1, Integer::sum);
                    } else {
                        index = counts.merge(bus, 1, Integer::sum) - 1;
                    }
                    String model = switch (bus) {
                        case SCSI -> scsiModel(sub);
                        case IDE -> sub.isEmpty() ? "piix4" : sub.split("[ ,]+")[0];
                        case NVME -> "nvme";
                        default -> sub.contains("virtio") ? "virtio-scsi" : "ahci";
                    };
                    if (bus == Bus.SATA && model.equals("virtio-scsi")) {
                        bus = Bus.SCSI;
                    }
                    controllers.put(i.getInstanceId(), new VirtualMachine.Controller(bus, index, model));
                }
                default -> {
                    // devices below, once every controller is known
                }
            }
        }
        controllers.values().stream().filter(c -> c.bus() != Bus.IDE).forEach(b::controller);
        List<String> diskHrefs = new ArrayList<>();
        int serial = 0;
        for (DeviceItem i : items) {
            int rt = type(i);
            if (rt == 17 || rt == 15 || rt == 16) {
                VirtualMachine.Controller c = controllers.get(i.getParent());
                Bus bus = c == null ? Bus.SCSI : c.bus();
                int index = c == null ? 0 : c.index();
                int unit = (int) number(i.getAddressOnParent(), 0);
                VirtualMachine.Slot slot = new VirtualMachine.Slot(bus, index, unit);
                if (rt == 17) {
                    String hr = i.getHostResources().isEmpty() ? "" : i.getHostResources().get(0).strip();
                    String id = hr.replaceFirst("^(ovf:)?/+disk/", "");
                    VirtualDisk vd = disks.get(id);
                    if (vd == null) {
                        throw new IllegalArgumentException(d.sourceName() + ": disk item " + i.getInstanceId()
                                + " names \"" + hr + "\", which is not a Disk of the DiskSection");
                    }
                    String href = vd.getFileRef() == null ? null : hrefs.get(vd.getFileRef());
                    if (href == null) {
                        throw new IllegalArgumentException(d.sourceName() + ": disk " + id + " has no file (a blank disk)"
                                + "; import needs the disk's content");
                    }
                    long capacity = Capacity.parse(vd.getCapacity(), vd.getCapacityAllocationUnits()).bytes().orElse(0);
                    diskHrefs.add(href);
                    b.disk(new VirtualMachine.Disk(slot, href, null, null, null, capacity));
                } else {
                    b.cdrom(new VirtualMachine.CdRom(slot, null));
                }
            } else if (rt == 10) {
                String network = i.getConnections().isEmpty() ? "" : i.getConnections().get(0).strip();
                String mac = i.getAddress() == null || i.getAddress().isBlank() ? null : i.getAddress().strip().toLowerCase(Locale.ROOT);
                b.nic(new VirtualMachine.Nic(nicModel(i.getResourceSubType()), network, mac));
            } else if (rt == 21) {
                b.serialPort(new VirtualMachine.SerialPort(serial++, "none", null));
            }
        }
        return new FromOvf(b.build(), diskHrefs);
    }

    private static boolean applies(String configurations, String config) {
        if (configurations == null || configurations.isBlank()) {
            return true;
        }
        return config != null && Arrays.asList(configurations.strip().split("\\s+")).contains(config);
    }

    private static int type(DeviceItem i) {
        return (int) number(i.getResourceType(), -1);
    }

    private static long number(String s, long fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long memoryMiB(DeviceItem i) {
        long q = number(i.getVirtualQuantity(), 1024);
        String units = i.getAllocationUnits() == null ? "" : i.getAllocationUnits().strip();
        String u = units.toLowerCase(Locale.ROOT);
        if (u.isEmpty() || u.equals("mb") || u.equals("megabytes") || u.equals("mib")) {
            return q;
        }
        if (u.equals("gb") || u.equals("gigabytes") || u.equals("gib")) {
            return q << 10;
        }
        try {
            return Capacity.parse(Long.toString(q), units).bytes().orElse(q << 20) >> 20;
        } catch (IllegalArgumentException e) {
            return q;
        }
    }

    private static String scsiModel(String sub) {
        String first = sub.isEmpty() ? "lsilogic" : sub.split("[ ,]+")[0];
        return switch (first) {
            case "lsilogicsas", "lsilogic-sas" -> "lsilogicsas";
            case "buslogic" -> "buslogic";
            case "virtualscsi", "pvscsi" -> "pvscsi";
            case "virtio", "virtio-scsi", "virtioscsi" -> "virtio-scsi";
            default -> "lsilogic";
        };
    }

    static String nicModel(String subType) {
        String s = subType == null || subType.isBlank() ? "e1000" : subType.strip().split("[ ,]+")[0].toLowerCase(Locale.ROOT);
        return switch (s) {
            case "e1000", "e1000e", "vmxnet3", "vmxnet2", "vmxnet", "pcnet32" -> s;
            case "virtio", "virtionet", "virtio-net", "3" -> "virtio";
            default -> "e1000";
        };
    }

    /**
     * How {@link #toDescriptor} names devices.
     *
     * <p>{@link #PORTABLE} writes the names every OVA importer takes as they are ({@code portable}'s
     * intersection): {@code E1000} NICs, LSI Logic, LSI Logic SAS or BusLogic SCSI (PVSCSI and
     * virtio-scsi become LSI Logic), {@code vmware.sata.ahci}, {@code vmware.nvme.controller}, IDE
     * without a subtype, system type {@code vmx-07}; each changed model is named in the item's
     * {@code rasd:Description}. {@link #NATIVE} keeps the VM's models ({@code VmxNet3},
     * {@code VirtualSCSI}, {@code virtio} …) and writes {@code vmx-14}.
     */
    public enum Models {
        /** Names every OVA importer takes. */
        PORTABLE,
        /** The VM's own models. */
        NATIVE
    }

    /**
     * A new OVF 1.0 descriptor for {@code vm}: a References {@code File} and a DiskSection
     * {@code Disk} per disk ({@code hrefs} and {@code capacities} in the order of the disks; the
     * format and sizes are filled in by the package writer), the networks, one VirtualSystem with
     * its OperatingSystemSection and VirtualHardwareSection. virtio-blk disks, which OVF has no
     * controller for, go on a SCSI controller of their own.
     */
    public static OvfDescriptor toDescriptor(VirtualMachine vm, String id, List<String> hrefs, List<Long> capacities, Models models) {
        if (hrefs.size() != vm.disks().size() || capacities.size() != vm.disks().size()) {
            throw new IllegalArgumentException("one href and one capacity per disk: " + vm.disks().size() + " disks, "
                    + hrefs.size() + " hrefs, " + capacities.size() + " capacities");
        }
        boolean portable = models == Models.PORTABLE;
        Envelope env = new Envelope();
        References refs = new References();
        env.children().add(refs);
        if (!vm.disks().isEmpty()) {
            DiskSection ds = new DiskSection();
            ds.setInfo(new Msg("Virtual disk information"));
            for (int i = 0; i < hrefs.size(); i++) {
                FileReference f = new FileReference("file" + (i + 1), hrefs.get(i));
                refs.children().add(f);
                VirtualDisk disk = new VirtualDisk();
                disk.setDiskId("vmdisk" + (i + 1));
                disk.setFileRef(f.getId());
                Capacity.Attributes cap = Capacity.ofBytes(capacities.get(i)).toAttributes();
                disk.setCapacity(cap.capacity());
                if (!cap.units().equals("byte")) {
                    disk.setCapacityAllocationUnits(cap.units());
                }
                disk.setFormat("http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized");
                ds.getDisks().add(disk);
            }
            env.children().add(ds);
        }
        List<String> networks = vm.nics().stream().map(n -> n.network().isBlank() ? "VM Network" : n.network()).distinct().toList();
        if (!networks.isEmpty()) {
            NetworkSection ns = new NetworkSection();
            ns.setInfo(new Msg("The list of logical networks"));
            for (String n : networks) {
                Network net = new Network(n);
                net.setDescription(new Msg("The " + n + " network"));
                ns.getNetworks().add(net);
            }
            env.children().add(ns);
        }
        VirtualSystem vs = new VirtualSystem();
        vs.setId(id);
        vs.setInfo(new Msg("A virtual machine"));
        vs.setName(new Msg(vm.name()));
        OperatingSystemSection os = new OperatingSystemSection();
        os.setInfo(new Msg("The kind of installed guest operating system"));
        os.setId(vm.guestOs().cimId());
        if (vm.guestOs().vmwareGuestId() != null) {
            os.setVmwOsType(vm.guestOs().vmwareGuestId());
        }
        os.setDescription(new Msg(vm.guestOs().cimName()));
        vs.children().add(os);
        vs.children().add(hardware(vm, id, portable));
        env.children().add(vs);
        return Ovf.create(env, OvfVersion.V1_0, id + ".ovf");
    }

    private static VirtualHardwareSection hardware(VirtualMachine vm, String id, boolean portable) {
        VirtualHardwareSection hw = new VirtualHardwareSection();
        hw.setInfo(new Msg("Virtual hardware requirements"));
        VirtualSystemSettingData sys = new VirtualSystemSettingData();
        sys.setElementName("Virtual Hardware Family");
        sys.setInstanceId("0");
        sys.setVirtualSystemIdentifier(id);
        sys.setVirtualSystemType(portable ? "vmx-07" : "vmx-14");
        hw.setSystem(sys);
        List<ResourceAllocationSettingData> items = hw.getItems();
        int[] next = {1};
        ResourceAllocationSettingData cpu = item(next, 3, vm.cpus() + " virtual CPU(s)");
        cpu.setDescription("Number of Virtual CPUs");
        cpu.setAllocationUnits("hertz * 10^6");
        cpu.setVirtualQuantity(Integer.toString(vm.cpus()));
        items.add(cpu);
        ResourceAllocationSettingData mem = item(next, 4, vm.memoryMiB() + "MB of memory");
        mem.setDescription("Memory Size");
        mem.setAllocationUnits("byte * 2^20");
        mem.setVirtualQuantity(Long.toString(vm.memoryMiB()));
        items.add(mem);
        // controllers: IDE channels, then the others in the VM's order
        Map<String, String> controllerIds = new HashMap<>();
        List<VirtualMachine.Slot> ideSlots = new ArrayList<>();
        vm.disks().forEach(d -> ideSlots.add(d.slot()));
        vm.cdroms().forEach(c -> ideSlots.add(c.slot()));
        ideSlots.stream().filter(s -> s.bus() == Bus.IDE).map(VirtualMachine.Slot::controller).distinct().sorted().forEach(ch -> {
            ResourceAllocationSettingData ide = item(next, 5, "IDE Controller " + ch);
            ide.setDescription("IDE Controller");
            ide.setAddress(Integer.toString(ch));
            items.add(ide);
            controllerIds.put("ide" + ch, ide.getInstanceId());
        });
        int scsiCount = 0;
        for (VirtualMachine.Controller c : vm.controllers()) {
            if (c.bus() == Bus.IDE || c.bus() == Bus.VIRTIO) {
                continue;
            }
            ResourceAllocationSettingData r;
            if (c.bus() == Bus.SCSI) {
                r = item(next, 6, "SCSI Controller " + c.index());
                r.setDescription("SCSI Controller");
                r.setAddress(Integer.toString(c.index()));
                String sub = switch (c.model()) {
                    case "lsilogicsas" -> "lsilogicsas";
                    case "buslogic" -> "buslogic";
                    case "pvscsi" -> portable ? "lsilogic" : "VirtualSCSI";
                    case "virtio-scsi" -> portable ? "lsilogic" : "virtio";
                    default -> "lsilogic";
                };
                r.setResourceSubType(sub);
                if (!sub.equalsIgnoreCase(c.model()) && portable) {
                    r.setDescription("SCSI Controller (" + c.model() + " in the source VM)");
                }
                scsiCount = Math.max(scsiCount, c.index() + 1);
            } else if (c.bus() == Bus.SATA) {
                r = item(next, 20, "SATA Controller " + c.index());
                r.setDescription("SATA Controller");
                r.setAddress(Integer.toString(c.index()));
                r.setResourceSubType("vmware.sata.ahci");
            } else {
                r = item(next, 20, "NVMe Controller " + c.index());
                r.setDescription("NVMe Controller");
                r.setAddress(Integer.toString(c.index()));
                r.setResourceSubType("vmware.nvme.controller");
            }
            items.add(r);
            controllerIds.put(c.bus().id() + c.index(), r.getInstanceId());
        }
        boolean virtio = vm.disks().stream().anyMatch(d -> d.slot().bus() == Bus.VIRTIO);
        String virtioController = null;
        if (virtio) {
            ResourceAllocationSettingData r = item(next, 6, "SCSI Controller " + scsiCount);
            r.setDescription("SCSI Controller (virtio-blk disks in the source VM)");
            r.setAddress(Integer.toString(scsiCount));
            r.setResourceSubType(portable ? "lsilogic" : "virtio");
            items.add(r);
            virtioController = r.getInstanceId();
        }
        int virtioUnit = 0;
        for (int i = 0; i < vm.disks().size(); i++) {
            VirtualMachine.Disk d = vm.disks().get(i);
            ResourceAllocationSettingData r = item(next, 17, "Hard Disk " + (i + 1));
            r.getHostResources().add("ovf:/disk/vmdisk" + (i + 1));
            if (d.slot().bus() == Bus.VIRTIO) {
                r.setParent(virtioController);
                r.setAddressOnParent(Integer.toString(virtioUnit == 7 ? ++virtioUnit : virtioUnit));
                virtioUnit++;
            } else {
                r.setParent(controllerIds.get(d.slot().bus().id() + d.slot().controller()));
                r.setAddressOnParent(Integer.toString(d.slot().unit()));
            }
            items.add(r);
        }
        for (int i = 0; i < vm.cdroms().size(); i++) {
            VirtualMachine.CdRom c = vm.cdroms().get(i);
            String parent = controllerIds.get(c.slot().bus().id() + c.slot().controller());
            if (parent == null) {
                continue; // a CD-ROM on virtio has no OVF place
            }
            ResourceAllocationSettingData r = item(next, 15, "CD-ROM " + (i + 1));
            r.setAutomaticAllocation("false");
            r.setParent(parent);
            r.setAddressOnParent(Integer.toString(c.slot().unit()));
            items.add(r);
        }
        for (int i = 0; i < vm.nics().size(); i++) {
            VirtualMachine.Nic n = vm.nics().get(i);
            String network = n.network().isBlank() ? "VM Network" : n.network();
            String sub = portable ? "E1000" : switch (n.model()) {
                case "e1000e" -> "E1000e";
                case "vmxnet3" -> "VmxNet3";
                case "vmxnet2", "vmxnet" -> "VmxNet2";
                case "pcnet32" -> "PCNet32";
                case "virtio" -> "virtio";
                default -> "E1000";
            };
            ResourceAllocationSettingData r = item(next, 10, "Network adapter " + (i + 1));
            r.setAddressOnParent(Integer.toString(7 + i));
            r.setAutomaticAllocation("true");
            r.getConnections().add(network);
            r.setResourceSubType(sub);
            r.setDescription(sub + " ethernet adapter on \"" + network + "\""
                    + (portable && !n.model().equals("e1000") ? " (" + n.model() + " in the source VM)" : ""));
            if (n.mac() != null) {
                r.setAddress(n.mac());
            }
            items.add(r);
        }
        if (!portable) {
            for (VirtualMachine.SerialPort s : vm.serialPorts()) {
                ResourceAllocationSettingData r = item(next, 21, "Serial port " + (s.index() + 1));
                r.setRequired(false);
                r.setAutomaticAllocation("false");
                items.add(r);
            }
        }
        VmwConfig fw = new VmwConfig("firmware", vm.firmware() == Firmware.EFI ? "efi" : "bios");
        fw.setRequired(false);
        hw.getExtensions().add(fw);
        if (vm.firmware() == Firmware.EFI && vm.secureBoot()) {
            VmwConfig sb = new VmwConfig("bootOptions.efiSecureBootEnabled", "true");
            sb.setRequired(false);
            hw.getExtensions().add(sb);
        }
        if (!vm.isX86()) {
            VmwExtraConfig arch = new VmwExtraConfig(ARCHITECTURE_KEY, vm.architecture());
            arch.setRequired(false);
            hw.getExtensions().add(arch);
        }
        return hw;
    }

    private static ResourceAllocationSettingData item(int[] next, int type, String elementName) {
        ResourceAllocationSettingData r = new ResourceAllocationSettingData();
        r.setInstanceId(Integer.toString(next[0]++));
        r.setResourceType(Integer.toString(type));
        r.setElementName(elementName);
        return r;
    }

    /** The architecture a descriptor records, if any ({@code vmw:ExtraConfig ovfkit.architecture}). */
    public static Optional<String> architecture(OvfDescriptor d) {
        return d.envelope().virtualSystems().stream().flatMap(v -> v.virtualHardwareSections().stream())
                .flatMap(h -> h.vmwExtraConfigs().stream()).filter(c -> ARCHITECTURE_KEY.equals(c.getKey()))
                .map(VmwExtraConfig::getValue).findFirst();
    }
}
