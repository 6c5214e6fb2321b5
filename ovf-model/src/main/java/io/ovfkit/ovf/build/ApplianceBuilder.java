package io.ovfkit.ovf.build;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
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
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.ovf.value.OsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the descriptor of a single-VM appliance from scratch, with the defaults that the most
 * importers accept: one LSI Logic SCSI controller carrying the disks, E1000 network adapters,
 * streamOptimized VMDK disks, hardware family {@code vmx-10}. What it builds with defaults is valid
 * against the DMTF schema of the chosen OVF version.
 *
 * <pre>{@code
 * OvfDescriptor d = ApplianceBuilder.named("web")
 *         .cpus(2).memoryBytes(4L << 30).osType(OsType.parse("ubuntu64Guest"))
 *         .disk(new DiskSpec("web-disk1.vmdk", 20L << 30, null, null))
 *         .network("VM Network")
 *         .build(OvfVersion.V1_0);
 * }</pre>
 *
 * <p>Not thread-safe: a mutable builder; use an instance from one thread (the descriptors it builds do
 * not share state with it).
 */
public final class ApplianceBuilder {
    /** The disk format URI of streamOptimized VMDK, the interoperable default. */
    public static final String STREAM_OPTIMIZED = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    private final String name;
    private int cpus = 1;
    private long memoryBytes = 1L << 30;
    private OsType osType = OsType.ofCim(1);
    private String virtualSystemType = "vmx-10";
    private String scsiSubType = "lsilogic";
    private String nicSubType = "E1000";
    private final List<DiskSpec> disks = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    /**
     * A disk of the appliance.
     *
     * @param href the file name in the package
     * @param capacityBytes the guest-visible size
     * @param fileSize the size of the file as stored, {@code null} when not known yet
     * @param populatedSize the bytes the guest actually uses, {@code null} when not known
     */
    public record DiskSpec(String href, long capacityBytes, Long fileSize, Long populatedSize) {
        /** Checks the components. */
        public DiskSpec {
            Objects.requireNonNull(href, "href");
            if (capacityBytes <= 0) {
                throw new IllegalArgumentException("disk capacity must be positive: " + capacityBytes);
            }
        }
    }

    private ApplianceBuilder(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the appliance needs a name");
        }
        this.name = name;
    }

    /** A builder for an appliance called {@code name} (also its VirtualSystem id). */
    public static ApplianceBuilder named(String name) {
        return new ApplianceBuilder(name);
    }

    /** Number of virtual CPUs (default 1). */
    public ApplianceBuilder cpus(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("cpus must be positive: " + n);
        }
        this.cpus = n;
        return this;
    }

    /** Memory in bytes, a whole number of MiB (default 1 GiB). */
    public ApplianceBuilder memoryBytes(long bytes) {
        if (bytes <= 0 || bytes % (1L << 20) != 0) {
            throw new IllegalArgumentException("memory must be a positive whole number of MiB: " + bytes);
        }
        this.memoryBytes = bytes;
        return this;
    }

    /** The guest operating system (default CIM 1, Other). */
    public ApplianceBuilder osType(OsType os) {
        this.osType = Objects.requireNonNull(os);
        return this;
    }

    /** The virtual hardware family, such as {@code vmx-10} or {@code virtualbox-2.2}. */
    public ApplianceBuilder virtualSystemType(String type) {
        this.virtualSystemType = Objects.requireNonNull(type);
        return this;
    }

    /** The SCSI controller model (default {@code lsilogic}). */
    public ApplianceBuilder scsiController(String subType) {
        this.scsiSubType = Objects.requireNonNull(subType);
        return this;
    }

    /** The network adapter model (default {@code E1000}). */
    public ApplianceBuilder nicType(String subType) {
        this.nicSubType = Objects.requireNonNull(subType);
        return this;
    }

    /** Adds a disk (in order: the first is the boot disk). */
    public ApplianceBuilder disk(DiskSpec disk) {
        if (disks.size() >= 15) {
            throw new IllegalArgumentException("at most 15 disks fit on one SCSI controller");
        }
        disks.add(Objects.requireNonNull(disk));
        return this;
    }

    /** Adds a network adapter connected to the logical network {@code name}. */
    public ApplianceBuilder network(String networkName) {
        networks.add(Objects.requireNonNull(networkName));
        return this;
    }

    /** The model of the descriptor, for callers that want to add sections before writing. */
    public Envelope buildEnvelope() {
        Envelope env = new Envelope();
        References refs = new References();
        env.children().add(refs);
        if (!disks.isEmpty()) {
            DiskSection ds = new DiskSection();
            ds.setInfo(new Msg("Virtual disk information"));
            for (int i = 0; i < disks.size(); i++) {
                DiskSpec spec = disks.get(i);
                FileReference f = new FileReference("file" + (i + 1), spec.href());
                f.setSize(spec.fileSize());
                refs.children().add(f);
                VirtualDisk disk = new VirtualDisk();
                disk.setDiskId("vmdisk" + (i + 1));
                disk.setFileRef(f.getId());
                Capacity.Attributes cap = Capacity.ofBytes(spec.capacityBytes()).toAttributes();
                disk.setCapacity(cap.capacity());
                if (!cap.units().equals("byte")) {
                    disk.setCapacityAllocationUnits(cap.units());
                }
                disk.setFormat(STREAM_OPTIMIZED);
                disk.setPopulatedSize(spec.populatedSize());
                ds.getDisks().add(disk);
            }
            env.children().add(ds);
        }
        List<String> distinct = networks.stream().distinct().toList();
        if (!distinct.isEmpty()) {
            NetworkSection ns = new NetworkSection();
            ns.setInfo(new Msg("The list of logical networks"));
            for (String n : distinct) {
                Network net = new Network(n);
                net.setDescription(new Msg("The " + n + " network"));
                ns.getNetworks().add(net);
            }
            env.children().add(ns);
        }
        VirtualSystem vs = new VirtualSystem();
        vs.setId(name);
        vs.setInfo(new Msg("A virtual machine"));
        vs.setName(new Msg(name));
        OperatingSystemSection os = new OperatingSystemSection();
        os.setInfo(new Msg("The kind of installed guest operating system"));
        os.setId(osType.cimId());
        if (osType.vmwareGuestId() != null) {
            os.setVmwOsType(osType.vmwareGuestId());
        }
        os.setDescription(new Msg(osType.cimName()));
        vs.children().add(os);
        vs.children().add(hardware());
        env.children().add(vs);
        return env;
    }

    private VirtualHardwareSection hardware() {
        VirtualHardwareSection hw = new VirtualHardwareSection();
        hw.setInfo(new Msg("Virtual hardware requirements"));
        VirtualSystemSettingData sys = new VirtualSystemSettingData();
        sys.setElementName("Virtual Hardware Family");
        sys.setInstanceId("0");
        sys.setVirtualSystemIdentifier(name);
        sys.setVirtualSystemType(virtualSystemType);
        hw.setSystem(sys);
        int id = 1;
        ResourceAllocationSettingData cpu = item(id++, 3, cpus + " virtual CPU(s)");
        cpu.setDescription("Number of Virtual CPUs");
        cpu.setAllocationUnits("hertz * 10^6");
        cpu.setVirtualQuantity(Integer.toString(cpus));
        hw.getItems().add(cpu);
        ResourceAllocationSettingData mem = item(id++, 4, (memoryBytes >> 20) + "MB of memory");
        mem.setDescription("Memory Size");
        mem.setAllocationUnits("byte * 2^20");
        mem.setVirtualQuantity(Long.toString(memoryBytes >> 20));
        hw.getItems().add(mem);
        if (!disks.isEmpty()) {
            int scsiId = id++;
            ResourceAllocationSettingData scsi = item(scsiId, 6, "SCSI Controller 0");
            scsi.setDescription("SCSI Controller");
            scsi.setAddress("0");
            scsi.setResourceSubType(scsiSubType);
            hw.getItems().add(scsi);
            for (int i = 0; i < disks.size(); i++) {
                ResourceAllocationSettingData d = item(id++, 17, "Hard Disk " + (i + 1));
                d.setAddressOnParent(Integer.toString(i < 7 ? i : i + 1));
                d.getHostResources().add("ovf:/disk/vmdisk" + (i + 1));
                d.setParent(Integer.toString(scsiId));
                hw.getItems().add(d);
            }
        }
        for (int i = 0; i < networks.size(); i++) {
            ResourceAllocationSettingData nic = item(id++, 10, "Network adapter " + (i + 1));
            nic.setAddressOnParent(Integer.toString(7 + i));
            nic.setAutomaticAllocation("true");
            nic.getConnections().add(networks.get(i));
            nic.setDescription(nicSubType + " ethernet adapter on \"" + networks.get(i) + "\"");
            nic.setResourceSubType(nicSubType);
            hw.getItems().add(nic);
        }
        return hw;
    }

    private static ResourceAllocationSettingData item(int instanceId, int resourceType, String elementName) {
        ResourceAllocationSettingData r = new ResourceAllocationSettingData();
        r.setInstanceId(Integer.toString(instanceId));
        r.setResourceType(Integer.toString(resourceType));
        r.setElementName(elementName);
        return r;
    }

    /** The descriptor, written in {@code version}, named {@code <name>.ovf} in messages. */
    public OvfDescriptor build(OvfVersion version) {
        return Ovf.create(buildEnvelope(), version, name + ".ovf");
    }
}
