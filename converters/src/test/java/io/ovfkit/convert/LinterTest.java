package io.ovfkit.convert;

import static io.ovfkit.convert.Fixtures.descriptor;
import static io.ovfkit.convert.Fixtures.descriptorText;
import static io.ovfkit.convert.Fixtures.findings;
import static io.ovfkit.convert.Fixtures.lint;
import static io.ovfkit.convert.Fixtures.members;
import static io.ovfkit.convert.Fixtures.ova;
import static io.ovfkit.convert.Fixtures.read;
import static io.ovfkit.convert.Fixtures.utf8;
import static io.ovfkit.convert.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per lint rule: the rule id, the severity and the place, from the corpus where it has a case. */
class LinterTest {
    @TempDir
    Path tmp;

    private static Finding only(List<Finding> fs) {
        assertThat(fs).hasSize(1);
        return fs.get(0);
    }

    private static void assertAt(Finding f, String file, int[] lineCol) {
        assertThat(f.place().file()).isEqualTo(file);
        assertThat(f.place().line()).as("line").isEqualTo(lineCol[0]);
        assertThat(f.place().column()).as("column").isEqualTo(lineCol[1]);
    }

    // ------------------------------------------------------------------------------------------ descriptor rules, corpus

    @Test
    void virtualBoxSystemTypeIsAnErrorOnVsphereAtTheVirtualSystemTypeElement() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        LintReport r = lint(p, "vsphere");
        Finding f = only(findings(r, "vsphere", "OVF-SYSTEM-TYPE"));
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.value()).isEqualTo("virtualbox-2.2");
        assertThat(f.targetMessage()).isEqualTo("Unsupported hardware family 'virtualbox-2.2'.");
        assertThat(f.fixable()).isTrue();
        assertAt(f, p + "!/testserver.ovf", where(descriptorText(p), "<vssd:VirtualSystemType>"));
    }

    @Test
    void aHardwareFamilyNewerThanTheHostIsAnErrorForThatReleaseOnly() {
        String text = Fixtures.descriptor().replace("vmx-07", "vmx-17");
        Path p = ova(tmp, "new.ova", members(text), false);
        assertThat(findings(lint(p, "vsphere:6.7"), "vsphere:6.7", "OVF-SYSTEM-TYPE")).singleElement()
                .satisfies(f -> assertThat(f.targetMessage()).isEqualTo("Unsupported hardware family 'vmx-17'."));
        assertThat(findings(lint(p, "vsphere"), "vsphere", "OVF-SYSTEM-TYPE")).isEmpty();
    }

    @Test
    void aListOfFamiliesIsAcceptedWhenTheHostKnowsOne() {
        Path p = ova(tmp, "list.ova", members(Fixtures.descriptor().replace("vmx-07", "vmx-07 vmx-21")), false);
        assertThat(findings(lint(p, "vsphere:6.7"), "vsphere:6.7", "OVF-SYSTEM-TYPE")).isEmpty();
    }

    @Test
    void piix4IdeControllerIsRefusedByVsphereAndTakenByVirtualBox() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        LintReport r = lint(p, "vsphere,virtualbox");
        List<Finding> fs = findings(r, "vsphere", "CTRL-TYPE").stream().filter(f -> f.value().equals("PIIX4")).toList();
        assertThat(fs).hasSize(2);
        int[] at = where(descriptorText(p), "<rasd:ResourceSubType>PIIX4");
        assertAt(fs.get(0), p + "!/testserver.ovf", at);
        assertThat(fs.get(0).targetMessage()).isEqualTo(at[0] + ":" + at[1]
                + ":VALUE_ILLEGAL: Value ''PIIX4'' of ResourceSubType element not found in [].");
        assertThat(findings(r, "virtualbox", "CTRL-TYPE")).isEmpty();
    }

    @Test
    void aRequiredSoundCardIsAnErrorOnVsphere() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        Finding f = only(findings(lint(p, "vsphere"), "vsphere", "DEVICE-TYPE"));
        assertThat(f.value()).isEqualTo("35");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        String text = descriptorText(p);
        int[] at = where(text.substring(text.indexOf("ensoniq1371")), "<rasd:ResourceType>");
        assertThat(f.place().line()).isEqualTo(where(text, "ensoniq1371")[0] + at[0] - 1);
        assertThat(f.targetMessage()).contains("instance ID '7'").contains("device type '35'");
    }

    @Test
    void slashDiskHostResourceIsSkippedByProxmoxButReadByLibvirt() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        LintReport r = lint(p, "proxmox,libvirt");
        Finding f = only(findings(r, "proxmox", "HOSTRESOURCE-FORM"));
        assertThat(f.value()).isEqualTo("/disk/vmdisk2");
        assertThat(f.targetMessage()).isEqualTo("invalid host resource /disk/vmdisk2, skipping");
        assertAt(f, p + "!/testserver.ovf", where(descriptorText(p), "<rasd:HostResource>"));
        assertThat(findings(r, "libvirt", "HOSTRESOURCE-FORM")).isEmpty();
    }

    @Test
    void doubleSlashHostResourceFailsVirtV2v() {
        Path p = SharedCorpus.file("ovf/govmomi__NostalgiaCert.ovf");
        Finding f = only(findings(lint(p, "libvirt"), "libvirt", "HOSTRESOURCE-FORM"));
        assertThat(f.value()).isEqualTo("ovf://disk/vmdisk1");
        assertThat(f.targetMessage()).isEqualTo("could not parse disk rasd:HostResource from OVF document");
        assertThat(f.place().line()).isEqualTo(where(read(p), "<rasd:HostResource>ovf://disk")[0]);
    }

    @Test
    void aDiskOnSataIsRefusedByKubevirt() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        Finding f = only(findings(lint(p, "kubevirt"), "kubevirt", "DISK-CONTROLLER"));
        assertThat(f.value()).isEqualTo("20");
        String text = descriptorText(p);
        int disk = text.indexOf("<rasd:HostResource>/disk/vmdisk2");
        assertThat(f.place().line()).isEqualTo(where(text.substring(0, disk) + text.substring(disk).replaceFirst(
                "<rasd:Parent>", "<PARENT-HERE>"), "<PARENT-HERE>")[0]);
    }

    @Test
    void e1000eBecomesTheDefaultAdapterOnVirtualBoxAndPcnet32BecomesE1000OnProxmox() {
        Path t4 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4.ova");
        Finding vbox = only(findings(lint(t4, "virtualbox"), "virtualbox", "NIC-TYPE"));
        assertThat(vbox.severity()).isEqualTo(Severity.WARNING);
        assertThat(vbox.value()).isEqualTo("E1000e");
        assertThat(vbox.reason()).contains("becomes the default adapter for the guest OS type");
        assertAt(vbox, t4 + "!/tdAppliance1-t4.ovf", where(descriptorText(t4), "<rasd:ResourceSubType>E1000e"));
        Path t2 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t2.ova");
        Finding pve = only(findings(lint(t2, "proxmox"), "proxmox", "NIC-TYPE"));
        assertThat(pve.reason()).contains("\"PCNet32\" becomes e1000");
    }

    @Test
    void vmwareE1000IsRejectedByKubevirtWithTheWebhookMessage() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        Finding f = only(findings(lint(p, "kubevirt"), "kubevirt", "NIC-TYPE"));
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.targetMessage()).contains("uses model E1000 that is not supported");
    }

    @Test
    void ovf2StorageItemsAreRefusedByWorkstationAndTheEnvelopeByLibvirt() {
        Path p = SharedCorpus.file("ovf/cot__ubuntu.2.0.ovf");
        LintReport r = lint(p, "workstation,libvirt");
        List<Finding> items = findings(r, "workstation", "OVF-ITEM-ELEMENT");
        assertThat(items).isNotEmpty();
        assertThat(items).extracting(Finding::value).contains("StorageItem");
        String text = read(p);
        Finding first = items.stream().filter(f -> f.value().equals("StorageItem")).findFirst().orElseThrow();
        assertThat(first.place().line()).isEqualTo(firstLine(text, "StorageItem"));
        Finding version = only(findings(r, "libvirt", "OVF-VERSION"));
        assertThat(version.value()).isEqualTo("2");
        assertThat(version.place().line()).isEqualTo(firstLine(text, "Envelope"));
    }

    private static int firstLine(String text, String localName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(\\w+:)?" + localName + "[\\s>]").matcher(text);
        assertThat(m.find()).isTrue();
        return where(text, m.group())[0];
    }

    @Test
    void xenCentersStartupSectionIsRefusedByWorkstation() {
        Path p = SharedCorpus.file("ovf/xenadmin__sample_app.ovf");
        List<Finding> fs = findings(lint(p, "workstation"), "workstation", "OVF-SECTION");
        Finding f = fs.stream().filter(x -> x.value().equals("StartupSection")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.place().line()).isEqualTo(firstLine(read(p), "StartupSection"));
        assertThat(f.targetMessage()).isEqualTo("Line " + f.place().line() + ": Unsupported section 'StartupSection'.");
    }

    @Test
    void aVirtualSystemCollectionBlocksProxmox() {
        Path p = SharedCorpus.file("ovf/govmomi__nested-vapp.ovf");
        LintReport r = lint(p, "proxmox");
        Finding f = only(findings(r, "proxmox", "OVF-SECTION").stream()
                .filter(x -> x.value().equals("VirtualSystemCollection")).toList());
        assertThat(f.fixable()).isFalse();
        assertThat(f.place().line()).isEqualTo(firstLine(read(p), "VirtualSystemCollection"));
        assertThat(r.verdict("proxmox")).isEqualTo(Verdict.BLOCKING);
    }

    @Test
    void deploymentOptionsAreRefusedByVcloud() {
        Path p = SharedCorpus.file("ovf/cot__csr1000v.ovf");
        Finding f = only(findings(lint(p, "vcloud"), "vcloud", "OVF-SECTION"));
        assertThat(f.value()).isEqualTo("DeploymentOptionSection");
        assertThat(f.place().line()).isEqualTo(firstLine(read(p), "DeploymentOptionSection"));
    }

    @Test
    void aMonolithicSparseFormatUriIsRefusedByVsphere() {
        Path p = SharedCorpus.file("ovf/cloudinit__ubuntu-server.ovf");
        Finding f = findings(lint(p, "vsphere"), "vsphere", "DISK-FORMAT").get(0);
        assertThat(f.value()).endsWith("#monolithicSparse");
        assertThat(f.targetMessage()).startsWith("Not supported value \"http://www.vmware.com/interfaces/specifications"
                + "/vmdk.html#monolithicSparse\" for attribute \"format\"");
        assertThat(f.place().line()).isEqualTo(where(read(p), "#monolithicSparse")[0]);
    }

    @Test
    void gzipDisksAreRefusedByVsphereAndNotOfferedByProxmox() {
        Path p = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4.ova");
        LintReport r = lint(p, "vsphere,proxmox,libvirt");
        List<Finding> gz = findings(r, "vsphere", "DISK-COMPRESSION");
        assertThat(gz).hasSize(2);
        assertThat(gz.get(0).targetMessage())
                .isEqualTo("OVF package with compressed disks is currently not supported for OVF import");
        assertAt(gz.get(0), p + "!/tdAppliance1-t4.ovf", where(descriptorText(p), "<File ovf:compression=\"gzip\""));
        assertThat(findings(r, "proxmox", "FILE-NAME")).extracting(Finding::value)
                .containsExactly("tdAppliance1-t4-disk1.vmdk.gz", "tdAppliance1-t4-disk2.vmdk.gz");
        assertThat(findings(r, "libvirt", "DISK-COMPRESSION")).isEmpty();
    }

    @Test
    void uefiBlocksXenAndLosesItsStateOnProxmox() {
        Path p = SharedCorpus.file("ova/govmomi__ttylinux-pc_i486-16.1.ova");
        LintReport r = lint(p, "xen,proxmox,libvirt");
        Finding xen = only(findings(r, "xen", "FIRMWARE"));
        assertThat(xen.severity()).isEqualTo(Severity.ERROR);
        assertThat(xen.fixable()).isFalse();
        assertAt(xen, p + "!/ttylinux-pc_i486-16.1.ovf", where(descriptorText(p), "<vmw:Config ovf:required=\"false\" "
                + "vmw:key=\"firmware\""));
        assertThat(r.verdict("xen")).isEqualTo(Verdict.BLOCKING);
        assertThat(only(findings(r, "proxmox", "FIRMWARE")).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings(r, "libvirt", "FIRMWARE")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ manifest rules

    @Test
    void virtualBoxStyleManifestLinesAreAnErrorOnVsphereAtTheirLine() {
        Path p = SharedCorpus.file("ova/govmomi__ttylinux-pc_i486-16.1.ova");
        LintReport r = lint(p, "vsphere,virtualbox,libvirt");
        List<Finding> fs = findings(r, "vsphere", "MF-SYNTAX");
        assertThat(fs).hasSize(2);
        assertThat(fs).extracting(f -> f.place().toString())
                .containsExactly(p + "!/ttylinux-pc_i486-16.1.mf:1:1", p + "!/ttylinux-pc_i486-16.1.mf:2:1");
        assertThat(fs.get(0).value()).isEqualTo("ALG (f) = h");
        assertThat(fs.get(0).targetMessage()).endsWith("Invalid OVF checksum algorithm: SHA1");
        assertThat(findings(r, "virtualbox", "MF-SYNTAX")).isEmpty();
        assertThat(findings(r, "libvirt", "MF-SYNTAX")).isEmpty();
    }

    @Test
    void sha256ManifestsWarnOnXenAndOpenSsl3SpellingIsAnErrorOnVsphere() {
        Path t4 = SharedCorpus.file("ova/virtualbox__tdAppliance1-t4.ova");
        List<Finding> xen = findings(lint(t4, "xen"), "xen", "MF-ALGORITHM");
        assertThat(xen).isNotEmpty().allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.verified()).isFalse();
        });
        Map<String, byte[]> m = members(descriptor());
        m.put("app.mf", utf8("SHA2-256(app-disk1.vmdk)= " + "0".repeat(64) + "\n"));
        Path p = ova(tmp, "openssl3.ova", m, false);
        Finding f = only(findings(lint(p, "vsphere"), "vsphere", "MF-ALGORITHM").stream()
                .filter(x -> x.severity() == Severity.ERROR).toList());
        assertThat(f.value()).isEqualTo("SHA2-256");
        assertThat(f.place().toString()).isEqualTo(p + "!/app.mf:1:1");
    }

    @Test
    void parenthesesInAManifestNameAreRefusedByVirtualBox() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("app.ovf", utf8(descriptor("disk(1).vmdk", "byte * 2^20", "ovf:/disk/vmdisk1", "")));
        m.put("app.mf", utf8(Fixtures.mfLine("app.ovf") + Fixtures.mfLine("disk(1).vmdk")));
        m.put("disk(1).vmdk", Fixtures.STREAM_VMDK_HEAD);
        Path p = ova(tmp, "paren.ova", m, false);
        Finding f = only(findings(lint(p, "virtualbox"), "virtualbox", "MF-NAME"));
        assertThat(f.value()).isEqualTo("disk(1).vmdk");
        assertThat(f.place().toString()).isEqualTo(p + "!/app.mf:2:1");
    }

    @Test
    void aFileMissingFromTheManifestIsAnErrorOnVirtualBox() {
        Map<String, byte[]> m = members(descriptor());
        m.put("readme.txt", utf8("hello\n"));
        Path p = ova(tmp, "readme.ova", m, false);
        Finding f = only(findings(lint(p, "virtualbox"), "virtualbox", "MF-COMPLETE"));
        assertThat(f.place().toString()).isEqualTo(p + "!/readme.txt");
        assertThat(f.targetMessage()).isEqualTo("Digest mismatch (VERR_NOT_EQUAL): 'readme.txt' not found in the 2nd"
                + " manifest.");
    }

    @Test
    void aManifestOverTheLimitOfAnExtendedProfileIsASizeFinding() {
        TargetProfile small = TargetProfile.builder(Targets.builtIn().get("vcloud")).id("vcloud-small")
                .name("vCloud with a tiny manifest limit")
                .replace(TargetRule.of(Aspect.MANIFEST_SIZE).limit(10).note("test limit").source("test").build())
                .build();
        Path p = ova(tmp, "size.ova", members(descriptor()), false);
        try (OvfPackage pkg = OvfPackage.open(p)) {
            LintReport r = Linter.lint(pkg, List.of(small));
            Finding f = only(findings(r, "vcloud-small", "SIZE-LIMIT"));
            assertThat(f.place().toString()).isEqualTo(p + "!/app.mf");
            assertThat(f.fixable()).isFalse();
            assertThat(f.origin()).isEqualTo("vcloud-small");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ archive rules

    @Test
    void aManifestBeforeTheDescriptorIsAnErrorOnVsphereNamingTheFirstMember() {
        Map<String, byte[]> m = members(descriptor());
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put("app.mf", m.get("app.mf"));
        reordered.put("app.ovf", m.get("app.ovf"));
        reordered.put("app-disk1.vmdk", m.get("app-disk1.vmdk"));
        Path p = ova(tmp, "order.ova", reordered, false);
        LintReport r = lint(p, "vsphere,libvirt");
        Finding f = findings(r, "vsphere", "TAR-ORDER").stream().filter(x -> x.severity() == Severity.ERROR)
                .findFirst().orElseThrow();
        assertThat(f.place().toString()).isEqualTo(p + "!/app.mf");
        assertThat(f.targetMessage()).isEqualTo("Did not find an .ovf file at the beginning of the OVA package.");
        assertThat(findings(r, "libvirt", "TAR-ORDER")).isEmpty();
    }

    @Test
    void paxHeadersAreRefusedByVsphere() {
        Path pax = ova(tmp, "pax.ova", members(descriptor()), true);
        Finding f = only(findings(lint(pax, "vsphere,ovirt"), "vsphere", "TAR-FORMAT"));
        assertThat(f.value()).isEqualTo("pax");
        assertThat(f.place().toString()).isEqualTo(pax + "!/app.ovf");
        Path plain = ova(tmp, "plain.ova", members(descriptor()), false);
        assertThat(lint(plain, "vsphere").findings("vsphere")).isEmpty();
    }

    @Test
    void aSubfolderInTheOvaIsRefusedByVsphere() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("app.ovf", utf8(descriptor("disks/app-disk1.vmdk", "byte * 2^20", "ovf:/disk/vmdisk1", "")));
        m.put("app.mf", utf8(Fixtures.mfLine("app.ovf") + Fixtures.mfLine("disks/app-disk1.vmdk")));
        m.put("disks/app-disk1.vmdk", Fixtures.STREAM_VMDK_HEAD);
        Path p = ova(tmp, "sub.ova", m, false);
        LintReport r = lint(p, "vsphere,proxmox");
        Finding f = only(findings(r, "vsphere", "TAR-LAYOUT"));
        assertThat(f.place().toString()).isEqualTo(p + "!/disks/app-disk1.vmdk");
        assertThat(findings(r, "proxmox", "FILE-NAME")).extracting(Finding::targetMessage)
                .contains("referenced path 'disks/app-disk1.vmdk' is invalid");
    }

    @Test
    void aMonolithicSparsePayloadIsRefusedByVsphereAndAwsButReadByXen() {
        Map<String, byte[]> m = members(descriptor());
        m.put("app-disk1.vmdk", Fixtures.SPARSE_VMDK_HEAD);
        Path p = ova(tmp, "sparse.ova", m, false);
        LintReport r = lint(p, "vsphere,aws,xen");
        Finding f = only(findings(r, "vsphere", "DISK-PAYLOAD"));
        assertThat(f.value()).isEqualTo("vmdk-monolithicSparse");
        assertThat(f.place().toString()).isEqualTo(p + "!/app-disk1.vmdk");
        assertThat(findings(r, "aws", "DISK-PAYLOAD")).hasSize(1);
        assertThat(findings(r, "xen", "DISK-PAYLOAD")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ units, form

    @Test
    void memoryUnitsWithoutSpacesAreRefusedByVirtualBoxAndAbsentOnesByGce() {
        Path p = ova(tmp, "units.ova", members(descriptor("app-disk1.vmdk", "byte*2^20", "ovf:/disk/vmdisk1", "")),
                false);
        String text = descriptorText(p);
        Finding f = only(findings(lint(p, "virtualbox"), "virtualbox", "MEMORY-UNITS"));
        assertAt(f, p + "!/app.ovf", where(text, "<rasd:AllocationUnits>byte*2^20"));
        assertThat(f.targetMessage()).contains("Invalid allocation unit \"%s\"").doesNotContain("byte*2^20\" specified");
        Path none = ova(tmp, "none.ova", members(descriptor().replace(
                "        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>\n", "")), false);
        Finding gce = only(findings(lint(none, "gce"), "gce", "MEMORY-UNITS"));
        assertThat(gce.value()).isEmpty();
        assertThat(gce.targetMessage()).isEqualTo("memory allocation unit not specified");
    }

    @Test
    void plainByteCapacityUnitsWarnOnProxmox() {
        Path p = SharedCorpus.file("ovf/cot__iosv.ovf");
        Finding f = only(findings(lint(p, "proxmox"), "proxmox", "CAPACITY-UNITS"));
        assertThat(f.value()).isEqualTo("byte");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.place().line()).isEqualTo(where(read(p), "ovf:capacityAllocationUnits=\"byte\"")[0]);
    }

    @Test
    void everyPackageIsAFixableErrorForTargetsThatImportNoOvf() {
        Path p = ova(tmp, "app.ova", members(descriptor()), false);
        LintReport r = lint(p, "azure,hyperv,kubevirt,vsphere");
        for (String t : List.of("azure", "hyperv", "kubevirt")) {
            Finding f = only(findings(r, t, "PKG-FORM"));
            assertThat(f.place().toString()).isEqualTo(p.toString());
            assertThat(f.fixable()).isTrue();
            assertThat(r.verdict(t)).isEqualTo(Verdict.FIXABLE);
        }
        assertThat(r.verdict("vsphere")).isEqualTo(Verdict.CLEAN);
    }

    @Test
    void aPackageMadeOfWhatEveryTargetTakesIsCleanForPortable() {
        Path p = ova(tmp, "app.ova", members(descriptor()), false);
        LintReport r = lint(p, "portable");
        // vmx-07, E1000, lsilogic, ovf:/disk/, MiB memory, a canonical SHA1 manifest listing every member,
        // ustar headers, the .ovf first, a streamOptimized disk: what every OVA target takes.
        assertThat(r.findings("portable")).isEmpty();
        assertThat(r.verdict("portable")).isEqualTo(Verdict.CLEAN);
    }

    @Test
    void portableMergesTheSameFindingOfSeveralTargetsIntoOne() {
        Path p = SharedCorpus.file("ova/glance__testserver.ova");
        LintReport r = lint(p, "portable");
        Finding f = only(findings(r, "portable", "DEVICE-TYPE").stream().filter(x -> x.value().equals("35")).toList());
        assertThat(f.origin()).isEqualTo("vsphere,xen");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
    }
}
