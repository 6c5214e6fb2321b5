package io.ovfkit.ovf.model;

import static io.ovfkit.ovf.model.Xml.childNames;
import static io.ovfkit.ovf.model.Xml.ovf;
import static io.ovfkit.ovf.model.Xml.qn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ContentTest {
    private static final String COLLECTION = """
            <References/>
            <VirtualSystemCollection ovf:id="vapp">
              <Info>vApp</Info>
              <Name>My vApp</Name>
              <StartupSection><Info>start</Info>
                <Item ovf:id="web" ovf:order="1" ovf:startDelay="30" ovf:waitingForGuest="true"
                      ovf:stopDelay="10" ovf:startAction="powerOn" ovf:stopAction="guestShutdown"/>
                <Item ovf:id="inner" ovf:order="2"/>
              </StartupSection>
              <VirtualSystem ovf:id="web"><Info>web</Info>
                <AnnotationSection><Info>a</Info><Annotation>front end</Annotation></AnnotationSection>
              </VirtualSystem>
              <acme:Between/>
              <VirtualSystemCollection ovf:id="inner"><Info>inner</Info>
                <VirtualSystem ovf:id="db"><Info>db</Info></VirtualSystem>
                <VirtualSystem ovf:id="cache"><Info>cache</Info></VirtualSystem>
              </VirtualSystemCollection>
              <ProductSection><Info>p</Info></ProductSection>
            </VirtualSystemCollection>
            """;

    @Test
    void virtualSystemsAreListedDepthFirst() {
        Envelope env = Xml.read(Xml.envelope(COLLECTION));

        assertThat(env.virtualSystems()).extracting(Content::getId).containsExactly("web", "db", "cache");
    }

    @Test
    void collectionExposesIdNameSectionsAndContents() {
        VirtualSystemCollection vapp = (VirtualSystemCollection) Xml.read(Xml.envelope(COLLECTION)).content().orElseThrow();

        assertThat(vapp.getId()).isEqualTo("vapp");
        assertThat(vapp.getInfo().getValue()).isEqualTo("vApp");
        assertThat(vapp.getName().getValue()).isEqualTo("My vApp");
        assertThat(vapp.contents()).extracting(Content::getId).containsExactly("web", "inner");
        assertThat(vapp.sections()).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("StartupSection", "ProductSection");
        assertThat(vapp.section(ProductSection.class)).isPresent();
        assertThat(vapp.section(EulaSection.class)).isEmpty();
        assertThat(vapp.unknownElements()).extracting(Element::getLocalName).containsExactly("Between");
    }

    @Test
    void marshallingKeepsSectionsContentAndUnknownElementsInOrder() {
        Document source = Xml.envelope(COLLECTION);
        Document out = Xml.write(Xml.read(source));

        Element vapp = Xml.child(out.getDocumentElement(), "VirtualSystemCollection");
        assertThat(childNames(vapp)).containsExactly(ovf("Info"), ovf("Name"), ovf("StartupSection"),
                ovf("VirtualSystem"), qn("urn:acme", "Between"), ovf("VirtualSystemCollection"),
                ovf("ProductSection"));
    }

    @Test
    void startupItemsAreTyped() {
        VirtualSystemCollection vapp = (VirtualSystemCollection) Xml.read(Xml.envelope(COLLECTION)).content().orElseThrow();

        StartupSection startup = vapp.section(StartupSection.class).orElseThrow();
        StartupItem web = startup.getItems().get(0);
        assertThat(web.getId()).isEqualTo("web");
        assertThat(web.getOrder()).isEqualTo(1);
        assertThat(web.getStartDelay()).isEqualTo(30);
        assertThat(web.getWaitingForGuest()).isTrue();
        assertThat(web.getStopDelay()).isEqualTo(10);
        assertThat(web.getStartAction()).isEqualTo("powerOn");
        assertThat(web.getStopAction()).isEqualTo("guestShutdown");
        StartupItem inner = startup.getItems().get(1);
        assertThat(inner.getStartDelay()).isNull();
        assertThat(inner.getStopAction()).isNull();
    }

    @Test
    void vendorSectionInAVirtualSystemStaysAnElementInPlace() {
        Document source = Xml.virtualSystem("""
                <Name>vm</Name>
                <OperatingSystemSection ovf:id="94"><Info>os</Info></OperatingSystemSection>
                <vbox:Machine ovf:required="false" version="1.12" uuid="{u}"><ovf:Info>vbox</ovf:Info><vbox:Hardware/></vbox:Machine>
                <VirtualHardwareSection><Info>hw</Info></VirtualHardwareSection>
                """);
        Envelope env = Xml.read(source);

        VirtualSystem vm = env.virtualSystems().get(0);
        assertThat(vm.unknownElements()).singleElement()
                .satisfies(e -> assertThat(e.getAttribute("uuid")).isEqualTo("{u}"));
        assertThat(vm.virtualHardwareSections()).hasSize(1);

        Element outVm = Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem");
        assertThat(childNames(outVm)).containsExactly(ovf("Info"), ovf("Name"), ovf("OperatingSystemSection"),
                qn(Namespaces.VBOX, "Machine"), ovf("VirtualHardwareSection"));
        Element machine = Xml.child(outVm, "Machine");
        assertThat(childNames(machine)).containsExactly(ovf("Info"), qn(Namespaces.VBOX, "Hardware"));
    }

    @Test
    void sectionRequiredDefaultsToTrue() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <AnnotationSection><Info>a</Info><Annotation>x</Annotation></AnnotationSection>
                <EulaSection ovf:required="false"><Info>e</Info><License>terms</License></EulaSection>
                """));

        VirtualSystem vm = env.virtualSystems().get(0);
        AnnotationSection annotation = vm.section(AnnotationSection.class).orElseThrow();
        assertThat(annotation.getRequired()).isNull();
        assertThat(annotation.isRequired()).isTrue();
        assertThat(annotation.getAnnotation().getValue()).isEqualTo("x");
        EulaSection eula = vm.section(EulaSection.class).orElseThrow();
        assertThat(eula.isRequired()).isFalse();
        assertThat(eula.getLicense().getValue()).isEqualTo("terms");
    }
}
