package io.ovfkit.convert.vm;

import io.ovfkit.ovf.value.OsType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A hypervisor-neutral description of one virtual machine's hardware, the value every VM format
 * maps to and from ({@link VmxFormat}, {@link LibvirtFormat}, {@link VboxFormat}, {@link OvfMapping}):
 * CPUs and topology, memory, firmware, architecture, guest OS, storage controllers with their disks
 * and CD-ROMs, network adapters and serial ports. Immutable and safe to share between threads; build
 * it with {@link #builder(String)} (a builder is not thread-safe).
 *
 * <p>Device models are kept as the source names them ({@code lsilogic}, {@code vmxnet3},
 * {@code virtio}, {@code 82540EM} becomes {@code e1000}): each format maps its own names onto the
 * few neutral ones listed on {@link Controller} and {@link Nic}, and back.
 */
public final class VirtualMachine {
    /** The firmware the VM boots. */
    public enum Firmware {
        /** PC BIOS (SeaBIOS, VMware's and VirtualBox's BIOS). */
        BIOS,
        /** UEFI (OVMF, VMware's and VirtualBox's EFI). */
        EFI
    }

    /** A storage bus. */
    public enum Bus {
        /** IDE (PIIX3/PIIX4/ICH6). */
        IDE,
        /** Parallel SCSI HBAs: LSI Logic, LSI Logic SAS, BusLogic, PVSCSI, virtio-scsi. */
        SCSI,
        /** SATA AHCI. */
        SATA,
        /** NVMe. */
        NVME,
        /** virtio-blk: one PCI device per disk, no controller of its own. */
        VIRTIO;

        /** Lower-case name, as in messages. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A storage controller.
     *
     * @param bus its bus
     * @param index its number among the controllers of that bus (scsi0, scsi1 ...)
     * @param model the model: for SCSI {@code lsilogic}, {@code lsilogicsas}, {@code buslogic},
     *     {@code pvscsi}, {@code virtio-scsi}; for IDE {@code piix3}, {@code piix4}, {@code ich6};
     *     {@code ahci} for SATA, {@code nvme}, {@code virtio}; never null
     */
    public record Controller(Bus bus, int index, String model) {
        /** Checks the components. */
        public Controller {
            Objects.requireNonNull(bus, "bus");
            Objects.requireNonNull(model, "model");
            if (index < 0) {
                throw new IllegalArgumentException("controller index must not be negative: " + index);
            }
        }
    }

    /**
     * Where a disk or CD-ROM sits: controller {@code bus}/{@code controller}, unit {@code unit}
     * (the SCSI id, the SATA port, IDE 0 master 0, 1 slave 0, 2 master 1, 3 slave 1).
     */
    public record Slot(Bus bus, int controller, int unit) {
        /** Checks the components. */
        public Slot {
            Objects.requireNonNull(bus, "bus");
            if (controller < 0 || unit < 0) {
                throw new IllegalArgumentException("slot numbers must not be negative: " + controller + ":" + unit);
            }
        }

        @Override
        public String toString() {
            return bus.id() + controller + ":" + unit;
        }
    }

    /**
     * A hard disk.
     *
     * @param slot where it is attached
     * @param location the image as the definition names it (for messages)
     * @param image the image file, resolved against the definition's folder; the current state of a
     *     snapshot chain (the disk engine reads the chain behind it)
     * @param parent the image's parent when the definition names it and the image does not find it
     *     itself (VirtualBox's differencing VDIs in {@code Snapshots/}); {@code null} otherwise
     * @param format the format the definition states ({@code qcow2}, {@code raw}, {@code vmdk},
     *     {@code vdi}, {@code vhd}), lower case; {@code null} when it states none
     * @param capacity the guest-visible size in bytes, 0 when the definition does not say
     */
    public record Disk(Slot slot, String location, Path image, Path parent, String format, long capacity) {
        /** Checks the components. */
        public Disk {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(location, "location");
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity must not be negative: " + capacity);
            }
        }
    }

    /**
     * A CD or DVD drive.
     *
     * @param slot where it is attached
     * @param image the ISO it holds, {@code null} when empty or a host device
     */
    public record CdRom(Slot slot, Path image) {
        /** Checks the components. */
        public CdRom {
            Objects.requireNonNull(slot, "slot");
        }
    }

    /**
     * A network adapter.
     *
     * @param model {@code e1000}, {@code e1000e}, {@code vmxnet3}, {@code virtio}, {@code pcnet32},
     *     {@code rtl8139} or another name the source uses, lower case
     * @param network the network it is connected to (a logical name; never null, may be empty)
     * @param mac its MAC address ({@code 00:0c:29:2c:3a:fc}), {@code null} when generated
     */
    public record Nic(String model, String network, String mac) {
        /** Checks the components. */
        public Nic {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(network, "network");
        }
    }

    /**
     * A serial port.
     *
     * @param index its number (COM1 is 0)
     * @param kind what it is connected to: {@code file}, {@code pipe}, {@code device}, {@code pty},
     *     {@code tcp} or {@code none}
     * @param target the file, pipe or device, or {@code null}
     */
    public record SerialPort(int index, String kind, String target) {
        /** Checks the components. */
        public SerialPort {
            Objects.requireNonNull(kind, "kind");
        }
    }

    private final String name;
    private final int cpus;
    private final int coresPerSocket;
    private final long memoryMiB;
    private final Firmware firmware;
    private final boolean secureBoot;
    private final String architecture;
    private final OsType guestOs;
    private final List<Controller> controllers;
    private final List<Disk> disks;
    private final List<CdRom> cdroms;
    private final List<Nic> nics;
    private final List<SerialPort> serialPorts;

    private VirtualMachine(Builder b) {
        this.name = b.name;
        this.cpus = b.cpus;
        this.coresPerSocket = b.coresPerSocket;
        this.memoryMiB = b.memoryMiB;
        this.firmware = b.firmware;
        this.secureBoot = b.secureBoot;
        this.architecture = b.architecture;
        this.guestOs = b.guestOs;
        this.controllers = List.copyOf(b.controllers);
        this.disks = List.copyOf(b.disks);
        this.cdroms = List.copyOf(b.cdroms);
        this.nics = List.copyOf(b.nics);
        this.serialPorts = List.copyOf(b.serialPorts);
    }

    /** A builder for a VM called {@code name}: 1 CPU, 1 GiB, BIOS, x86_64, guest OS Other, no devices. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this VM's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name).cpus(cpus).coresPerSocket(coresPerSocket).memoryMiB(memoryMiB)
                .firmware(firmware).secureBoot(secureBoot).architecture(architecture).guestOs(guestOs);
        b.controllers.addAll(controllers);
        b.disks.addAll(disks);
        b.cdroms.addAll(cdroms);
        b.nics.addAll(nics);
        b.serialPorts.addAll(serialPorts);
        return b;
    }

    /** The VM's name. */
    public String name() {
        return name;
    }

    /** Virtual CPUs. */
    public int cpus() {
        return cpus;
    }

    /** Cores per socket (1 when the source does not say). */
    public int coresPerSocket() {
        return coresPerSocket;
    }

    /** Memory in MiB. */
    public long memoryMiB() {
        return memoryMiB;
    }

    /** The firmware. */
    public Firmware firmware() {
        return firmware;
    }

    /** Whether UEFI secure boot is on (EFI only). */
    public boolean secureBoot() {
        return secureBoot;
    }

    /** The CPU architecture as libvirt names it: {@code x86_64}, {@code i686}, {@code aarch64}, {@code ppc64le} ... */
    public String architecture() {
        return architecture;
    }

    /** Whether the architecture is x86 (32 or 64 bits). */
    public boolean isX86() {
        return architecture.equals("x86_64") || architecture.matches("i[3-6]86");
    }

    /** The guest operating system. */
    public OsType guestOs() {
        return guestOs;
    }

    /** The storage controllers, in order. */
    public List<Controller> controllers() {
        return controllers;
    }

    /** The hard disks, the boot disk first. */
    public List<Disk> disks() {
        return disks;
    }

    /** The CD/DVD drives. */
    public List<CdRom> cdroms() {
        return cdroms;
    }

    /** The network adapters, in slot order. */
    public List<Nic> nics() {
        return nics;
    }

    /** The serial ports. */
    public List<SerialPort> serialPorts() {
        return serialPorts;
    }

    /** The controller a slot refers to, if the VM declares it. */
    public java.util.Optional<Controller> controller(Slot slot) {
        return controllers.stream().filter(c -> c.bus() == slot.bus() && c.index() == slot.controller()).findFirst();
    }

    @Override
    public String toString() {
        return name + ": " + cpus + " CPU, " + memoryMiB + " MiB, " + firmware + ", " + architecture + ", "
                + disks.size() + " disk(s), " + cdroms.size() + " CD-ROM(s), " + nics.size() + " NIC(s)";
    }

    /** Builds a {@link VirtualMachine}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private int cpus = 1;
        private int coresPerSocket = 1;
        private long memoryMiB = 1024;
        private Firmware firmware = Firmware.BIOS;
        private boolean secureBoot;
        private String architecture = "x86_64";
        private OsType guestOs = OsType.ofCim(1);
        private final List<Controller> controllers = new ArrayList<>();
        private final List<Disk> disks = new ArrayList<>();
        private final List<CdRom> cdroms = new ArrayList<>();
        private final List<Nic> nics = new ArrayList<>();
        private final List<SerialPort> serialPorts = new ArrayList<>();

        private Builder(String name) {
            name(name);
        }

        /** The name (not blank). */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a virtual machine needs a name");
            }
            this.name = value;
            return this;
        }

        /** Virtual CPUs (1 or more). */
        public Builder cpus(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("cpus must be positive: " + value);
            }
            this.cpus = value;
            return this;
        }

        /** Cores per socket (1 or more). */
        public Builder coresPerSocket(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("cores per socket must be positive: " + value);
            }
            this.coresPerSocket = value;
            return this;
        }

        /** Memory in MiB (1 or more). */
        public Builder memoryMiB(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("memory must be at least 1 MiB: " + value);
            }
            this.memoryMiB = value;
            return this;
        }

        /** The firmware. */
        public Builder firmware(Firmware value) {
            this.firmware = Objects.requireNonNull(value, "firmware");
            return this;
        }

        /** Secure boot. */
        public Builder secureBoot(boolean value) {
            this.secureBoot = value;
            return this;
        }

        /** The architecture, as libvirt names it ({@code x86_64}, {@code aarch64}, ...). */
        public Builder architecture(String value) {
            this.architecture = Objects.requireNonNull(value, "architecture");
            return this;
        }

        /** The guest OS. */
        public Builder guestOs(OsType value) {
            this.guestOs = Objects.requireNonNull(value, "guestOs");
            return this;
        }

        /** Adds a controller. */
        public Builder controller(Controller c) {
            controllers.add(Objects.requireNonNull(c));
            return this;
        }

        /** Adds a disk. */
        public Builder disk(Disk d) {
            disks.add(Objects.requireNonNull(d));
            return this;
        }

        /** Adds a CD-ROM. */
        public Builder cdrom(CdRom c) {
            cdroms.add(Objects.requireNonNull(c));
            return this;
        }

        /** Adds a network adapter. */
        public Builder nic(Nic n) {
            nics.add(Objects.requireNonNull(n));
            return this;
        }

        /** Adds a serial port. */
        public Builder serialPort(SerialPort s) {
            serialPorts.add(Objects.requireNonNull(s));
            return this;
        }

        /** Removes every disk (for callers that re-add them with new images). */
        public Builder clearDisks() {
            disks.clear();
            return this;
        }

        /** Removes every CD-ROM. */
        public Builder clearCdroms() {
            cdroms.clear();
            return this;
        }

        /** The VM; the controllers every disk and CD-ROM needs are added when missing. */
        public VirtualMachine build() {
            List<Slot> slots = new ArrayList<>();
            disks.forEach(d -> slots.add(d.slot()));
            cdroms.forEach(c -> slots.add(c.slot()));
            for (Slot s : slots) {
                boolean present = controllers.stream().anyMatch(c -> c.bus() == s.bus() && c.index() == s.controller());
                if (!present && s.bus() != Bus.VIRTIO) {
                    controllers.add(new Controller(s.bus(), s.controller(), defaultModel(s.bus())));
                }
            }
            return new VirtualMachine(this);
        }

        private static String defaultModel(Bus bus) {
            return switch (bus) {
                case IDE -> "piix4";
                case SCSI -> "lsilogic";
                case SATA -> "ahci";
                case NVME -> "nvme";
                case VIRTIO -> "virtio";
            };
        }
    }
}
