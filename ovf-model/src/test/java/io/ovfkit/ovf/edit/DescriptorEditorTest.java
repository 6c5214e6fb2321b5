package io.ovfkit.ovf.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.build.ApplianceBuilder;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DescriptorEditor}: each edit changes only its elements; everything around them, on real
 * descriptors from the corpus, stays byte for byte.
 */
class DescriptorEditorTest {
    @TempDir
    Path tmp;

    private static OvfDescriptor corpus(String name) throws IOException {
        Path p = SharedCorpus.file("ovf/" + name);
        return Ovf.read(Files.readAllBytes(p), p.getFileName().toString());
    }

    private static OvfDescriptor constructed() {
        OvfDescriptor d = ApplianceBuilder.named("web").cpus(2).memoryBytes(1L << 30).network("VM Network").build(OvfVersion.V1_0);
        return Ovf.read(d.toBytes(), "web.ovf");
    }

    /**
     * Checks that the edited bytes equal the original outside one changed region: the common prefix
     * and suffix together cover everything but the lines that hold the edit.
     */
    private static String changedRegion(OvfDescriptor d) {
        byte[] a = d.originalBytes();
        byte[] b = d.toBytes();
        int p = 0;
        while (p < a.length && p < b.length && a[p] == b[p]) {
            p++;
        }
        int s = 0;
        while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] == b[b.length - 1 - s]) {
            s++;
        }
        assertThat(Arrays.copyOfRange(a, 0, p)).isEqualTo(Arrays.copyOfRange(b, 0, p));
        return new String(b, p, b.length - s - p, d.charset());
    }

    private static List<String> diffLines(OvfDescriptor d) {
        String diff = UnifiedDiff.of(new String(d.originalBytes(), d.charset()), new String(d.toBytes(), d.charset()),
                "a", "b");
        List<String> out = new ArrayList<>();
        for (String l : diff.split("\n")) {
            if ((l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---") && !l.startsWith("+++")) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void productVersionOnTheCsr1000vChangesOnlyTheVersionText() throws IOException {
        OvfDescriptor d = corpus("cot__csr1000v.ovf");
        DescriptorEditor.of(d).productVersion("99.1");
        assertThat(changedRegion(d)).doesNotContain("<").doesNotContain(">");
        List<String> lines = diffLines(d);
        assertThat(lines).hasSize(2).allMatch(l -> l.contains("Version>"));
        assertThat(lines.get(1)).contains(">99.1<");
    }

    @Test
    void scopedCpusOnTheCsr1000vTouchOnlyThatOptionsItem() throws IOException {
        OvfDescriptor d = corpus("cot__csr1000v.ovf");
        String option = d.envelope().deploymentOptionSection().orElseThrow().getConfigurations().get(0).getId();
        DescriptorEditor.of(d).configuration(option).cpus(7);
        List<String> lines = diffLines(d);
        assertThat(lines).as("the shared item is kept; a copy for the option is added after it")
                .allMatch(l -> l.startsWith("+"));
        assertThat(lines.get(0)).contains("<ovf:Item ovf:configuration=\"" + option + "\">");
        assertThat(lines).contains("+        <rasd:VirtualQuantity>7</rasd:VirtualQuantity>");
    }

    @Test
    void annotationOnTheVcenterApplianceChangesOnlyItsText() throws IOException {
        OvfDescriptor d = corpus("govmomi__VMware-vCenter-Server-Appliance-9.1.0.0.25262036_OVF10.ovf");
        DescriptorEditor.of(d).annotation("edited by ovfkit");
        List<String> lines = diffLines(d);
        assertThat(lines).isNotEmpty().allMatch(l -> l.contains("Annotation") || !l.trim().startsWith("<"))
                .anyMatch(l -> l.startsWith("+") && l.contains("edited by ovfkit"));
    }

    @Test
    void propertyValueOnTheVcenterApplianceChangesOneAttribute() throws IOException {
        OvfDescriptor d = corpus("govmomi__VMware-vCenter-Server-Appliance-9.1.0.0.25262036_OVF10.ovf");
        var ps = d.envelope().virtualSystems().get(0).productSections().stream()
                .filter(p -> p.properties().stream().anyMatch(x -> "string".equals(x.getType()) && !x.isPassword()))
                .findFirst().orElseThrow();
        var prop = ps.properties().stream().filter(x -> "string".equals(x.getType()) && !x.isPassword()
                && x.getQualifiers() == null).findFirst().orElseThrow();
        DescriptorEditor.of(d).property(prop.getKey(), "ovfkit-value", null);
        List<String> lines = diffLines(d);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("ovfkit-value").contains(prop.getKey());
        assertThat(lines.get(0).substring(1).replaceAll("ovf:value=\"[^\"]*\"", ""))
                .isEqualTo(lines.get(1).substring(1).replaceAll("ovf:value=\"[^\"]*\"", ""));
    }

    @Test
    void nicNameOnAVirtualBoxExportChangesOnlyTheElementName() throws IOException {
        OvfDescriptor d = corpus("govmomi__vbox1.ovf");
        DescriptorEditor.of(d).nicName(1, "front");
        List<String> lines = diffLines(d);
        assertThat(lines).hasSize(2).allMatch(l -> l.contains("ElementName>"));
        assertThat(lines.get(1)).contains(">front<");
    }

    @Test
    void memoryKeepsTheItemsUnits() {
        OvfDescriptor d = constructed();
        DescriptorEditor.of(d).memory(3L << 30);
        assertThat(new String(d.toBytes(), d.charset())).contains("<rasd:VirtualQuantity>3072</rasd:VirtualQuantity>")
                .contains("<rasd:ElementName>3072MB of memory</rasd:ElementName>");
    }

    @Test
    void rejectedEditLeavesTheModelAsItWas() {
        OvfDescriptor d = constructed();
        DescriptorEditor e = DescriptorEditor.of(d);
        assertThatThrownBy(() -> e.memory(1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MiB");
        assertThatThrownBy(() -> e.nicType("rtl8139")).hasMessageContaining("'rtl8139'");
        assertThatThrownBy(() -> e.property("port", "http", "uint16")).hasMessageContaining("'port'");
        assertThatThrownBy(() -> e.configuration("nope")).hasMessageContaining("'nope'");
        assertThat(d.isModified()).isFalse();
    }

    @Test
    void passwordValueNeverComesFromTheValueArgument() {
        OvfDescriptor d = constructed();
        DescriptorEditor e = DescriptorEditor.of(d).property("pw", null, null).propertyPassword("pw");
        assertThatThrownBy(() -> e.property("pw", "visible", null)).hasMessageContaining("never comes from an argument");
        e.propertyPasswordValue("pw", "hidden".toCharArray());
        assertThat(new String(d.toBytes(), d.charset())).contains("ovf:password=\"true\"").contains("ovf:value=\"hidden\"");
    }

    @Test
    void removingAConfigurationRemovesItsOwnItems() {
        OvfDescriptor d = constructed();
        DescriptorEditor e = DescriptorEditor.of(d).addConfiguration("a", null).addConfiguration("b", null);
        e.configuration("b").cpus(8);
        assertThat(new String(d.toBytes(), d.charset())).contains("ovf:configuration=\"b\"");
        e.configuration(null).removeConfiguration("b");
        assertThat(new String(d.toBytes(), d.charset())).doesNotContain("ovf:configuration=\"b\"")
                .doesNotContain("ovf:id=\"b\"");
    }

    @Test
    void everyEditTogetherIsSchemaValid() throws IOException {
        SharedCorpus.assumeAvailable();
        OvfDescriptor d = constructed();
        DescriptorEditor.of(d).cpus(4).coresPerSocket(2).memory(4L << 30).nicCount(3).nicType("VmxNet3")
                .addNetwork("Backup", null).nicNetwork(3, "Backup").renameNetwork("VM Network", "Front")
                .firmware("efi").virtualSystemType("vmx-19").addSerialPort().addCdrom("tools.iso", 1000L)
                .product("Web").vendor("ACME").productVersion("1").fullVersion("1.0.0").productUrl("https://a.test/")
                .vendorUrl("https://b.test/").annotation("notes").eula("licence").name("Web")
                .property("hostname", "web1", null).propertyLabel("hostname", "Host name")
                .propertyDescription("hostname", "The host name").propertyQualifiers("hostname", "MaxLen(64)")
                .userConfigurable("hostname", true).transport(List.of("iso", "com.vmware.guestInfo"))
                .addConfiguration("large", "Large").defaultConfiguration("large");
        DescriptorEditor.of(d).addDisk(null, null, 10L << 30, null, "sata", null);
        DescriptorEditor.of(d).removeItem("serial");
        Path file = Files.write(tmp.resolve("edited.ovf"), d.toBytes());
        Oracle.Result r = Xmllint.validate(SharedCorpus.schemas().resolve("ovf-1"), "dsp8023.xsd", file);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
