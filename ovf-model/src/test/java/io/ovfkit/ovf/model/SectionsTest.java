package io.ovfkit.ovf.model;

import static io.ovfkit.ovf.model.Xml.childNames;
import static io.ovfkit.ovf.model.Xml.ovf;
import static io.ovfkit.ovf.model.Xml.qn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The sections other than VirtualHardwareSection and ProductSection, one behaviour each. */
class SectionsTest {
    @Test
    void diskAttributesAreTypedAndCapacityMayBeAPropertyReference() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <DiskSection><Info>disks</Info>
                  <Disk ovf:diskId="d1" ovf:fileRef="f1" ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30"
                        ovf:populatedSize="1234" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
                        vbox:uuid="abc"/>
                  <Disk ovf:diskId="d2" ovf:capacity="${disk_size}" ovf:parentRef="d1"/>
                  <acme:Extra/>
                </DiskSection>"""));

        DiskSection disks = env.diskSection().orElseThrow();
        VirtualDisk d1 = disks.disk("d1").orElseThrow();
        assertThat(d1.getFileRef()).isEqualTo("f1");
        assertThat(d1.getCapacity()).isEqualTo("16");
        assertThat(d1.getCapacityAllocationUnits()).isEqualTo("byte * 2^30");
        assertThat(d1.getPopulatedSize()).isEqualTo(1234L);
        assertThat(d1.getFormat()).endsWith("#streamOptimized");
        assertThat(d1.getOtherAttributes()).containsEntry(new QName(Namespaces.VBOX, "uuid"), "abc");
        VirtualDisk d2 = disks.disk("d2").orElseThrow();
        assertThat(d2.getCapacity()).isEqualTo("${disk_size}");
        assertThat(d2.getParentRef()).isEqualTo("d1");
        assertThat(d2.getFileRef()).isNull();
        assertThat(disks.getAny()).hasSize(1);
    }

    @Test
    void sharedDiskAddsReadOnly() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <SharedDiskSection><Info>shared</Info>
                  <SharedDisk ovf:diskId="s1" ovf:capacity="1073741824" ovf:readOnly="true"/>
                </SharedDiskSection>"""));

        SharedDisk s1 = env.sharedDiskSection().orElseThrow().disk("s1").orElseThrow();
        assertThat(s1.getReadOnly()).isTrue();
        assertThat(s1.getCapacity()).isEqualTo("1073741824");
        Element out = Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "SharedDiskSection"), "SharedDisk");
        assertThat(out.getAttributeNS(Namespaces.OVF, "readOnly")).isEqualTo("true");
    }

    @Test
    void networksHaveNameDescriptionAndPortProfiles() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <NetworkSection><Info>nets</Info>
                  <Network ovf:name="VM Network"><Description>The VM network</Description></Network>
                  <Network ovf:name="Storage">
                    <NetworkPortProfile>
                      <Item><epasd:AllowedToTransmitVLANs>10</epasd:AllowedToTransmitVLANs><epasd:InstanceID>1</epasd:InstanceID></Item>
                    </NetworkPortProfile>
                    <NetworkPortProfileURI>http://example.com/profile</NetworkPortProfileURI>
                  </Network>
                </NetworkSection>"""));

        NetworkSection nets = env.networkSection().orElseThrow();
        assertThat(nets.getNetworks()).extracting(Network::getName).containsExactly("VM Network", "Storage");
        assertThat(nets.network("VM Network").orElseThrow().getDescription().getValue()).isEqualTo("The VM network");
        Network storage = nets.network("Storage").orElseThrow();
        assertThat(storage.getDescription()).isNull();
        assertThat(storage.getPortProfiles().get(0).getItems().get(0).getAllowedToTransmitVlans()).containsExactly("10");
        assertThat(storage.getPortProfileUris()).containsExactly("http://example.com/profile");
    }

    @Test
    void defaultConfigurationIsTheMarkedOneElseTheFirst() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <DeploymentOptionSection><Info>opts</Info>
                  <Configuration ovf:id="small"><Label>Small</Label><Description>2 CPUs</Description></Configuration>
                  <Configuration ovf:id="big" ovf:default="true"><Label>Big</Label><Description>8 CPUs</Description></Configuration>
                </DeploymentOptionSection>"""));

        DeploymentOptionSection options = env.deploymentOptionSection().orElseThrow();
        assertThat(options.defaultConfiguration()).get().extracting(DeploymentOption::getId).isEqualTo("big");
        DeploymentOption small = options.configuration("small").orElseThrow();
        assertThat(small.getLabel().getValue()).isEqualTo("Small");
        assertThat(small.getDescription().getValue()).isEqualTo("2 CPUs");
        assertThat(small.getDefault()).isNull();

        options.getConfigurations().get(1).setDefault(null);
        assertThat(options.defaultConfiguration()).get().extracting(DeploymentOption::getId).isEqualTo("small");
        options.getConfigurations().clear();
        assertThat(options.defaultConfiguration()).isEmpty();
    }

    @Test
    void operatingSystemKeepsVendorTypes() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <OperatingSystemSection ovf:id="94" ovf:version="22.04" vmw:osType="ubuntu64Guest">
                  <Info>os</Info><Description>Ubuntu_64</Description>
                  <vbox:OSType ovf:required="false">Ubuntu_64</vbox:OSType>
                </OperatingSystemSection>"""));

        OperatingSystemSection os = env.virtualSystems().get(0).section(OperatingSystemSection.class).orElseThrow();
        assertThat(os.getId()).isEqualTo(94);
        assertThat(os.getVersion()).isEqualTo("22.04");
        assertThat(os.getVmwOsType()).isEqualTo("ubuntu64Guest");
        assertThat(os.getDescription().getValue()).isEqualTo("Ubuntu_64");
        assertThat(os.getAny()).singleElement().satisfies(e -> assertThat(e.getTextContent()).isEqualTo("Ubuntu_64"));
        Element out = Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem"), "OperatingSystemSection");
        assertThat(childNames(out)).containsExactly(ovf("Info"), ovf("Description"), qn(Namespaces.VBOX, "OSType"));
        assertThat(out.getAttributeNS(Namespaces.VMW, "osType")).isEqualTo("ubuntu64Guest");
    }

    @Test
    void installSectionHasItsBootStopDelay() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <InstallSection ovf:initialBootStopDelay="300"><Info>install</Info></InstallSection>"""));

        assertThat(env.virtualSystems().get(0).section(InstallSection.class).orElseThrow().getInitialBootStopDelay())
                .isEqualTo(300);
    }

    @Test
    void environmentFilesSectionListsFilesAndTransport() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <EnvironmentFilesSection ovf:transport="iso"><Info>env</Info>
                  <File ovf:fileRef="cfg" ovf:path="config/setup.cfg"/>
                </EnvironmentFilesSection>"""));

        EnvironmentFilesSection files = env.virtualSystems().get(0).section(EnvironmentFilesSection.class).orElseThrow();
        assertThat(files.getTransport()).isEqualTo("iso");
        assertThat(files.getFiles()).singleElement().satisfies(f -> {
            assertThat(f.getFileRef()).isEqualTo("cfg");
            assertThat(f.getPath()).isEqualTo("config/setup.cfg");
        });
    }

    @Test
    void bootDeviceSectionKeepsItsCimContentAsElements() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <BootDeviceSection><Info>boot</Info>
                  <bootc:CIM_BootConfigSetting xmlns:bootc="%s" xmlns:boots="%s">
                    <bootc:Caption>Boot order</bootc:Caption>
                    <boots:CIM_BootSourceSetting><boots:StructuredBootString>CIM:Hard-Disk:1</boots:StructuredBootString></boots:CIM_BootSourceSetting>
                  </bootc:CIM_BootConfigSetting>
                </BootDeviceSection>""".formatted(Namespaces.BOOTC, Namespaces.BOOTS)));

        BootDeviceSection boot = env.virtualSystems().get(0).section(BootDeviceSection.class).orElseThrow();
        assertThat(boot.getInfo().getValue()).isEqualTo("boot");
        assertThat(boot.getContent()).singleElement().satisfies(e -> {
            assertThat(e.getNamespaceURI()).isEqualTo(Namespaces.BOOTC);
            assertThat(childNames(e)).containsExactly(qn(Namespaces.BOOTC, "Caption"),
                    qn(Namespaces.BOOTS, "CIM_BootSourceSetting"));
        });
    }

    @Test
    void encryptionSectionIsKeptOpaque() {
        String xenc = "http://www.w3.org/2001/04/xmlenc#";
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <EncryptionSection><Info>keys</Info>
                  <xenc:EncryptedKey xmlns:xenc="%s" Id="k1"><xenc:CipherData/></xenc:EncryptedKey>
                </EncryptionSection>""".formatted(xenc)));

        EncryptionSection enc = env.section(EncryptionSection.class).orElseThrow();
        assertThat(enc.getContent()).singleElement().satisfies(e -> assertThat(e.getAttribute("Id")).isEqualTo("k1"));
        Element out = Xml.child(Xml.write(env).getDocumentElement(), "EncryptionSection");
        assertThat(childNames(out)).containsExactly(ovf("Info"), qn(xenc, "EncryptedKey"));
    }

    @Test
    void scaleOutAndPlacementSectionsAreTyped() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <PlacementGroupSection ovf:id="pg" ovf:policy="availability"><Info>pg</Info><Description>spread</Description></PlacementGroupSection>
                <VirtualSystemCollection ovf:id="c"><Info>c</Info>
                  <ScaleOutSection ovf:id="web"><Info>scale</Info><Description>web tier</Description>
                    <InstanceCount ovf:minimum="1" ovf:maximum="4" ovf:default="2"/>
                    <InstanceCount ovf:default="8" ovf:configuration="big"/>
                  </ScaleOutSection>
                  <PlacementSection ovf:group="pg"><Info>p</Info></PlacementSection>
                  <VirtualSystem ovf:id="web"><Info>web</Info></VirtualSystem>
                </VirtualSystemCollection>"""));

        PlacementGroupSection group = env.section(PlacementGroupSection.class).orElseThrow();
        assertThat(group.getId()).isEqualTo("pg");
        assertThat(group.getPolicy()).isEqualTo("availability");
        assertThat(group.getDescription().getValue()).isEqualTo("spread");
        Content c = env.content().orElseThrow();
        ScaleOutSection scale = c.section(ScaleOutSection.class).orElseThrow();
        assertThat(scale.getId()).isEqualTo("web");
        assertThat(scale.getDescription().getValue()).isEqualTo("web tier");
        InstanceCount count = scale.getInstanceCounts().get(0);
        assertThat(count.getMinimum()).isEqualTo(1L);
        assertThat(count.getMaximum()).isEqualTo(4L);
        assertThat(count.getDefault()).isEqualTo(2L);
        assertThat(scale.getInstanceCounts().get(1).getConfiguration()).isEqualTo("big");
        assertThat(scale.getInstanceCounts().get(1).getMinimum()).isNull();
        assertThat(c.section(PlacementSection.class).orElseThrow().getGroup()).isEqualTo("pg");
    }

    @Test
    void messagesKeepMsgidFileRefAndForeignAttributes() {
        Envelope env = Xml.read(Xml.virtualSystem("""
                <EulaSection><Info ovf:msgid="eula.info">Licence</Info>
                  <License ovf:msgid="eula.text" ovf:fileRef="eulaFile" acme:hint="long">See file</License>
                </EulaSection>"""));

        EulaSection eula = env.virtualSystems().get(0).section(EulaSection.class).orElseThrow();
        assertThat(eula.getInfo().getMsgid()).isEqualTo("eula.info");
        Msg license = eula.getLicense();
        assertThat(license.getValue()).isEqualTo("See file");
        assertThat(license.getMsgid()).isEqualTo("eula.text");
        assertThat(license.getFileRef()).isEqualTo("eulaFile");
        assertThat(license.getOtherAttributes()).containsEntry(new QName("urn:acme", "hint"), "long");
        Element out = Xml.child(Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem"),
                "EulaSection"), "License");
        assertThat(out.getAttributeNS(Namespaces.OVF, "msgid")).isEqualTo("eula.text");
        assertThat(out.getAttributeNS(Namespaces.OVF, "fileRef")).isEqualTo("eulaFile");
        assertThat(out.getAttributeNS("urn:acme", "hint")).isEqualTo("long");
    }

    @Test
    void standaloneStringsDocumentUnmarshals() throws Exception {
        Object bundle = OvfJaxb.context().createUnmarshaller().unmarshal(Xml.parse(
                "<Strings " + Xml.DECLS + " xml:lang=\"fr-FR\"><Msg ovf:msgid=\"a\">Bonjour</Msg></Strings>"));

        assertThat(bundle).isInstanceOfSatisfying(Strings.class, s -> {
            assertThat(s.getLang()).isEqualTo("fr-FR");
            assertThat(s.message("a")).contains("Bonjour");
            assertThat(s.message("b")).isEmpty();
        });
    }
}
