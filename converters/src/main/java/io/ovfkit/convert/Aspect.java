package io.ovfkit.convert;

import java.util.Locale;

/**
 * What a {@link TargetRule} constrains: one property of an OVF package that an importer looks at.
 * Each aspect is checked by one lint rule, whose stable id is {@link #ruleId()}; several aspects may
 * share a rule id (the three controller kinds are all {@code CTRL-TYPE}).
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum Aspect {
    /** Whether the target imports OVF packages at all (Hyper-V, Azure and KubeVirt take disk images). */
    PACKAGE_FORM("PKG-FORM", "packageForm", true),
    /** The envelope namespace family: {@code 0.9}, {@code 1}, {@code 2}. */
    OVF_VERSION("OVF-VERSION", "ovfVersions", true),
    /** {@code vssd:VirtualSystemType} values (a listed value is accepted when any of its families is). */
    SYSTEM_TYPE("OVF-SYSTEM-TYPE", "systemTypes", true),
    /** Hardware item elements: {@code Item}, OVF 2 {@code StorageItem} and {@code EthernetPortItem}. */
    ITEM_ELEMENT("OVF-ITEM-ELEMENT", "itemElements", true),
    /** Sections and structures the importer refuses ({@code StartupSection}, {@code VirtualSystemCollection}…). */
    SECTION("OVF-SECTION", "refusedSections", true),
    /** CIM ResourceType numbers of required items the importer refuses (sound card 35 on vSphere). */
    DEVICE_TYPE("DEVICE-TYPE", "refusedDeviceTypes", true),
    /** ResourceSubType of IDE controllers (ResourceType 5). */
    IDE_SUBTYPE("CTRL-TYPE", "ideSubtypes", true),
    /** ResourceSubType of SCSI controllers (ResourceType 6). */
    SCSI_SUBTYPE("CTRL-TYPE", "scsiSubtypes", true),
    /** ResourceSubType of "other storage" controllers: SATA, NVMe, virtio-scsi (ResourceType 20). */
    SATA_SUBTYPE("CTRL-TYPE", "otherStorageSubtypes", true),
    /** ResourceType of the controller a disk is attached to (its {@code Parent}). */
    DISK_CONTROLLER("DISK-CONTROLLER", "diskControllers", true),
    /** ResourceSubType of network adapters (ResourceType 10). */
    NIC_SUBTYPE("NIC-TYPE", "nicSubtypes", true),
    /** The {@code ovf:format} URI of each {@code Disk}. */
    DISK_FORMAT("DISK-FORMAT", "diskFormats", true),
    /** What each disk file really holds (VMDK subformat), read from its first bytes. */
    DISK_PAYLOAD("DISK-PAYLOAD", "diskPayloads", true),
    /** {@code ovf:compression} of files. */
    COMPRESSION("DISK-COMPRESSION", "compression", true),
    /** {@code ovf:href} of files (characters, folders, extensions). */
    FILE_NAME("FILE-NAME", "fileNames", true),
    /** {@code ovf:href} of the files that hold disks. */
    DISK_FILE_NAME("FILE-NAME", "diskFileNames", true),
    /** Digest algorithms of manifest lines. */
    MANIFEST_ALGORITHM("MF-ALGORITHM", "manifestAlgorithms", true),
    /** The spelling of manifest lines: canonical {@code ALG(name)= hex} or lenient. */
    MANIFEST_SYNTAX("MF-SYNTAX", "manifestSyntax", true),
    /** Characters allowed in manifest entry names. */
    MANIFEST_NAME("MF-NAME", "manifestNames", true),
    /** Whether every member of the package must be listed in the manifest. */
    MANIFEST_COMPLETE("MF-COMPLETE", "manifestCompleteness", true),
    /** Member order of an OVA: the descriptor first, the manifest and certificate right after it. */
    TAR_ORDER("TAR-ORDER", "memberOrder", true),
    /** Tar header flavour: ustar, GNU, PAX. */
    TAR_FORMAT("TAR-FORMAT", "tarFormats", true),
    /** Folders inside an OVA. */
    TAR_LAYOUT("TAR-LAYOUT", "tarLayout", true),
    /** Forms of a disk's {@code rasd:HostResource} ({@code ovf:/disk/ID}, {@code /disk/ID}, {@code ovf://disk/ID}). */
    HOST_RESOURCE("HOSTRESOURCE-FORM", "hostResourceForms", true),
    /** {@code rasd:AllocationUnits} of the memory item (ResourceType 4). */
    MEMORY_UNITS("MEMORY-UNITS", "memoryUnits", true),
    /** {@code ovf:capacityAllocationUnits} of disks. */
    CAPACITY_UNITS("CAPACITY-UNITS", "capacityUnits", true),
    /** Firmware ({@code vmw:Config vmw:key="firmware"}): {@code bios}, {@code efi}. */
    FIRMWARE("FIRMWARE", "firmware", false),
    /** Largest descriptor, in bytes. */
    DESCRIPTOR_SIZE("SIZE-LIMIT", "maxDescriptorBytes", false),
    /** Largest manifest, in bytes. */
    MANIFEST_SIZE("SIZE-LIMIT", "maxManifestBytes", false);

    private final String ruleId;
    private final String jsonName;
    private final boolean fixable;

    Aspect(String ruleId, String jsonName, boolean fixable) {
        this.ruleId = ruleId;
        this.jsonName = jsonName;
        this.fixable = fixable;
    }

    /** The stable id of the lint rule that checks this aspect, such as {@code NIC-TYPE}. */
    public String ruleId() {
        return ruleId;
    }

    /** The camelCase name of this aspect in JSON reports, such as {@code nicSubtypes}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Whether {@code retarget} can change the package so that the rule holds (convert, rewrite,
     * repack); false where only the user can (a UEFI guest cannot become a BIOS one).
     */
    public boolean fixable() {
        return fixable;
    }

    /** The lower-case, dashed name ({@code nic-subtype}), for text output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
