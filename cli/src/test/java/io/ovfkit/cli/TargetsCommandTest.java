package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsCommandTest {
    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void listsEveryTargetOnePerLine() {
        Cli.Result r = Cli.run("targets");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> ids = r.out().lines().filter(l -> !l.startsWith("vsphere:VERSION"))
                .map(l -> l.split("\\s+")[0]).toList();
        assertThat(ids).containsExactly("vsphere", "workstation", "virtualbox", "proxmox", "libvirt", "ovirt", "xen",
                "hyperv", "azure", "aws", "gce", "kubevirt", "vcloud", "portable");
        assertThat(r.out()).contains("azure").contains("imports no OVF packages").contains("6.7, 6.7u2, 7.0");
    }

    @Test
    void jsonListsTargetsWithWhatTheyAccept() {
        Cli.Result r = Cli.run("targets", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode targets = r.json().get("targets");
        assertThat(targets).hasSize(14);
        JsonNode vsphere = targets.get(0);
        assertThat(names(vsphere)).containsExactly("id", "name", "description", "importsPackages", "manifestAlgorithm",
                "accepts");
        assertThat(vsphere.get("id").asText()).isEqualTo("vsphere");
        assertThat(vsphere.get("manifestAlgorithm").asText()).isEqualTo("SHA256");
        List<String> families = new ArrayList<>();
        vsphere.get("accepts").get("systemTypes").forEach(n -> families.add(n.asText()));
        assertThat(families).contains("vmx-17").doesNotContain("vmx-18");
        assertThat(vsphere.get("accepts").get("diskFormats").get(0).asText())
                .isEqualTo("http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized");
        JsonNode azure = targets.get(8);
        assertThat(azure.get("importsPackages").asBoolean()).isFalse();
        assertThat(azure.get("accepts").get("packageForm").get("refused").get(0).asText()).isEqualTo("ova");
    }

    @Test
    void oneTargetPrintsItsRulesWithTheirSources() {
        Cli.Result r = Cli.run("targets", "vsphere:6.7");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("vsphere:6.7: VMware vSphere / ESXi 6.7")
                .contains("OVF-SYSTEM-TYPE system-type: VirtualSystemType must name a VMware family no higher than vmx-14")
                .contains("message: Unsupported hardware family '%s'.")
                .contains("source: Report: cyphonmdr/cyphon #176")
                .contains("MF-SYNTAX manifest-syntax")
                .contains("otherwise: warning (unverified)");
    }

    @Test
    void oneTargetAsJsonHasItsRules() {
        JsonNode j = Cli.run("targets", "proxmox", "--json").json();
        assertThat(names(j)).containsExactly("id", "name", "description", "importsPackages", "manifestAlgorithm",
                "accepts", "rules");
        JsonNode nic = null;
        for (JsonNode rule : j.get("rules")) {
            if (rule.get("aspect").asText().equals("nicSubtypes")) {
                nic = rule;
            }
        }
        assertThat(nic).isNotNull();
        assertThat(names(nic)).containsExactly("rule", "aspect", "accepted", "refused", "match", "becomes", "otherwise",
                "limit", "severity", "verified", "fixable", "message", "note", "source", "origin");
        assertThat(nic.get("rule").asText()).isEqualTo("NIC-TYPE");
        assertThat(nic.get("otherwise").asText()).isEqualTo("e1000");
        assertThat(nic.get("match").asText()).isEqualTo("ignore-case");
        assertThat(nic.get("source").asText()).contains("proxmox/pve-storage");
    }

    @Test
    void anUnknownTargetIsAUsageErrorNamingTheKnownOnes() {
        Cli.Result r = Cli.run("targets", "nutanix");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: unknown target \"nutanix\"").contains("portable");
        assertThat(r.out()).isEmpty();
    }
}
