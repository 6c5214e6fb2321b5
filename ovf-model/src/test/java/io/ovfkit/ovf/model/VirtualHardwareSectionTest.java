package io.ovfkit.ovf.model;

import static io.ovfkit.ovf.model.Xml.childNames;
import static io.ovfkit.ovf.model.Xml.ovf;
import static io.ovfkit.ovf.model.Xml.qn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class VirtualHardwareSectionTest {
    private static final String HARDWARE = """
            <VirtualHardwareSection ovf:id="hw1" ovf:transport="iso com.vmware.guestInfo">
              <Info>Virtual hardware requirements</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:Notes>first</vssd:Notes>
                <vssd:Notes>second</vssd:Notes>
                <vssd:VirtualSystemIdentifier>vm</vssd:VirtualSystemIdentifier>
                <vssd:VirtualSystemType>vmx-13 vmx-14</vssd:VirtualSystemType>
              </System>
              <Item ovf:configuration="small">
                <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
                <rasd:Description>Number of Virtual CPUs</rasd:Description>
                <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>2</rasd:VirtualQuantity>
                <vmw:CoresPerSocket ovf:required="false">2</vmw:CoresPerSocket>
              </Item>
              <Item ovf:required="false" ovf:bound="max" acme:flag="y">
                <rasd:AddressOnParent>7</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Connection>VM Network</rasd:Connection>
                <rasd:Connection>Backup</rasd:Connection>
                <rasd:ElementName>Network adapter 1</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
                <rasd:ResourceType>10</rasd:ResourceType>
                <vmw:Config ovf:required="false" vmw:key="wakeOnLanEnabled" vmw:value="true"/>
                <acme:Tuning level="3"/>
                <vmw:Config ovf:required="false" vmw:key="slotInfo.pciSlotNumber" vmw:value="160"/>
              </Item>
              <EthernetPortItem>
                <epasd:Connection>NAT</epasd:Connection>
                <epasd:InstanceID>10</epasd:InstanceID>
                <epasd:PortVID>42</epasd:PortVID>
                <epasd:ResourceType>10</epasd:ResourceType>
              </EthernetPortItem>
              <StorageItem>
                <sasd:Access>3</sasd:Access>
                <sasd:HostResource>ovf:/disk/vmdisk1</sasd:HostResource>
                <sasd:InstanceID>8</sasd:InstanceID>
                <sasd:Parent>5</sasd:Parent>
                <sasd:ResourceType>17</sasd:ResourceType>
              </StorageItem>
              <vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>
              <vmw:ExtraConfig ovf:required="false" vmw:key="svga.present" vmw:value="TRUE"/>
              <acme:Hint/>
              <vmw:Config ovf:required="false" vmw:key="tools.syncTimeWithHost" vmw:value="false"/>
            </VirtualHardwareSection>
            """;

    private static VirtualHardwareSection hardware() {
        return Xml.read(Xml.virtualSystem(HARDWARE)).virtualSystems().get(0)
                .section(VirtualHardwareSection.class).orElseThrow();
    }

    private static Element marshalledHardware() {
        Envelope env = Xml.read(Xml.virtualSystem(HARDWARE));
        return Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem"), "VirtualHardwareSection");
    }

    @Test
    void sectionAttributesAndSystemAreTyped() {
        VirtualHardwareSection hw = hardware();

        assertThat(hw.getId()).isEqualTo("hw1");
        assertThat(hw.getTransport()).isEqualTo("iso com.vmware.guestInfo");
        assertThat(hw.transports()).containsExactly("iso", "com.vmware.guestInfo");
        VirtualSystemSettingData system = hw.getSystem();
        assertThat(system.getElementName()).isEqualTo("Virtual Hardware Family");
        assertThat(system.getInstanceId()).isEqualTo("0");
        assertThat(system.getNotes()).containsExactly("first", "second");
        assertThat(system.getVirtualSystemIdentifier()).isEqualTo("vm");
        assertThat(system.getVirtualSystemType()).isEqualTo("vmx-13 vmx-14");
        assertThat(system.getCaption()).isNull();
    }

    @Test
    void transportsAcceptCommasAndAreEmptyWhenAbsent() {
        VirtualHardwareSection hw = new VirtualHardwareSection();
        assertThat(hw.transports()).isEmpty();
        hw.setTransport("iso,com.vmware.guestInfo");
        assertThat(hw.transports()).containsExactly("iso", "com.vmware.guestInfo");
    }

    @Test
    void rasdItemsAreTyped() {
        List<ResourceAllocationSettingData> items = hardware().getItems();

        ResourceAllocationSettingData cpu = items.get(0);
        assertThat(cpu.kind()).isEqualTo(DeviceItem.Kind.ITEM);
        assertThat(cpu.getInstanceId()).isEqualTo("1");
        assertThat(cpu.getResourceType()).isEqualTo("3");
        assertThat(cpu.getVirtualQuantity()).isEqualTo("2");
        assertThat(cpu.getAllocationUnits()).isEqualTo("hertz * 10^6");
        assertThat(cpu.getConfiguration()).isEqualTo("small");
        assertThat(cpu.getRequired()).isNull();
        assertThat(cpu.isRequired()).isTrue();
        assertThat(cpu.getExtensions()).singleElement().isInstanceOfSatisfying(VmwCoresPerSocket.class, c -> {
            assertThat(c.getValue()).isEqualTo("2");
            assertThat(c.getRequired()).isFalse();
        });

        ResourceAllocationSettingData nic = items.get(1);
        assertThat(nic.isRequired()).isFalse();
        assertThat(nic.getBound()).isEqualTo("max");
        assertThat(nic.getOtherAttributes()).containsEntry(new QName("urn:acme", "flag"), "y");
        assertThat(nic.getConnections()).containsExactly("VM Network", "Backup");
        assertThat(nic.getResourceSubType()).isEqualTo("VmxNet3");
        assertThat(nic.vmwConfigs()).extracting(VmwConfig::getKey)
                .containsExactly("wakeOnLanEnabled", "slotInfo.pciSlotNumber");
        assertThat(nic.unknownElements()).extracting(Element::getLocalName).containsExactly("Tuning");
    }

    @Test
    void storageAndEthernetPortItemsAreTyped() {
        VirtualHardwareSection hw = hardware();

        EthernetPortAllocationSettingData port = hw.getEthernetPortItems().get(0);
        assertThat(port.kind()).isEqualTo(DeviceItem.Kind.ETHERNET_PORT_ITEM);
        assertThat(port.getConnections()).containsExactly("NAT");
        assertThat(port.getPortVid()).isEqualTo("42");
        StorageAllocationSettingData disk = hw.getStorageItems().get(0);
        assertThat(disk.kind()).isEqualTo(DeviceItem.Kind.STORAGE_ITEM);
        assertThat(disk.getAccess()).isEqualTo("3");
        assertThat(disk.getHostResources()).containsExactly("ovf:/disk/vmdisk1");
        assertThat(disk.getParent()).isEqualTo("5");
    }

    @Test
    void devicesListsItemsThenEthernetPortItemsThenStorageItems() {
        assertThat(hardware().devices()).extracting(DeviceItem::getInstanceId).containsExactly("1", "2", "10", "8");
    }

    @Test
    void vmwareExtensionsAreTypedAndKeepTheirOrder() {
        VirtualHardwareSection hw = hardware();

        assertThat(hw.vmwConfigs()).extracting(VmwConfig::getKey).containsExactly("firmware", "tools.syncTimeWithHost");
        assertThat(hw.vmwConfigs().get(0).getValue()).isEqualTo("efi");
        assertThat(hw.vmwConfigs().get(0).isRequired()).isFalse();
        assertThat(hw.vmwExtraConfigs()).extracting(VmwKeyValue::getKey).containsExactly("svga.present");
        assertThat(hw.unknownElements()).extracting(Element::getLocalName).containsExactly("Hint");
        assertThat(hw.getExtensions()).extracting(o -> o instanceof Element ? "Element" : o.getClass().getSimpleName())
                .containsExactly("VmwConfig", "VmwExtraConfig", "Element", "VmwConfig");
    }

    @Test
    void marshallingWritesTheSectionInSchemaOrder() {
        assertThat(childNames(marshalledHardware())).containsExactly(ovf("Info"), ovf("System"), ovf("Item"),
                ovf("Item"), ovf("EthernetPortItem"), ovf("StorageItem"), qn(Namespaces.VMW, "Config"),
                qn(Namespaces.VMW, "ExtraConfig"), qn("urn:acme", "Hint"), qn(Namespaces.VMW, "Config"));
    }

    @Test
    void marshallingKeepsItemChildrenAndExtensionsInOrder() {
        Element nic = Xml.children(marshalledHardware()).get(3);

        assertThat(childNames(nic)).containsExactly(qn(Namespaces.RASD, "AddressOnParent"),
                qn(Namespaces.RASD, "AutomaticAllocation"), qn(Namespaces.RASD, "Connection"),
                qn(Namespaces.RASD, "Connection"), qn(Namespaces.RASD, "ElementName"),
                qn(Namespaces.RASD, "InstanceID"), qn(Namespaces.RASD, "ResourceSubType"),
                qn(Namespaces.RASD, "ResourceType"), qn(Namespaces.VMW, "Config"), qn("urn:acme", "Tuning"),
                qn(Namespaces.VMW, "Config"));
        assertThat(nic.getAttributeNS(Namespaces.OVF, "required")).isEqualTo("false");
        assertThat(nic.getAttributeNS(Namespaces.OVF, "bound")).isEqualTo("max");
        assertThat(nic.hasAttributeNS(Namespaces.OVF, "configuration")).isFalse();
        assertThat(nic.getAttributeNS("urn:acme", "flag")).isEqualTo("y");
        Element config = Xml.child(nic, "Config");
        assertThat(config.getAttributeNS(Namespaces.VMW, "key")).isEqualTo("wakeOnLanEnabled");
        assertThat(config.getAttributeNS(Namespaces.VMW, "value")).isEqualTo("true");
    }

    @Test
    void itemBuiltInCodeMarshalsItsChildrenAlphabetically() {
        ResourceAllocationSettingData mem = new ResourceAllocationSettingData();
        mem.setVirtualQuantity("4096");
        mem.setResourceType("4");
        mem.setInstanceId("2");
        mem.setElementName("4096MB of memory");
        mem.setAllocationUnits("byte * 2^20");
        mem.getExtensions().add(new VmwConfig("reservationLockedToMax", "false"));
        VirtualHardwareSection hw = new VirtualHardwareSection();
        hw.setInfo(new Msg("hw"));
        hw.getItems().add(mem);
        VirtualSystem vm = new VirtualSystem();
        vm.setId("vm");
        vm.setInfo(new Msg("vm"));
        vm.children().add(hw);
        Envelope env = new Envelope();
        env.children().add(new References());
        env.children().add(vm);

        Element item = Xml.child(Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem"),
                "VirtualHardwareSection"), "Item");
        assertThat(childNames(item)).containsExactly(qn(Namespaces.RASD, "AllocationUnits"),
                qn(Namespaces.RASD, "ElementName"), qn(Namespaces.RASD, "InstanceID"),
                qn(Namespaces.RASD, "ResourceType"), qn(Namespaces.RASD, "VirtualQuantity"),
                qn(Namespaces.VMW, "Config"));
        assertThat(item.getAttributes().getLength()).isZero();
    }

    @Test
    void storageAndEthernetChildrenAreWrittenInTheirOwnNamespaces() {
        Element hw = marshalledHardware();

        assertThat(childNames(Xml.child(hw, "EthernetPortItem"))).containsExactly(
                qn(Namespaces.EPASD, "Connection"), qn(Namespaces.EPASD, "InstanceID"),
                qn(Namespaces.EPASD, "PortVID"), qn(Namespaces.EPASD, "ResourceType"));
        assertThat(childNames(Xml.child(hw, "StorageItem"))).containsExactly(
                qn(Namespaces.SASD, "Access"), qn(Namespaces.SASD, "HostResource"),
                qn(Namespaces.SASD, "InstanceID"), qn(Namespaces.SASD, "Parent"),
                qn(Namespaces.SASD, "ResourceType"));
        assertThat(childNames(Xml.child(hw, "System"))).containsExactly(
                qn(Namespaces.VSSD, "ElementName"), qn(Namespaces.VSSD, "InstanceID"),
                qn(Namespaces.VSSD, "Notes"), qn(Namespaces.VSSD, "Notes"),
                qn(Namespaces.VSSD, "VirtualSystemIdentifier"), qn(Namespaces.VSSD, "VirtualSystemType"));
    }

    @Test
    void resourceAllocationSectionHoldsAllThreeItemKinds() {
        Envelope env = Xml.read(Xml.envelope("""
                <References/>
                <VirtualSystemCollection ovf:id="c"><Info>c</Info>
                  <ResourceAllocationSection ovf:configuration="big" ovf:bound="min"><Info>r</Info>
                    <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:Reservation>1000</rasd:Reservation></Item>
                    <EthernetPortItem><epasd:InstanceID>2</epasd:InstanceID></EthernetPortItem>
                    <StorageItem><sasd:InstanceID>3</sasd:InstanceID></StorageItem>
                    <acme:Extra/>
                  </ResourceAllocationSection>
                </VirtualSystemCollection>"""));

        ResourceAllocationSection ras = env.content().orElseThrow().section(ResourceAllocationSection.class).orElseThrow();
        assertThat(ras.getConfiguration()).isEqualTo("big");
        assertThat(ras.getBound()).isEqualTo("min");
        assertThat(ras.devices()).extracting(DeviceItem::kind).containsExactly(DeviceItem.Kind.ITEM,
                DeviceItem.Kind.ETHERNET_PORT_ITEM, DeviceItem.Kind.STORAGE_ITEM);
        assertThat(ras.getItems().get(0).getReservation()).isEqualTo("1000");
        assertThat(ras.getAny()).hasSize(1);
    }
}
