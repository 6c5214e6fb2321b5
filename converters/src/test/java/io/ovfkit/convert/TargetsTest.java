package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.signing.DigestAlgorithm;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final Targets BUILT_IN = Targets.builtIn();

    @Test
    void theBuiltInTargetsAreTheIssuesListWithPortableLast() {
        assertThat(BUILT_IN.all()).extracting(TargetProfile::id).containsExactly("vsphere", "workstation", "virtualbox",
                "proxmox", "libvirt", "ovirt", "xen", "hyperv", "azure", "aws", "gce", "kubevirt", "vcloud", "portable");
    }

    @Test
    void everyRuleNamesItsSourceAndANote() {
        for (TargetProfile t : BUILT_IN.all()) {
            assertThat(t.rules()).as(t.id()).isNotEmpty();
            assertThat(t.rules()).as(t.id()).allSatisfy(r -> {
                assertThat(r.source()).isNotBlank();
                assertThat(r.note()).isNotBlank();
                assertThat(r.origin()).isNotNull();
            });
        }
    }

    @Test
    void plainVsphereIsSevenZeroWithVmx17AtMostAndSha256() {
        TargetProfile v = BUILT_IN.get("vsphere");
        assertThat(v.name()).contains("7.0");
        assertThat(v.manifestAlgorithm()).contains(DigestAlgorithm.SHA256);
        List<String> families = v.accepted(Aspect.SYSTEM_TYPE).orElseThrow();
        assertThat(families).contains("vmx-17", "vmx-07").doesNotContain("vmx-18", "vmx-20", "virtualbox-2.2");
    }

    @Test
    void aHostReleaseSetsTheHighestFamilyAndTheManifestAlgorithms() {
        TargetProfile old = BUILT_IN.get("vsphere:6.7");
        assertThat(old.id()).isEqualTo("vsphere:6.7");
        assertThat(old.accepted(Aspect.SYSTEM_TYPE).orElseThrow()).contains("vmx-14").doesNotContain("vmx-15", "vmx-17");
        assertThat(BUILT_IN.get("vsphere:8.0").accepted(Aspect.SYSTEM_TYPE).orElseThrow()).contains("vmx-20")
                .doesNotContain("vmx-21");
        assertThat(BUILT_IN.get("vsphere:6.0").accepted(Aspect.MANIFEST_ALGORITHM).orElseThrow())
                .containsExactly("SHA1");
        assertThat(BUILT_IN.find("vsphere:9.9")).isEmpty();
    }

    @Test
    void portableHoldsTheRulesOfEveryOvaTargetAndNoOther() {
        TargetProfile p = BUILT_IN.get("portable");
        assertThat(p.rules()).extracting(TargetRule::origin).containsOnly("vsphere", "workstation", "virtualbox",
                "proxmox", "libvirt", "ovirt", "xen", "aws", "vcloud");
        assertThat(p.rules()).hasSize(BuiltInTargets.OVA_TARGETS.stream()
                .mapToInt(id -> BUILT_IN.get(id).rules().size()).sum());
    }

    @Test
    void portableAcceptsOnlyWhatEveryTargetAccepts() {
        TargetProfile p = BUILT_IN.get("portable");
        // vSphere (E1000, E1000e, VmxNet3, VmxNet2, PCNet32), VirtualBox (PCNet32, E1000, E10000, virtio)
        // and Proxmox (e1000, e1000e, vmxnet3) as they are: only E1000 (or no subtype) in common.
        assertThat(p.accepted(Aspect.NIC_SUBTYPE).orElseThrow()).containsExactly("", "E1000");
        assertThat(p.accepted(Aspect.MANIFEST_ALGORITHM).orElseThrow()).containsExactly("SHA1");
        assertThat(p.accepted(Aspect.OVF_VERSION).orElseThrow()).containsExactly("1");
        assertThat(p.accepted(Aspect.SYSTEM_TYPE).orElseThrow()).contains("vmx-07").doesNotContain("vmx-17");
    }

    @Test
    void aUserExtendsABuiltInProfileWithoutChangingIt() {
        TargetProfile base = BUILT_IN.get("vsphere");
        TargetProfile strict = TargetProfile.builder(base).id("vsphere-sha256").name("vSphere, SHA-256 only")
                .replace(TargetRule.of(Aspect.MANIFEST_ALGORITHM).accept("SHA256").source("our policy")
                        .note("SHA-256 only").build())
                .build();
        assertThat(strict.accepted(Aspect.MANIFEST_ALGORITHM).orElseThrow()).containsExactly("SHA256");
        assertThat(strict.rules(Aspect.MANIFEST_ALGORITHM)).singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo("vsphere-sha256"));
        assertThat(strict.rules(Aspect.SYSTEM_TYPE)).singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo("vsphere"));
        assertThat(base.accepted(Aspect.MANIFEST_ALGORITHM).orElseThrow()).contains("SHA1");
        Targets mine = BUILT_IN.with(strict);
        assertThat(mine.get("vsphere-sha256")).isSameAs(strict);
        assertThat(BUILT_IN.find("vsphere-sha256")).isEmpty();
    }

    @Test
    void parseTakesAListOrAllAndNamesTheKnownIdsForAnUnknownOne() {
        assertThat(BUILT_IN.parse("proxmox, vsphere:8.0,proxmox")).extracting(TargetProfile::id)
                .containsExactly("proxmox", "vsphere:8.0");
        assertThat(BUILT_IN.parse("ALL")).hasSize(14);
        assertThatThrownBy(() -> BUILT_IN.parse("vsphere,nutanix")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown target \"nutanix\"").hasMessageContaining("portable");
        assertThatThrownBy(() -> TargetProfile.builder("Bad Id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuleSaysWhatAnImporterTurnsAValueInto() {
        TargetRule nic = BUILT_IN.get("proxmox").rules(Aspect.NIC_SUBTYPE).get(0);
        assertThat(nic.accepts("VMXNET3")).isTrue();
        assertThat(nic.changedInto("VMXNET3")).isNull();
        assertThat(nic.changedInto("PCNet32")).isEqualTo("e1000");
        TargetRule scsi = BUILT_IN.get("vsphere").rules(Aspect.SCSI_SUBTYPE).get(0);
        assertThat(scsi.accepts("VirtualSCSI")).isTrue();
        assertThat(scsi.accepts("virtualscsi")).isFalse();
        assertThat(scsi.changedInto("virtualscsi")).isNull();
    }
}
