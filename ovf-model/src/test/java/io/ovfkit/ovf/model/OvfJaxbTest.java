package io.ovfkit.ovf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.ValidationEvent;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class OvfJaxbTest {
    @Test
    void contextIsCreatedOnceAndShared() {
        assertThat(OvfJaxb.context()).isSameAs(OvfJaxb.context());
    }

    @Test
    void malformedNumberIsReportedAsAnEventWithItsNodeAndLeftNull() throws Exception {
        OvfJaxb.Result result = OvfJaxb.unmarshalWithEvents(Xml.envelope("""
                <References><File ovf:id="f1" ovf:href="a.vmdk" ovf:size="12 GB"/><File ovf:id="f2" ovf:href="b" ovf:size="7"/></References>"""));

        FileReference f1 = result.envelope().references().orElseThrow().files().get(0);
        assertThat(f1.getSize()).isNull();
        assertThat(f1.getId()).isEqualTo("f1");
        assertThat(result.envelope().references().orElseThrow().files().get(1).getSize()).isEqualTo(7L);
        assertThat(result.events()).isNotEmpty();
        ValidationEvent event = result.events().get(0);
        assertThat(event.getMessage()).isEqualTo("'12 GB' is not an integer");
        Node node = event.getLocator().getNode();
        assertThat(node).isNotNull();
        Element where = node instanceof Attr a ? a.getOwnerElement() : (Element) node;
        assertThat(where.getLocalName()).isEqualTo("File");
        assertThat(where.getAttributeNS(Namespaces.OVF, "id")).isEqualTo("f1");
    }

    @Test
    void cleanInputHasNoEvents() throws Exception {
        OvfJaxb.Result result = OvfJaxb.unmarshalWithEvents(Xml.virtualSystem(
                "<OperatingSystemSection ovf:id=\"36\"><Info>os</Info></OperatingSystemSection>"));

        assertThat(result.events()).isEmpty();
    }

    @Test
    void malformedValuesInSectionsDoNotFailTheDocument() throws Exception {
        OvfJaxb.Result result = OvfJaxb.unmarshalWithEvents(Xml.virtualSystem("""
                <OperatingSystemSection ovf:id="linux"><Info>os</Info></OperatingSystemSection>
                <AnnotationSection ovf:required="yes"><Info>a</Info><Annotation>kept</Annotation></AnnotationSection>"""));

        VirtualSystem vm = result.envelope().virtualSystems().get(0);
        assertThat(vm.section(OperatingSystemSection.class).orElseThrow().getId()).isNull();
        AnnotationSection annotation = vm.section(AnnotationSection.class).orElseThrow();
        assertThat(annotation.getAnnotation().getValue()).isEqualTo("kept");
        assertThat(annotation.getRequired()).isNull();
        assertThat(result.events()).extracting(ValidationEvent::getMessage).containsExactly(
                "'linux' is not an integer", "'yes' is not a boolean (true, false, 1, 0)");
    }

    @Test
    void rootOtherThanEnvelopeIsRejected() {
        assertThatThrownBy(() -> OvfJaxb.unmarshal(Xml.parse("<Strings " + Xml.DECLS + "/>")))
                .isInstanceOf(JAXBException.class)
                .hasMessageContaining("Envelope");
    }

    @Test
    void marshalProducesANamespaceAwareDocument() throws Exception {
        Envelope env = new Envelope();
        env.children().add(new References());

        Element root = OvfJaxb.marshal(env).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(Namespaces.OVF);
        assertThat(root.getLocalName()).isEqualTo("Envelope");
        assertThat(root.getPrefix()).isEqualTo("ovf");
    }
}
