package io.ovfkit.ovf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.info.DescriptorInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the fuzz tests found, one plain test per bug (the inputs are also kept as regression seeds). */
class FuzzFindingsTest {
    @Test
    void sectionTypeThatIsNotAnXmlNameIsNotRenamed() {
        String ovf = """
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"
                    xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <References/>
                  <Section xsi:type="ovf:Disk[Section_Type"><Info>d</Info></Section>
                </Envelope>
                """;
        // Before the fix: org.w3c.dom.DOMException INVALID_CHARACTER_ERR from renaming the element.
        assertThatCode(() -> {
            try {
                assertThat(Ovf.read(ovf.getBytes(StandardCharsets.UTF_8), "t.ovf").envelope()).isNotNull();
            } catch (OvfException refused) {
                assertThat(refused).hasMessageContaining("t.ovf");
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void attributeNameStartingWithAColonIsRefusedWithItsLine() {
        String ovf = """
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1">
                  <References :size="1"/>
                </Envelope>
                """;
        // Before the fix: org.w3c.dom.DOMException NAMESPACE_ERR from the DOM builder.
        assertThatThrownBy(() -> Ovf.read(ovf.getBytes(StandardCharsets.UTF_8), "t.ovf"))
                .isInstanceOf(OvfException.class).hasMessageContaining("t.ovf").hasMessageContaining("2");
    }

    @Test
    void firmwareConfigWithoutAValueIsNoFirmware() {
        String ovf = """
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
                    xmlns:vmw="http://www.vmware.com/schema/ovf">
                  <References/>
                  <VirtualSystem ovf:id="vm"><Info>vm</Info>
                    <VirtualHardwareSection><Info>hw</Info>
                      <vmw:Config ovf:required="false" vmw:key="firmware"/>
                    </VirtualHardwareSection>
                  </VirtualSystem>
                </Envelope>
                """;
        // Before the fix: NullPointerException from Optional.of in DescriptorInfo.systemOf.
        var info = DescriptorInfo.of(Ovf.read(ovf.getBytes(StandardCharsets.UTF_8), "t.ovf"));
        assertThat(info.virtualSystems()).singleElement().satisfies(s -> assertThat(s.firmware()).isNull());
    }
}
