package io.ovfkit.convert;

import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.model.VmwConfig;
import io.ovfkit.ovf.value.Capacity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The hardware of the first virtual system of a descriptor, as the targets that import no OVF
 * need it to create the VM by hand: CPUs, memory, firmware, NICs, and the disks in boot order
 * (the first disk on the controller with the lowest InstanceID first, as GCE's importer picks the
 * boot disk), each with the href of its file.
 */
record VmHardware(String name, int cpus, long memoryMiB, String firmware, List<Nic> nics, List<Disk> disks) {
    /** A network adapter: its element name, ResourceSubType and connection. */
    record Nic(String name, String type, String network) {
    }

    /** A disk: its id, the href of its file, its capacity in bytes ({@code -1} when unknown), its controller type. */
    record Disk(String diskId, String href, long capacity, String controller) {
    }

    static VmHardware of(OvfDescriptor d) {
        Envelope env = d.envelope();
        List<VirtualSystem> systems = env.virtualSystems();
        String name = "vm";
        int cpus = 1;
        long mem = 0;
        String firmware = "bios";
        List<Nic> nics = new ArrayList<>();
        List<Disk> disks = new ArrayList<>();
        Map<String, String> hrefs = new HashMap<>();
        for (FileReference f : env.references().map(References::files).orElse(List.of())) {
            hrefs.put(f.getId(), f.getHref());
        }
        Map<String, VirtualDisk> diskById = new HashMap<>();
        env.diskSection().ifPresent(ds -> ds.getDisks().forEach(vd -> diskById.put(vd.getDiskId(), vd)));
        if (!systems.isEmpty()) {
            VirtualSystem vs = systems.get(0);
            name = vs.getName() != null && vs.getName().getValue() != null && !vs.getName().getValue().isBlank()
                    ? vs.getName().getValue().trim() : vs.getId() == null ? "vm" : vs.getId();
            VirtualHardwareSection hw = vs.virtualHardwareSections().isEmpty() ? null : vs.virtualHardwareSections().get(0);
            if (hw != null) {
                Map<String, DeviceItem> byId = new HashMap<>();
                for (DeviceItem i : hw.devices()) {
                    if (i.getInstanceId() != null) {
                        byId.put(i.getInstanceId().trim(), i);
                    }
                }
                List<DeviceItem> diskItems = new ArrayList<>();
                for (DeviceItem i : hw.devices()) {
                    if (i.getConfiguration() != null && !i.getConfiguration().isBlank()) {
                        continue;
                    }
                    String type = trim(i.getResourceType());
                    switch (type) {
                        case "3" -> cpus = (int) Math.max(1, number(i.getVirtualQuantity(), 1));
                        case "4" -> mem = memoryMiB(i);
                        case "10" -> nics.add(new Nic(trim(i.getElementName()), trim(i.getResourceSubType()),
                                i.getConnections().isEmpty() ? "" : trim(i.getConnections().get(0))));
                        case "17" -> diskItems.add(i);
                        default -> {
                        }
                    }
                }
                diskItems.sort(Comparator.comparingLong((DeviceItem i) -> number(i.getParent(), Long.MAX_VALUE))
                        .thenComparingLong(i -> number(i.getAddressOnParent(), Long.MAX_VALUE)));
                for (DeviceItem i : diskItems) {
                    for (String hr : i.getHostResources()) {
                        String[] kid = PackageFixes.hostResource(trim(hr));
                        if (kid == null || !kid[0].equals("disk") || !diskById.containsKey(kid[1])) {
                            continue;
                        }
                        VirtualDisk vd = diskById.get(kid[1]);
                        DeviceItem ctl = byId.get(trim(i.getParent()));
                        String href = vd.getFileRef() == null ? null : hrefs.get(vd.getFileRef());
                        if (href != null) {
                            disks.add(new Disk(vd.getDiskId(), href, capacity(vd), ctl == null ? "" : controller(ctl)));
                        }
                    }
                }
                for (VmwConfig c : hw.vmwConfigs()) {
                    if ("firmware".equals(c.getKey()) && c.getValue() != null) {
                        firmware = c.getValue().trim().toLowerCase(Locale.ROOT);
                    }
                }
            }
        }
        if (disks.isEmpty()) {
            // no disk item: the DiskSection's disks in their order
            for (VirtualDisk vd : diskById.values().stream().sorted(Comparator.comparing(VirtualDisk::getDiskId)).toList()) {
                String href = vd.getFileRef() == null ? null : hrefs.get(vd.getFileRef());
                if (href != null) {
                    disks.add(new Disk(vd.getDiskId(), href, capacity(vd), ""));
                }
            }
        }
        return new VmHardware(name, cpus, mem, firmware, nics, disks);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static long number(String s, long otherwise) {
        try {
            return Long.parseLong(trim(s));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static long memoryMiB(DeviceItem i) {
        String units = i.getAllocationUnits();
        if (units == null || units.isBlank()) {
            return number(i.getVirtualQuantity(), 0);
        }
        try {
            OptionalLong b = Capacity.parse(trim(i.getVirtualQuantity()), units).bytes();
            return b.isPresent() ? (b.getAsLong() + (1 << 20) - 1) >> 20 : 0;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static long capacity(VirtualDisk vd) {
        try {
            return Capacity.parse(vd.getCapacity(), vd.getCapacityAllocationUnits()).bytes().orElse(-1);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static String controller(DeviceItem c) {
        return switch (trim(c.getResourceType())) {
            case "5" -> "ide";
            case "6" -> "scsi";
            case "20" -> trim(c.getResourceSubType()).toLowerCase(Locale.ROOT).contains("nvme") ? "nvme" : "sata";
            default -> "other";
        };
    }

    /** Whether the guest boots with UEFI. */
    boolean efi() {
        return firmware.equals("efi");
    }

    /**
     * The hardware as JSON, with the extra members given first (already-encoded JSON values).
     *
     * @param extra member name → JSON value text
     */
    String json(Map<String, String> extra) {
        StringBuilder b = new StringBuilder("{\n");
        for (Map.Entry<String, String> e : extra.entrySet()) {
            b.append("  ").append(str(e.getKey())).append(": ").append(e.getValue()).append(",\n");
        }
        b.append("  \"name\": ").append(str(name)).append(",\n");
        b.append("  \"cpus\": ").append(cpus).append(",\n");
        b.append("  \"memoryMiB\": ").append(memoryMiB).append(",\n");
        b.append("  \"firmware\": ").append(str(firmware)).append(",\n");
        b.append("  \"nics\": [");
        for (int k = 0; k < nics.size(); k++) {
            Nic n = nics.get(k);
            b.append(k == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(n.name())).append(", \"type\": ")
                    .append(str(n.type())).append(", \"network\": ").append(str(n.network())).append("}");
        }
        b.append(nics.isEmpty() ? "]" : "\n  ]").append("\n}\n");
        return b.toString();
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
