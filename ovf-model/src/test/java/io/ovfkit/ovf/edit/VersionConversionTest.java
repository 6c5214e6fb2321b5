package io.ovfkit.ovf.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfConversionException;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Conversion between OVF versions changes only what differs between them and reports every loss. */
class VersionConversionTest {

    @Test
    void legacy_0_9_becomes_1_0_with_real_section_names() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/cot__v0.9.ovf"));
        assertThat(d.version()).isEqualTo(OvfVersion.V0_9);
        OvfDescriptor one = d.convert(OvfVersion.V1_0, false);
        String text = new String(one.toBytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("xsi:type=").doesNotContain("vmware.com/schema/ovf/1/envelope")
                .contains("<ovf:DiskSection>").contains("</ovf:VirtualHardwareSection>")
                .contains("<vssd:InstanceID>0</vssd:InstanceID>");
        assertThat(one.version().family()).isEqualTo(OvfVersion.Family.OVF_1);
        assertThat(one.readDiagnostics()).noneMatch(x -> x.rule().equals("OVF_LEGACY_0_9"));
        assertThat(one.envelope().virtualSystems().get(0).section(VirtualHardwareSection.class).orElseThrow().devices())
                .hasSameSizeAs(d.envelope().virtualSystems().get(0).section(VirtualHardwareSection.class).orElseThrow().devices());
    }

    @Test
    void two_to_one_refuses_to_lose_storage_and_ethernet_port_items() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/cot__ubuntu.2.0.ovf"));
        assertThatThrownBy(() -> d.convert(OvfVersion.V1_0, false))
                .isInstanceOf(OvfConversionException.class)
                .satisfies(e -> assertThat(((OvfConversionException) e).losses())
                        .extracting(Diagnostic::message).anyMatch(m -> m.contains("StorageItem"))
                        .anyMatch(m -> m.contains("EthernetPortItem")))
                .satisfies(e -> assertThat(((OvfConversionException) e).losses()).allMatch(x -> x.line() > 0));
    }

    @Test
    void two_to_one_drops_when_asked_and_reports_each_loss() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/cot__ubuntu.2.0.ovf"));
        OvfDescriptor one = d.convert(OvfVersion.V1_0, true);
        String text = new String(one.toBytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("StorageItem").doesNotContain("EthernetPortItem")
                .contains("http://schemas.dmtf.org/ovf/envelope/1").doesNotContain("envelope/2");
        assertThat(one.readDiagnostics()).filteredOn(x -> x.rule().equals("OVF_CONVERSION_LOSS")).hasSize(3);
    }

    @Test
    void upgrading_fixes_virtualbox_namespace_aliases() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/cot__ubuntu.2.0.ovf"));
        OvfDescriptor same = d.convert(OvfVersion.V2_0, false);
        String text = new String(same.toBytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("AllocationSettingData.xsd\"");
        assertThat(same.readDiagnostics()).anyMatch(x -> x.rule().equals("OVF_NAMESPACE_FIXED"));
    }

    @Test
    void one_to_two_changes_only_namespaces_and_version() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/govmomi__ttylinux-pc_i486-16.1.ovf"));
        String before = new String(d.toBytes(), StandardCharsets.UTF_8);
        String after = new String(d.convert(OvfVersion.V2_0, false).toBytes(), StandardCharsets.UTF_8);
        assertThat(after.replace("envelope/2", "envelope/1").replace(" ovf:version=\"2.0\"", ""))
                .isEqualTo(before);
    }
}
