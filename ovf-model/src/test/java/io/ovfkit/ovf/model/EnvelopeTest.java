package io.ovfkit.ovf.model;

import static io.ovfkit.ovf.model.Xml.childNames;
import static io.ovfkit.ovf.model.Xml.ovf;
import static io.ovfkit.ovf.model.Xml.qn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class EnvelopeTest {
    private static final String APPLIANCE = """
            <References><File ovf:id="f1" ovf:href="disk1.vmdk" ovf:size="1024"/></References>
            <DiskSection><Info>disks</Info></DiskSection>
            <vmw:IpAssignmentSection ovf:required="false" vmw:protocols="IPv4"><Info>ip</Info></vmw:IpAssignmentSection>
            <NetworkSection><Info>nets</Info></NetworkSection>
            <DeploymentOptionSection><Info>opts</Info></DeploymentOptionSection>
            <VirtualSystem ovf:id="vm"><Info>vm</Info></VirtualSystem>
            <Strings xml:lang="de-DE"><Msg ovf:msgid="m1">Hallo</Msg></Strings>
            <Strings xml:lang="ja-JP" ovf:fileRef="f9"/>
            """;

    @Test
    void typedAccessorsFindTheEnvelopeChildren() {
        Envelope env = Xml.read(Xml.envelope(APPLIANCE));

        assertThat(env.references()).get().extracting(r -> r.files().size()).isEqualTo(1);
        assertThat(env.diskSection()).isPresent();
        assertThat(env.networkSection()).get().extracting(s -> s.getInfo().getValue()).isEqualTo("nets");
        assertThat(env.deploymentOptionSection()).isPresent();
        assertThat(env.sharedDiskSection()).isEmpty();
        assertThat(env.content()).get().isInstanceOf(VirtualSystem.class);
        assertThat(env.virtualSystems()).extracting(Content::getId).containsExactly("vm");
        assertThat(env.strings()).extracting(Strings::getLang).containsExactly("de-DE", "ja-JP");
        assertThat(env.strings().get(0).message("m1")).contains("Hallo");
        assertThat(env.strings().get(1).getFileRef()).isEqualTo("f9");
    }

    @Test
    void sectionsAreTheTypedSectionsInDocumentOrder() {
        Envelope env = Xml.read(Xml.envelope(APPLIANCE));

        assertThat(env.sections()).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("DiskSection", "NetworkSection", "DeploymentOptionSection");
    }

    @Test
    void unknownSectionStaysAnElementInItsPlace() {
        Envelope env = Xml.read(Xml.envelope(APPLIANCE));

        assertThat(env.unknownElements()).singleElement()
                .satisfies(e -> assertThat(e.getLocalName()).isEqualTo("IpAssignmentSection"))
                .satisfies(e -> assertThat(e.getNamespaceURI()).isEqualTo(Namespaces.VMW));
        assertThat(env.children().get(2)).isInstanceOf(Element.class);
    }

    @Test
    void marshallingKeepsTheOrderOfKnownAndUnknownChildren() {
        Document source = Xml.envelope(APPLIANCE);
        Document out = Xml.write(Xml.read(source));

        assertThat(childNames(out.getDocumentElement()))
                .containsExactlyElementsOf(childNames(source.getDocumentElement()))
                .containsExactly(ovf("References"), ovf("DiskSection"), qn(Namespaces.VMW, "IpAssignmentSection"),
                        ovf("NetworkSection"), ovf("DeploymentOptionSection"), ovf("VirtualSystem"),
                        ovf("Strings"), ovf("Strings"));
    }

    @Test
    void unknownElementKeepsItsAttributesAndContent() {
        Document out = Xml.write(Xml.read(Xml.envelope(APPLIANCE)));

        Element ip = Xml.child(out.getDocumentElement(), "IpAssignmentSection");
        assertThat(ip.getAttributeNS(Namespaces.VMW, "protocols")).isEqualTo("IPv4");
        assertThat(ip.getAttributeNS(Namespaces.OVF, "required")).isEqualTo("false");
        assertThat(childNames(ip)).containsExactly(ovf("Info"));
    }

    @Test
    void envelopeAttributesAreKept() {
        Envelope env = Xml.read(Xml.parse("<Envelope " + Xml.DECLS
                + " xml:lang=\"en-US\" ovf:version=\"2.0\" vmw:buildId=\"build-42\"><References/></Envelope>"));

        assertThat(env.getLang()).isEqualTo("en-US");
        assertThat(env.getVersion()).isEqualTo("2.0");
        assertThat(env.getOtherAttributes()).containsEntry(new QName(Namespaces.VMW, "buildId"), "build-42");

        Element root = Xml.write(env).getDocumentElement();
        assertThat(root.getAttributeNS(XMLConstants.XML_NS_URI, "lang")).isEqualTo("en-US");
        assertThat(root.getAttributeNS(Namespaces.OVF, "version")).isEqualTo("2.0");
        assertThat(root.getAttributeNS(Namespaces.VMW, "buildId")).isEqualTo("build-42");
    }

    @Test
    void absentAttributesStayAbsent() {
        Element root = Xml.write(Xml.read(Xml.envelope("<References><File ovf:id=\"f\" ovf:href=\"a\"/></References>")))
                .getDocumentElement();

        assertThat(root.hasAttributeNS(XMLConstants.XML_NS_URI, "lang")).isFalse();
        Element file = Xml.child(Xml.child(root, "References"), "File");
        assertThat(file.getAttributes().getLength()).isEqualTo(2);
    }

    @Test
    void referencesKeepFilesAndForeignElementsInOrder() {
        Document source = Xml.envelope("""
                <References>
                  <File ovf:id="f1" ovf:href="a.vmdk" ovf:size="10" ovf:compression="gzip" ovf:chunkSize="4" acme:x="1"/>
                  <acme:Mirror url="http://example.com"/>
                  <File ovf:id="f2" ovf:href="b.iso"/>
                </References>""");
        Envelope env = Xml.read(source);

        References refs = env.references().orElseThrow();
        assertThat(refs.files()).extracting(FileReference::getId).containsExactly("f1", "f2");
        FileReference f1 = refs.file("f1").orElseThrow();
        assertThat(f1.getHref()).isEqualTo("a.vmdk");
        assertThat(f1.getSize()).isEqualTo(10L);
        assertThat(f1.getCompression()).isEqualTo("gzip");
        assertThat(f1.getChunkSize()).isEqualTo(4L);
        assertThat(f1.getOtherAttributes()).containsEntry(new QName("urn:acme", "x"), "1");
        assertThat(refs.file("f2").orElseThrow().getSize()).isNull();
        assertThat(refs.unknownElements()).hasSize(1);

        Element out = Xml.child(Xml.write(env).getDocumentElement(), "References");
        assertThat(childNames(out)).containsExactly(ovf("File"), qn("urn:acme", "Mirror"), ovf("File"));
    }

    @Test
    void accessorsDoNotCreateMissingChildren() {
        Envelope env = new Envelope();

        assertThat(env.references()).isEmpty();
        assertThat(env.diskSection()).isEmpty();
        assertThat(env.content()).isEmpty();
        assertThat(env.virtualSystems()).isEmpty();
        assertThat(env.children()).isEmpty();
    }

    @Test
    void modelBuiltInCodeMarshalsInListOrder() {
        Envelope env = new Envelope();
        References refs = new References();
        refs.children().add(new FileReference("f1", "disk.vmdk"));
        env.children().add(refs);
        DiskSection disks = new DiskSection();
        disks.setInfo(new Msg("Virtual disks"));
        env.children().add(disks);
        VirtualSystem vm = new VirtualSystem();
        vm.setId("vm");
        vm.setInfo(new Msg("A VM"));
        env.children().add(vm);

        Element root = Xml.write(env).getDocumentElement();
        assertThat(Xml.name(root)).isEqualTo(ovf("Envelope"));
        assertThat(childNames(root)).containsExactly(ovf("References"), ovf("DiskSection"), ovf("VirtualSystem"));
        assertThat(Xml.child(root, "VirtualSystem").getAttributeNS(Namespaces.OVF, "id")).isEqualTo("vm");
    }
}
