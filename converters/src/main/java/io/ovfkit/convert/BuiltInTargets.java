package io.ovfkit.convert;

import static io.ovfkit.convert.Aspect.CAPACITY_UNITS;
import static io.ovfkit.convert.Aspect.COMPRESSION;
import static io.ovfkit.convert.Aspect.DESCRIPTOR_SIZE;
import static io.ovfkit.convert.Aspect.DEVICE_TYPE;
import static io.ovfkit.convert.Aspect.DISK_CONTROLLER;
import static io.ovfkit.convert.Aspect.DISK_FILE_NAME;
import static io.ovfkit.convert.Aspect.DISK_FORMAT;
import static io.ovfkit.convert.Aspect.DISK_PAYLOAD;
import static io.ovfkit.convert.Aspect.FILE_NAME;
import static io.ovfkit.convert.Aspect.FIRMWARE;
import static io.ovfkit.convert.Aspect.HOST_RESOURCE;
import static io.ovfkit.convert.Aspect.IDE_SUBTYPE;
import static io.ovfkit.convert.Aspect.ITEM_ELEMENT;
import static io.ovfkit.convert.Aspect.MANIFEST_ALGORITHM;
import static io.ovfkit.convert.Aspect.MANIFEST_COMPLETE;
import static io.ovfkit.convert.Aspect.MANIFEST_NAME;
import static io.ovfkit.convert.Aspect.MANIFEST_SIZE;
import static io.ovfkit.convert.Aspect.MANIFEST_SYNTAX;
import static io.ovfkit.convert.Aspect.MEMORY_UNITS;
import static io.ovfkit.convert.Aspect.NIC_SUBTYPE;
import static io.ovfkit.convert.Aspect.OVF_VERSION;
import static io.ovfkit.convert.Aspect.PACKAGE_FORM;
import static io.ovfkit.convert.Aspect.SATA_SUBTYPE;
import static io.ovfkit.convert.Aspect.SCSI_SUBTYPE;
import static io.ovfkit.convert.Aspect.SECTION;
import static io.ovfkit.convert.Aspect.SYSTEM_TYPE;
import static io.ovfkit.convert.Aspect.TAR_FORMAT;
import static io.ovfkit.convert.Aspect.TAR_LAYOUT;
import static io.ovfkit.convert.Aspect.TAR_ORDER;

import io.ovfkit.signing.DigestAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in target profiles, as a table of rules. Every rule restates a row of
 * {@code shared/docs/platform-rules.md} (section numbers in the comments) with that row's source;
 * rules the document marks unverified or inferred are {@link TargetRule.Builder#unverified()}.
 * Nothing here is invented: a behaviour the document does not state is left out (the target then
 * takes any value of that aspect).
 */
final class BuiltInTargets {
    /** The canonical streamOptimized format URI. */
    static final String STREAM_OPTIMIZED = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    /** Ids of the targets that import OVAs, whose rules {@code portable} holds together. */
    static final List<String> OVA_TARGETS = List.of("vsphere", "workstation", "virtualbox", "proxmox", "libvirt",
            "ovirt", "xen", "aws", "vcloud");

    /** ESXi releases → the highest hardware family (platform-rules.md §0). */
    static final Map<String, Integer> VSPHERE_MAX_VMX = vsphereVersions();

    /** Hardware families ESXi releases define (§0): 12 and 16 are Workstation-only. */
    private static final int[] ESXI_FAMILIES = {4, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18, 19, 20, 21};

    /** The default vSphere host version of plain {@code vsphere}. */
    static final String VSPHERE_DEFAULT = "7.0";

    private static final String SRC_VMX_TABLE = "Code: vmware/govmomi vim25/types/hardware_version.go (commit 1c017f8e),"
            + " which cites KB 1003746";
    private static final String SRC_MF_GRAMMAR = "virt-v2v commit 17c6d524 quotes the DSP0243 grammar";
    private static final String SRC_VBOX_IMPORT = "Code: VirtualBox/virtualbox ApplianceImplImport.cpp (version of 2026)";
    private static final String SRC_VBOX_READER = "Code: VirtualBox/virtualbox src/VBox/Main/xml/ovfreader.cpp (4908d8d1)";
    private static final String SRC_PVE = "Code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (HEAD 0c56bad8)";
    private static final String SRC_V2V_OVF = "Code: libguestfs/virt-v2v input/OVF.ml (HEAD 71376bdb)";
    private static final String SRC_V2V_OVA = "Code: libguestfs/virt-v2v input/OVA.ml (HEAD 71376bdb)";
    private static final String SRC_XO = "Code: vatesfr/xen-orchestra packages/xo-vmdk-to-vhd/src/ova-read.js (0903db03)";
    private static final String SRC_XENCENTER = "Code: xenserver/xenadmin XenOvfApi/Validation.cs (11ce4880)";
    private static final String SRC_GCE = "Code: GoogleCloudPlatform/compute-image-import cli_tools/gce_ovf_import"
            + " ovf_utils/ovf_utils.go";

    private BuiltInTargets() {
    }

    private static Map<String, Integer> vsphereVersions() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("5.0", 8);
        m.put("5.1", 9);
        m.put("5.5", 10);
        m.put("6.0", 11);
        m.put("6.5", 13);
        m.put("6.7", 14);
        m.put("6.7u2", 15);
        m.put("7.0", 17);
        m.put("7.0u1", 18);
        m.put("7.0u2", 19);
        m.put("8.0", 20);
        m.put("8.0u2", 21);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static TargetRule.Builder r(Aspect a) {
        return TargetRule.of(a);
    }

    /** Every built-in profile, {@code portable} last. */
    static List<TargetProfile> all() {
        List<TargetProfile> list = new ArrayList<>();
        list.add(vsphere(VSPHERE_DEFAULT, "vsphere"));
        list.add(workstation());
        list.add(virtualbox());
        list.add(proxmox());
        list.add(libvirt());
        list.add(ovirt());
        list.add(xen());
        list.add(hyperv());
        list.add(azure());
        list.add(aws());
        list.add(gce());
        list.add(kubevirt());
        list.add(vcloud());
        list.add(portable(list));
        return List.copyOf(list);
    }

    /** {@code portable}: every rule of every target that imports OVAs. */
    static TargetProfile portable(List<TargetProfile> targets) {
        TargetProfile.Builder b = TargetProfile.builder("portable").name("Portable OVA")
                .description("One OVA that every target importing OVAs takes as it is: the rules of "
                        + String.join(", ", OVA_TARGETS) + " together.")
                .manifestAlgorithm(DigestAlgorithm.SHA1);
        for (TargetProfile t : targets) {
            if (OVA_TARGETS.contains(t.id())) {
                b.rulesOf(t);
            }
        }
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §1 vSphere

    /**
     * vSphere / ESXi of one release.
     *
     * @param version a key of {@link #VSPHERE_MAX_VMX}
     * @param id the profile id ({@code vsphere} or {@code vsphere:VERSION})
     */
    static TargetProfile vsphere(String version, String id) {
        int maxVmx = VSPHERE_MAX_VMX.get(version);
        List<String> families = new ArrayList<>();
        for (int f : ESXI_FAMILIES) {
            if (f <= maxVmx) {
                families.add(String.format("vmx-%02d", f));
                if (f < 10) {
                    families.add("vmx-" + f);
                }
            }
        }
        boolean sha256 = !version.startsWith("5.") && !version.equals("6.0");
        TargetProfile.Builder b = TargetProfile.builder(id).name("VMware vSphere / ESXi " + version)
                .description("ovftool, vSphere Client, Host Client and content library on ESXi " + version
                        + " (hardware families up to vmx-" + maxVmx + ").")
                .manifestAlgorithm(sha256 ? DigestAlgorithm.SHA256 : DigestAlgorithm.SHA1);
        b.rule(r(OVF_VERSION).accept("0.9", "1")
                .note("VMware products import OVF 1.x; an OVF 2.0 (envelope/2) package fails and imports once"
                        + " repackaged as OVF 1.0")
                .message("Missing child element 'VirtualHardwareSection'")
                .source("Report: The-Art-of-Hacking/websploit #1; librenms/packer-builds #31 (message)").build());
        b.rule(r(SYSTEM_TYPE).accept(families.toArray(String[]::new))
                .note("VirtualSystemType must name a VMware family no higher than vmx-" + maxVmx + " (ESXi " + version
                        + "); of a space- or comma-separated list the host picks one it supports; left out, the"
                        + " host's default is used; virtualbox-2.2 is rejected")
                .message("Unsupported hardware family '%s'.")
                .source("Report: cyphonmdr/cyphon #176, owncloud-archive/vm #53, librenms/packer-builds #36,"
                        + " Seagate/cortx #417; " + SRC_VMX_TABLE).build());
        b.rule(r(MANIFEST_ALGORITHM).accept(sha256 ? new String[] {"SHA1", "SHA256", "SHA512"} : new String[] {"SHA1"})
                .note(sha256 ? "ESXi 6.5+ reads SHA1 and SHA256 manifests" : "ESXi 5.x-6.0 reads SHA1 manifests only")
                .message("The OVF package is invalid and cannot be deployed. The following manifest file entry (line %d)"
                        + " is invalid: %s")
                .source("Doc/KB: sonicwall.com KB 180411180839044 (cites VMware KB 2151537); cloudstep.io."
                        + " Report: vmware/vic #5443, nextcloud/vm #910").build());
        b.rule(r(MANIFEST_ALGORITHM).accept("SHA1", "SHA256").warning().unverified()
                .note("some VMware backends reject SHA512 (which ones is unverified)")
                .source("Report: vmware/open-vmdk PR #41, commit c775eb3").build());
        b.rule(r(MANIFEST_SYNTAX).accept("ALG(f)= h")
                .note("lines are parsed strictly as ALG(name)= hex: a space before '(' makes the algorithm unknown")
                .message("Failed to deploy OVF package. … The provided manifest file is invalid: Invalid OVF checksum"
                        + " algorithm: {id}")
                .source("Report: home-assistant/operating-system #826 + PR #1674, MISP/MISP #3947,"
                        + " librenms/packer-builds #30").build());
        b.rule(r(TAR_ORDER).patterns().accept("O.*")
                .note("the .ovf must be the first member of the OVA")
                .message("Did not find an .ovf file at the beginning of the OVA package.")
                .source("Report: teamdfir/sift #253, coreos/coreos-assembler PR #1141, bottlerocket-os/bottlerocket"
                        + " PR #1719").build());
        b.rule(r(TAR_ORDER).patterns().accept("OM?C?[^MC]*").warning().unverified()
                .note("vSphere streams the OVA and likely expects the .mf and .cert right after the .ovf")
                .message("Unable to retrieve manifest or certificate file.")
                .source("Report: ManageIQ/manageiq-appliance-build #285").build());
        b.rule(r(TAR_FORMAT).accept("gnu", "ustar")
                .note("GNU or ustar tar headers; PAX (posix) is not supported by vSphere")
                .source("Report: vmware/open-vmdk PR #65 (VMware maintainer)").build());
        b.rule(r(TAR_LAYOUT).accept("flat")
                .note("no subdirectories: all files at the top level, the OVF file first")
                .source("Report: vmware/open-vmdk #85 (VMware maintainer)").build());
        b.rule(r(DISK_FORMAT).accept(STREAM_OPTIMIZED)
                .note("ovf:format must be exactly the streamOptimized URI")
                .message("Not supported value \"%s\" for attribute \"format\" of element \"disk\"")
                .source("Report: ilbers/isar #106").build());
        b.rule(r(DISK_PAYLOAD).accept("vmdk-streamOptimized")
                .note("the disk file must be a streamOptimized VMDK (sparse with markers); flat and monolithicSparse"
                        + " fail in the NFC upload")
                .message("Stream reader initialization failed: Not a supported disk format (invalid sparse VMDK"
                        + " header).")
                .source("Report: vmware/pyvmomi-community-samples #398, mininet/mininet #483/#564,"
                        + " OpenNebula/one #5784").build());
        b.rule(r(COMPRESSION).accept("none")
                .note("gzip-compressed disk files are not supported by the vSphere 6.5+ Web/HTML5 client (ovftool"
                        + " handles them)")
                .message("OVF package with compressed disks is currently not supported for OVF import")
                .source("Report: EMCECS/ECS-CommunityEdition #329, sexibytes/sexilog #49").build());
        b.rule(r(IDE_SUBTYPE).accept("")
                .note("VMware writes no ResourceSubType for IDE; VirtualBox's PIIX4 (and PIIX3/ICH6) is rejected"
                        + " by the vSphere 6.7 HTML5 client")
                .message("%d:%d:VALUE_ILLEGAL: Value ''%s'' of ResourceSubType element not found in [].")
                .source("Report: inverse-inc/packetfence #5522").build());
        b.rule(r(SCSI_SUBTYPE).accept("", "lsilogic", "lsilogicsas", "buslogic", "VirtualSCSI")
                .note("lsilogic, lsilogicsas, buslogic, VirtualSCSI (pvscsi); case matters: virtualscsi is rejected")
                .source("Code: vmware/open-vmdk ova-compose.py lines 275-293 and commit d31e3e7").build());
        b.rule(r(SATA_SUBTYPE).accept("", "vmware.sata.ahci", "vmware.nvme.controller").warning().unverified()
                .note("VMware's own subtypes for ResourceType 20; whether others are rejected is not stated")
                .source("Code: open-vmdk ova-compose.py lines 305-415").build());
        b.rule(r(NIC_SUBTYPE).accept("", "E1000", "E1000e", "VmxNet3", "VmxNet2", "PCNet32").ignoreCase()
                .note("E1000, E1000e, VmxNet3 (VMware's templates), VmxNet2, PCNet32; the Flexible adapter no longer"
                        + " works on newer VMware products")
                .message("Virtual ethernet card 'Network adapter 1' is not supported.")
                .source("Code: open-vmdk templates/template-hw20.ovf. Doc: vSphere 6.7 feature table. Report:"
                        + " turnkeylinux/tracker #1415").build());
        b.rule(r(DEVICE_TYPE).refuse("35")
                .note("a required sound card (ResourceType 35) is fatal on ESXi 6.7U1")
                .message("Line %d: OVF hardware element 'ResourceType' with instance ID '{id}': No support for the"
                        + " virtual hardware device type '35'.")
                .source("Report: Graylog2/graylog2-server #5594").build());
        b.rule(r(SECTION).refuse("VirtualSystemCollection").warning().fixable(false)
                .note("standalone ESXi hosts without vCenter reject vApps (VirtualSystemCollection)")
                .message("Unsupported element 'VirtualSystemCollection'")
                .source("Report: romant/blog unsupported-element-virtualsystemcollection-how-to-split-an-ova.md")
                .build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §2 Workstation

    static TargetProfile workstation() {
        TargetProfile.Builder b = TargetProfile.builder("workstation").name("VMware Workstation / Fusion / Player")
                .description("Workstation, Fusion and Player import (ovftool inside); Parallels imports the same"
                        + " vmx/vmdk pair.")
                .manifestAlgorithm(DigestAlgorithm.SHA1);
        b.rule(r(SYSTEM_TYPE).patterns().accept("vmx-\\d+").warning()
                .note("non-VMware OVAs (VirtualBox, XenCenter) fail the strict conformance check; the user can retry"
                        + " with relaxed checks (= ovftool --lax)")
                .message("The import failed because X.ova did not pass OVF specification conformance or virtual hardware"
                        + " compliance checks. Click Retry to relax OVF specification and virtual hardware compliance"
                        + " checks…")
                .source("Report: BlackArch/blackarch #1937, MichaIng/DietPi #3637").build());
        b.rule(r(ITEM_ELEMENT).accept("Item")
                .note("OVF 2.0 StorageItem and EthernetPortItem are rejected")
                .message("Line %d: Unsupported element '%s'.")
                .source("Report: BlackArch/blackarch #1937, myspaghetti/macos-virtualbox #300").build());
        b.rule(r(SECTION).refuse("StartupSection", "VirtualSystemOtherConfigurationData")
                .note("XenCenter's StartupSection and xenovf:VirtualSystemOtherConfigurationData are rejected")
                .message("Line %d: Unsupported section '%s'.")
                .source("Report: xcp-ng/xenadmin #202").build());
        b.rule(r(TAR_ORDER).patterns().accept("O.*")
                .note("the .ovf must be the first member of the OVA")
                .message("Error while converting to a virtual machine: Did not find an .ovf file at the beginning of"
                        + " the OVA package.")
                .source("Report: teamdfir/sift #253").build());
        b.rule(r(MANIFEST_ALGORITHM).accept("SHA1").warning()
                .note("Workstation 12 and Player 7 and older read SHA1 manifests only; SHA256 OVAs fail there")
                .message("SHA1 digest of file %s does not match manifest.")
                .source("Report: Graylog2/graylog2-server #3516, turnkeylinux/tracker #827").build());
        b.rule(r(SCSI_SUBTYPE).refuse("VirtualSCSI").warning()
                .note("the pvscsi subtype is only warned about")
                .message("Line %d: Unsupported virtual hardware device 'VirtualSCSI'.")
                .source("Report: coreos/fedora-coreos-tracker #391").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §3 VirtualBox

    static TargetProfile virtualbox() {
        TargetProfile.Builder b = TargetProfile.builder("virtualbox").name("Oracle VirtualBox")
                .description("VBoxManage import and the Import Appliance wizard.")
                .manifestAlgorithm(DigestAlgorithm.SHA256);
        b.rule(r(OVF_VERSION).accept("0.9", "1", "2")
                .note("envelope/2 is OVF 2.0, envelope/1 OVF 1.0, any other namespace is read as 0.9")
                .source(SRC_VBOX_READER + " parse()").build());
        b.rule(r(MEMORY_UNITS).accept("", "MegaBytes", "MB", "byte * 2^20", "GigaBytes", "GB", "byte * 2^30")
                .note("exact strings only (spaces matter): MegaBytes, MB, byte * 2^20, GigaBytes, GB, byte * 2^30")
                .message("Error reading \"%s\": Invalid allocation unit \"%s\" specified with memory size item, line %d")
                .source(SRC_VBOX_READER + ", ResourceType_Memory case").build());
        b.rule(r(SATA_SUBTYPE).ignoreCase()
                .accept("AHCI", "vmware.sata.ahci", "VirtioSCSI", "virtio-scsi", "NVMe", "vmware.nvme.controller")
                .note("ResourceType 20 must be AHCI, vmware.sata.ahci, VirtioSCSI, virtio-scsi, NVMe or"
                        + " vmware.nvme.controller (any case)")
                .message("Host resource of type \"Other Storage Device (20)\" is supported with SATA AHCI or Virtio-SCSI"
                        + " or NVMe controllers only, line %d (subtype:%s)")
                .source(SRC_VBOX_READER + ". Report: polibyte.com 2014").build());
        b.rule(r(SCSI_SUBTYPE).ignoreCase().accept("", "lsilogic", "lsilogicsas", "BusLogic").otherwise("LsiLogic")
                .warning().note("lsilogicsas → LsiLogicSas, BusLogic → BusLogic, anything else (VirtualSCSI, pvscsi)"
                        + " → LsiLogic")
                .source(SRC_VBOX_IMPORT).build());
        b.rule(r(IDE_SUBTYPE).ignoreCase().accept("", "PIIX3", "PIIX4", "ICH6").otherwise("PIIX4").warning()
                .note("PIIX3, ICH6; default PIIX4")
                .source(SRC_VBOX_IMPORT).build());
        b.rule(r(NIC_SUBTYPE).ignoreCase().accept("", "PCNet32", "E1000", "E10000", "VirtioNet", "virtio-net", "3")
                .otherwise("the default adapter for the guest OS type").warning()
                .note("PCNet32, E1000, E10000, virtio; VmxNet3, E1000e and others become the guest OS type's default"
                        + " adapter")
                .source(SRC_VBOX_IMPORT).build());
        b.rule(r(HOST_RESOURCE).patterns().accept("ovf://disk/.+", "ovf:/disk/.+", "/disk/.+")
                .note("ovf://disk/ID, ovf:/disk/ID or /disk/ID")
                .message("Disk item with instance ID \"{id}\" specifies invalid host resource \"%s\"")
                .source(SRC_VBOX_READER).build());
        b.rule(r(DISK_FORMAT).accept(STREAM_OPTIMIZED,
                        "http://www.vmware.com/specifications/vmdk.html#streamOptimized",
                        "http://www.vmware.com/interfaces/specifications/vmdk.html#sparse",
                        "http://www.vmware.com/specifications/vmdk.html#sparse",
                        "http://www.vmware.com/interfaces/specifications/vmdk.html#compressed",
                        "http://www.vmware.com/specifications/vmdk.html#compressed",
                        "http://www.ecma-international.org/publications/standards/Ecma-119.htm",
                        "http://go.microsoft.com/fwlink/?LinkId=137171")
                .otherwise("a format guessed from the file extension (vmdk, vhd, iso)").warning()
                .note("the streamOptimized, sparse and compressed VMDK URIs (both forms), ISO (ECMA-119) and VHD;"
                        + " otherwise the format is guessed from the href extension")
                .message("Unsupported format for virtual disk image %s in OVF: \"%s\"")
                .source("Code: VirtualBox/virtualbox src/VBox/Main/src-server/ApplianceImpl.cpp (g_aUriToBackend)")
                .build());
        b.rule(r(COMPRESSION).accept("none", "gzip").note("gzip is supported")
                .source("Code: VirtualBox/virtualbox ApplianceImpl.cpp").build());
        b.rule(r(MANIFEST_ALGORITHM).accept("MD5", "SHA1", "SHA256", "SHA512")
                .note("MD5, SHA1, SHA256, SHA512")
                .source("Code: VirtualBox/virtualbox src/VBox/Runtime/common/checksum/manifest2.cpp"
                        + " RTManifestReadStandardEx").build());
        b.rule(r(MANIFEST_SYNTAX).patterns().accept("ALG *\\(f\\) *= *h")
                .note("lenient about spaces: SHA1 (f) = h is accepted")
                .message("Expected '(' after {id} on line %d")
                .source("Code: manifest2.cpp RTManifestReadStandardEx").build());
        b.rule(r(MANIFEST_NAME).patterns().accept("[^\\x00-\\x1f:()]+")
                .note("entry names must not contain control characters, ':', '(' or ')'")
                .message("VERR_INVALID_NAME")
                .source("Code: manifest2.cpp rtManifestValidateNameEntry").build());
        b.rule(r(MANIFEST_COMPLETE).accept("complete")
                .note("when a .mf exists, every file in the OVA must be listed in it")
                .message("Digest mismatch (VERR_NOT_EQUAL): '{id}' not found in the 2nd manifest.")
                .source("Report: teamdfir/sift #207").build());
        b.rule(r(TAR_ORDER).patterns().accept("O.*")
                .note("the first member must be the .ovf")
                .message("Appliance file must have .ovf extension")
                .source("Report: hashicorp/vagrant #1741").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §4 Proxmox

    static TargetProfile proxmox() {
        TargetProfile.Builder b = TargetProfile.builder("proxmox").name("Proxmox VE")
                .description("qm importovf and the OVA import wizard of Proxmox VE 8.2+.");
        b.rule(r(OVF_VERSION).accept("1").unverified()
                .note("only the envelope/1 namespace is registered; an OVF 2.0 descriptor yields no VM data (silent,"
                        + " inferred from the XPath queries)")
                .source(SRC_PVE + "; proxmox/qemu-server PVE/QemuServer/OVF.pm (48caa553)").build());
        b.rule(r(SECTION).refuse("VirtualSystemCollection").fixable(false)
                .note("the VM is read from /Envelope/VirtualSystem; a VirtualSystemCollection is not")
                .source(SRC_PVE).build());
        b.rule(r(ITEM_ELEMENT).accept("Item").otherwise("ignored").warning()
                .note("items must be ovf:Item; OVF 2.0 StorageItem and EthernetPortItem are ignored")
                .source(SRC_PVE).build());
        b.rule(r(HOST_RESOURCE).patterns().accept("ovf:/[A-Za-z0-9._~-]+/[A-Za-z0-9._~-]+")
                .note("must match ^ovf:/<seg>/<seg>$ with RFC 3986 unreserved characters; ovf://disk/x and /disk/x"
                        + " do not; the disk is skipped")
                .message("invalid host resource %s, skipping")
                .source(SRC_PVE).build());
        b.rule(r(DISK_CONTROLLER).accept("5", "6", "20")
                .note("a disk's Parent must be an IDE (5), SCSI (6) or SATA (20) controller; the disk is skipped")
                .message("invalid or missing controller: %s, skipping")
                .source(SRC_PVE).build());
        b.rule(r(FILE_NAME).patterns().accept("[a-zA-Z0-9.+=_-]+")
                .note("File href must match [a-zA-Z0-9-.+=_]+: no spaces, no subdirectories")
                .message("referenced path '%s' is invalid")
                .source(SRC_PVE).build());
        b.rule(r(DISK_FILE_NAME).patterns().accept("[ a-zA-Z0-9.+=_-]+\\.(qcow2|raw|vmdk)")
                .note("disk files inside the OVA are offered for import only when named [ a-zA-Z0-9-.+=_]+ with the"
                        + " extension qcow2, raw or vmdk (not .vmdk.gz)")
                .source("Code: proxmox/pve-storage src/PVE/Storage.pm ($OVA_CONTENT_RE_1), Plugin.pm line 825")
                .build());
        b.rule(r(CAPACITY_UNITS).patterns().accept("", " *byte *\\* *\\d+ *\\^ *\\d+ *").warning().unverified()
                .note("capacity is capacity × capacityAllocationUnits, which must match byte * B^E")
                .source("Code: OVF.pm try_parse_capacity_unit").build());
        b.rule(r(MEMORY_UNITS).patterns().accept(MIB_PATTERNS).otherwise("read as MiB").warning().unverified()
                .note("VirtualQuantity of ResourceType 4 is taken as MiB regardless of AllocationUnits (inferred from"
                        + " code)")
                .source(SRC_PVE).build());
        b.rule(r(NIC_SUBTYPE).ignoreCase().accept("", "e1000", "e1000e", "vmxnet3").otherwise("e1000").warning()
                .note("e1000, e1000e, vmxnet3 (lower-cased ResourceSubType); anything else becomes e1000")
                .source(SRC_PVE + " $allowed_nic_models").build());
        b.rule(r(FIRMWARE).accept("", "bios").becomes("efi", "OVMF with a new EFI disk (the EFI state is lost)")
                .otherwise("SeaBIOS (only efi is read)").warning()
                .note("only vmw:Config firmware=efi is read (→ OVMF); an efidisk is added and the import warns that"
                        + " the EFI state is lost")
                .message("efi-state-lost")
                .source(SRC_PVE + ", DirPlugin.pm get_import_metadata").build());
        return b.build();
    }

    /** Memory units that mean MiB (absent units are read as MiB too). */
    private static final String[] MIB_PATTERNS = {"", " *byte *\\* *2 *\\^ *20 *", "(?i)MB|MiB|MegaBytes"};

    // ------------------------------------------------------------------------------------------ §5 libvirt

    static TargetProfile libvirt() {
        return libvirtRules(TargetProfile.builder("libvirt").name("KVM / libvirt (virt-v2v -i ova)")
                .description("virt-v2v -i ova, converting to KVM/libvirt.")).build();
    }

    private static TargetProfile.Builder libvirtRules(TargetProfile.Builder b) {
        b.manifestAlgorithm(DigestAlgorithm.SHA256);
        b.rule(r(OVF_VERSION).accept("1")
                .note("only envelope/1 (with rasd, vssd, vmw) is registered; OVF 2.0 VirtualBox exports fail")
                .source(SRC_V2V_OVF + ". Report: libguestfs/virt-v2v #18").build());
        b.rule(r(TAR_ORDER).patterns().accept("[^O]*O[^O]*")
                .note("exactly one .ovf in the OVA")
                .message("more than one .ovf file was found in %s")
                .source(SRC_V2V_OVA + " get_ovf_file").build());
        b.rule(r(MANIFEST_ALGORITHM).accept("SHA1", "SHA256").warning()
                .note("only SHA1 and SHA256 lines are parsed; others are skipped with a warning")
                .message("unable to parse line from manifest file: %s")
                .source(SRC_V2V_OVA + " rex; commit 17c6d524").build());
        b.rule(r(MANIFEST_SYNTAX).patterns().accept("ALG *\\(f\\) *= h").warning()
                .note("lines must match ^(SHA1|SHA256)\\s*\\((.*)\\)\\s*= ([0-9a-fA-F]+)\\r?$; '=' without a"
                        + " following space is skipped with a warning")
                .message("unable to parse line from manifest file: %s")
                .source(SRC_V2V_OVA + " rex; " + SRC_MF_GRAMMAR).build());
        b.rule(r(HOST_RESOURCE).patterns().accept("(?:ovf:)?/disk/.*")
                .note("^(?:ovf:)?/disk/(.*); ovf://disk/… does not match")
                .message("could not parse disk rasd:HostResource from OVF document")
                .source(SRC_V2V_OVF).build());
        b.rule(r(COMPRESSION).accept("none", "gzip")
                .note("ovf:compression identity (or absent) or gzip only")
                .message("unsupported compression in OVF: %s")
                .source(SRC_V2V_OVF).build());
        b.rule(r(FIRMWARE).accept("", "bios", "efi").fixable(true)
                .note("vmw:Config firmware must be efi or bios (absent = unknown, later guessed)")
                .message("unknown Config:firmware value %s (expected \"bios\" or \"efi\")")
                .source(SRC_V2V_OVF).build());
        b.rule(r(DISK_CONTROLLER).accept("5", "6", "20").warning()
                .note("a disk's Parent must be IDE (5), SCSI (6) or SATA (20)")
                .message("ova disk has an unknown VMware controller type (%s)")
                .source(SRC_V2V_OVF + " parent_controller").build());
        b.rule(r(MEMORY_UNITS).patterns().accept(MIB_PATTERNS).otherwise("read as MiB").warning()
                .note("VirtualQuantity is treated as MiB regardless of AllocationUnits")
                .source(SRC_V2V_OVF + " (memory *^ 1024L *^ 1024L)").build());
        return b;
    }

    // ------------------------------------------------------------------------------------------ §11 oVirt

    static TargetProfile ovirt() {
        TargetProfile.Builder b = libvirtRules(TargetProfile.builder("ovirt").name("oVirt / RHV")
                .description("oVirt and Red Hat Virtualization OVA import, which goes through virt-v2v's rules."));
        b.rule(r(TAR_ORDER).patterns().accept("O.*")
                .note("the .ovf must come first; subdirectories broke the order (RHV BZ 1466222)")
                .source("Report: redhat-imaging/imagefactory PR #403").build());
        b.rule(r(TAR_FORMAT).accept("gnu", "ustar")
                .note("GNU tar: OVAs made with Python 3.8's PAX default would not re-import")
                .source("Report: oVirt/ovirt-engine PR #374").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §6 Xen

    static TargetProfile xen() {
        TargetProfile.Builder b = TargetProfile.builder("xen").name("XenServer / XCP-ng")
                .description("XenCenter's import wizard and Xen Orchestra's OVA import.")
                .manifestAlgorithm(DigestAlgorithm.SHA1);
        b.rule(r(OVF_VERSION).accept("0.9", "1").warning()
                .note("XenCenter accepts 0.9, 1.0, 1.0.0, 1.0.0a-e, 1.0.1 (namespace envelope/1); others get a"
                        + " warning")
                .message("VALIDATION_VERSION_INVALID")
                .source("Code: xenserver/xenadmin XenOvfApi/Properties/Settings.settings (2857f9bc), Validation.cs"
                        + " (11ce4880)").build());
        b.rule(r(SYSTEM_TYPE).patterns()
                .accept("xen-3\\.0-.*", "hvm-3\\.0-.*", "DMTF:xen:(pv|hvm)", "301", "vmx-(4|04|6|06|7|07)",
                        "virtualbox-2\\.2").warning()
                .note("known: xen-3.0-*, hvm-3.0-*, DMTF:xen:pv/hvm, 301, vmx-4/04/6/06/7/07, virtualbox-2.2;"
                        + " newer vmx-NN values get a warning only")
                .message("VALIDATION_UNKNOWN_HARDWARE_TYPE")
                .source(SRC_XENCENTER).build());
        b.rule(r(DEVICE_TYPE).refuse("14", "23", "24", "35").warning()
                .note("required items of types XenCenter does not support (floppy 14, USB 23, graphics 24, sound 35):"
                        + " a warning in current XenCenter, an error in older releases")
                .message("VALIDATION_REQUIRED_ELEMENT_NOT_RECOGNIZED")
                .source(SRC_XENCENTER + " ValidateCapability").build());
        b.rule(r(FILE_NAME).patterns()
                .accept("(?i).*\\.(vhd|pvp|vmdk|mf|cert|xva|ovf|wim|vdi|sdi|iso|gz)").warning()
                .note("known extensions: .vhd .pvp .vmdk .mf .cert .xva .ovf .wim .vdi .sdi .iso .gz")
                .message("VALIDATION_FILE_UNSUPPORTED_EXTENSION")
                .source(SRC_XENCENTER + " KnownFileExtensions").build());
        b.rule(r(MEMORY_UNITS).patterns().accept(".*\\^ *\\d+ *", "(?i) *[kmgt].*")
                .note("XenCenter needs AllocationUnits; Xen Orchestra reads …^N or a word starting with k/m/g/t")
                .message("VALIDATION_INVALID_MEMORY_ALLOCATIONUNITS")
                .source(SRC_XENCENTER + "; " + SRC_XO + " allocationUnitsToFactor").build());
        b.rule(r(MANIFEST_ALGORITHM).accept("SHA1").warning().unverified()
                .note("XenCenter's manifests are documented as SHA-1 digests")
                .source("Doc: docs.xenserver.com/en-us/xencenter/current-release/vms-exportimport-ovf.html").build());
        b.rule(r(FIRMWARE).accept("", "bios")
                .note("importing a UEFI-enabled VM from other hypervisors is not supported")
                .message("Importing a UEFI-enabled VM from other hypervisors is not supported")
                .source("Doc: docs.xenserver.com/en-us/xencenter/current-release/vms-exportimport").build());
        b.rule(r(DISK_PAYLOAD).accept("vmdk-streamOptimized", "vmdk-monolithicSparse")
                .note("Xen Orchestra reads sparse VMDK only (magic KDMV, version 1 or 3); flat or descriptor-only"
                        + " VMDK fail (XenCenter also takes dynamic VHD)")
                .message("not a VMDK file")
                .source("Code: vatesfr/xen-orchestra vmdk-read.js (005a9fdc)").build());
        b.rule(r(SECTION).refuse("VirtualSystemCollection").fixable(false)
                .note("Xen Orchestra needs Envelope/DiskSection, References and a single VirtualSystem")
                .source(SRC_XO + ". Report: vatesfr/xen-orchestra #3962").build());
        b.rule(r(HOST_RESOURCE).patterns().accept("(ovf:)?/disk/.*")
                .note("Xen Orchestra: disk HostResource ^(ovf:)?/disk/…")
                .source(SRC_XO).build());
        b.rule(r(CAPACITY_UNITS).patterns().accept("", ".*\\^ *\\d+ *", "(?i) *[kmgt].*")
                .note("Xen Orchestra reads …^N or a word starting with k/m/g/t")
                .source(SRC_XO + " allocationUnitsToFactor").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §7 Hyper-V, Azure

    static TargetProfile hyperv() {
        TargetProfile.Builder b = TargetProfile.builder("hyperv").name("Microsoft Hyper-V").importsPackages(false)
                .description("Hyper-V has no OVF import: disks are converted to VHD/VHDX and the VM is created by"
                        + " hand (generation 1 = BIOS + IDE boot disk, generation 2 = UEFI + SCSI).");
        b.rule(r(PACKAGE_FORM).refuse("ova", "folder")
                .note("Hyper-V has no native OVF/OVA import (SCVMM's was removed); retarget writes VHDX disks and"
                        + " the VM's hardware as JSON")
                .source("Report: microsoft/Windows-Admin-Center-Ideas-and-Feedback #368,"
                        + " MicrosoftDocs/windowsserverdocs #6136").build());
        return b.build();
    }

    static TargetProfile azure() {
        TargetProfile.Builder b = TargetProfile.builder("azure").name("Microsoft Azure").importsPackages(false)
                .description("Azure takes a fixed VHD whose virtual size is a whole number of MiB; generation 1 ="
                        + " BIOS, generation 2 = UEFI.");
        b.rule(r(PACKAGE_FORM).refuse("ova", "folder")
                .note("Azure takes disks, not OVF packages: a fixed VHD (no VHDX) of a whole number of MiB, 20 MiB"
                        + " to 32 TiB; retarget writes it")
                .message("The upload size in bytes N - 512 bytes for the VHD footer (M in this case) must be a"
                        + " multiple of MiB.")
                .source("Doc: learn.microsoft.com/azure/virtual-machines/generation-2. Report:"
                        + " microsoft/AzureStorageExplorer #3029, #3033").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §8 AWS

    static TargetProfile aws() {
        TargetProfile.Builder b = TargetProfile.builder("aws").name("AWS VM Import/Export")
                .description("ec2 import-image from an OVA (or a VMDK, VHD/VHDX, raw image) in S3.");
        b.rule(r(DISK_PAYLOAD).accept("vmdk-streamOptimized")
                .note("AWS only accepts stream-optimized VMDKs")
                .message("ClientError: Disk validation failed [Unsupported OVA format]")
                .source("Report: flatcar-archive/flatcar-docs PR #241; hashicorp/packer-plugin-amazon #457 (message,"
                        + " sometimes misleading)").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §9 GCE

    static TargetProfile gce() {
        TargetProfile.Builder b = TargetProfile.builder("gce").name("Google Compute Engine")
                .description("gcloud compute instances/machine-images import (gce_ovf_import, deprecated in favour of"
                        + " the Migrate to VMs API).");
        b.rule(r(PACKAGE_FORM).refuse("ova", "folder").warning()
                .note("the OVF import tool is deprecated in favour of gcloud migration vms machine-image-imports;"
                        + " retarget writes a disk image archive instead")
                .source("Doc: cloud.google.com gcloud reference (machine-images import, DEPRECATED)").build());
        b.rule(r(MEMORY_UNITS).patterns()
                .accept("(?i) *(byte|bytes|kb|kilobytes|mb|megabytes|gb|gigabytes) *", "(?i) *byte *\\* *2 *\\^ *\\d+ *")
                .note("ResourceType 4 must have AllocationUnits: byte/KB/MB/GB words or byte*2^N (spaces ignored)")
                .message("memory allocation unit not specified")
                .source(SRC_GCE + ", ovf_programmatic_units.go").build());
        b.rule(r(HOST_RESOURCE).patterns().accept("ovf:/disk/.*", "ovf:disk/.*", "/disk/.*")
                .note("ovf:/disk/, ovf:disk/ or /disk/")
                .message("disk host resource '%s' has invalid format")
                .source(SRC_GCE).build());
        b.rule(r(FIRMWARE).accept("", "bios").becomes("efi", "BIOS unless -uefi-compatible is given").warning()
                .note("firmware is not read from the OVF; UEFI needs the -uefi-compatible flag")
                .source("Code: compute-image-import gce_ovf_import main.go, README").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §10 KubeVirt

    static TargetProfile kubevirt() {
        TargetProfile.Builder b = TargetProfile.builder("kubevirt").name("KubeVirt / OpenShift Virtualization")
                .importsPackages(false)
                .description("CDI imports disk images (qcow2, VMDK, VDI, VHD, VHDX, raw; gz/xz) and containerDisks;"
                        + " it parses no OVF. MTV's OVA provider takes only vSphere-made OVAs on NFS.");
        b.rule(r(PACKAGE_FORM).refuse("ova", "folder")
                .note("CDI does no OVF/OVA parsing; retarget writes a containerDisk (OCI image layout)")
                .source("Doc: kubevirt/containerized-data-importer doc/supported_operations.md (247cf32f)").build());
        b.rule(r(NIC_SUBTYPE).ignoreCase().accept("", "e1000e", "virtio")
                .note("e1000e and virtio; VMware's E1000 (VirtualE1000) is rejected by the admission webhook")
                .message("admission webhook \"virtualmachine-validator.kubevirt.io\" denied the request: interface …"
                        + " uses model %s that is not supported")
                .source("Report: openshift/openshift-docs PR #25255, kubev2v/forklift #304").build());
        b.rule(r(DISK_CONTROLLER).accept("5", "6")
                .note("disks must be on IDE or SCSI, not SATA (change SATA to IDE before migrating)")
                .source("Report: openshift/openshift-docs PR #26025 (BZ 1883588)").build());
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ §1 vCloud Director

    static TargetProfile vcloud() {
        TargetProfile.Builder b = TargetProfile.builder("vcloud").name("VMware Cloud Director")
                .description("VMware Cloud Director (vCloud) catalogue upload.")
                .manifestAlgorithm(DigestAlgorithm.SHA1);
        String doc = "Doc: docs.vmware.com VMware Cloud Director 10.4 tenant guide GUID-E9E6ACC7…";
        b.rule(r(OVF_VERSION).accept("1").note("only OVF 1.x (not 0.9)").source(doc).build());
        b.rule(r(DESCRIPTOR_SIZE).limit(12L << 20).note("the descriptor is at most 12 MB").source(doc).build());
        b.rule(r(MANIFEST_SIZE).limit(1L << 20).note("the manifest is at most 1 MB").source(doc).build());
        b.rule(r(SECTION).refuse("DeploymentOptionSection").note("DeploymentOptionSection is not supported")
                .source(doc).build());
        b.rule(r(MANIFEST_ALGORITHM).accept("SHA1").warning().unverified()
                .note("the SHA-1 manifest is checked (whether SHA-256 is refused is not stated)").source(doc).build());
        return b.build();
    }
}
