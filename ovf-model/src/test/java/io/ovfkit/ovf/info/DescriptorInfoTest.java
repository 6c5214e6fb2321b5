package io.ovfkit.ovf.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.info.DescriptorInfo.DeploymentOptionInfo;
import io.ovfkit.ovf.info.DescriptorInfo.DiskInfo;
import io.ovfkit.ovf.info.DescriptorInfo.FileInfo;
import io.ovfkit.ovf.info.DescriptorInfo.NetworkInfo;
import io.ovfkit.ovf.info.DescriptorInfo.PropertyInfo;
import io.ovfkit.ovf.info.DescriptorInfo.SystemInfo;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescriptorInfoTest {
    private static final String DECLS = "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\""
            + " xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\""
            + " xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\""
            + " xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\""
            + " xmlns:vmw=\"http://www.vmware.com/schema/ovf\"";

    /** An OVF 1.0 envelope: package sections, then one VirtualSystem holding {@code system}. */
    private static DescriptorInfo info(String packageSections, String system) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Envelope " + DECLS + ">\n"
                + "<References/>\n" + packageSections
                + "<VirtualSystem ovf:id=\"vm\"><Info>A VM</Info>" + system + "</VirtualSystem>\n</Envelope>\n";
        OvfDescriptor d = Ovf.read(xml.getBytes(StandardCharsets.UTF_8), "test.ovf");
        return DescriptorInfo.of(d);
    }

    private static String hardware(String items) {
        return "<VirtualHardwareSection><Info>hw</Info><System><vssd:InstanceID>0</vssd:InstanceID>"
                + "<vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType></System>" + items
                + "</VirtualHardwareSection>";
    }

    private static String item(String attrs, int instanceId, int resourceType, String quantity, String units) {
        return "<Item" + attrs + ">"
                + (units == null ? "" : "<rasd:AllocationUnits>" + units + "</rasd:AllocationUnits>")
                + "<rasd:ElementName>x</rasd:ElementName>"
                + "<rasd:InstanceID>" + instanceId + "</rasd:InstanceID>"
                + "<rasd:ResourceType>" + resourceType + "</rasd:ResourceType>"
                + (quantity == null ? "" : "<rasd:VirtualQuantity>" + quantity + "</rasd:VirtualQuantity>")
                + "</Item>";
    }

    private static final String OPTIONS = "<DeploymentOptionSection><Info>sizes</Info>"
            + "<Configuration ovf:id=\"small\"><Label>Small</Label><Description>s</Description></Configuration>"
            + "<Configuration ovf:id=\"large\" ovf:default=\"true\"><Label>Large</Label><Description>l</Description></Configuration>"
            + "</DeploymentOptionSection>";

    @Test
    void reportsTheVersionTheDescriptorWasWrittenIn() {
        assertThat(info("", "").ovfVersion()).isEqualTo("1.0");
    }

    @Test
    void countsProcessorsRegardlessOfAllocationUnits() {
        SystemInfo vs = info("", hardware(item("", 1, 3, "2", "hertz * 10^6"))).virtualSystems().get(0);
        assertThat(vs.cpus()).isEqualTo(2);
    }

    @Test
    void multipliesMemoryByItsAllocationUnits() {
        SystemInfo vs = info("", hardware(item("", 2, 4, "2", "byte * 2^30"))).virtualSystems().get(0);
        assertThat(vs.memoryBytes()).isEqualTo(2L << 30);
    }

    @Test
    void readsMemoryWithoutUnitsAsMebibytes() {
        SystemInfo vs = info("", hardware(item("", 2, 4, "512", null))).virtualSystems().get(0);
        assertThat(vs.memoryBytes()).isEqualTo(512L << 20);
    }

    @Test
    void readsVirtualBoxMegaBytesMemory() {
        SystemInfo vs = info("", hardware(item("", 2, 4, "2048", "MegaBytes"))).virtualSystems().get(0);
        assertThat(vs.memoryBytes()).isEqualTo(2048L << 20);
    }

    @Test
    void leavesMemoryUnknownWhenTheUnitsAreNotByteBased() {
        SystemInfo vs = info("", hardware(item("", 2, 4, "512", "hertz"))).virtualSystems().get(0);
        assertThat(vs.memoryBytes()).isNull();
    }

    @Test
    void leavesCpusAndMemoryUnknownWithoutItems() {
        SystemInfo vs = info("", hardware("")).virtualSystems().get(0);
        assertThat(vs.cpus()).isNull();
        assertThat(vs.memoryBytes()).isNull();
    }

    @Test
    void takesTheHardwareOfTheDefaultDeploymentOption() {
        String items = item(" ovf:configuration=\"small\"", 1, 3, "1", null)
                + item(" ovf:configuration=\"large\"", 1, 3, "8", null)
                + item(" ovf:configuration=\"small\"", 2, 4, "1024", "byte * 2^20")
                + item(" ovf:configuration=\"large\"", 2, 4, "16384", "byte * 2^20");
        SystemInfo vs = info(OPTIONS, hardware(items)).virtualSystems().get(0);
        assertThat(vs.cpus()).isEqualTo(8);
        assertThat(vs.memoryBytes()).isEqualTo(16L << 30);
    }

    @Test
    void letsAConfigurationSpecificItemReplaceTheUnconditionalOne() {
        String items = item("", 1, 3, "1", null)
                + item(" ovf:configuration=\"small large\"", 1, 3, "4", null);
        assertThat(info(OPTIONS, hardware(items)).virtualSystems().get(0).cpus()).isEqualTo(4);
    }

    @Test
    void keepsTheUnconditionalItemWhenTheOverrideIsForAnotherOption() {
        String items = item("", 2, 4, "4096", null)
                + item(" ovf:configuration=\"small\"", 2, 4, "8192", null);
        assertThat(info(OPTIONS, hardware(items)).virtualSystems().get(0).memoryBytes()).isEqualTo(4096L << 20);
    }

    @Test
    void takesTheFirstOptionAsDefaultWhenNoneIsMarked() {
        String options = OPTIONS.replace(" ovf:default=\"true\"", "");
        String items = item(" ovf:configuration=\"small\"", 1, 3, "1", null)
                + item(" ovf:configuration=\"large\"", 1, 3, "8", null);
        DescriptorInfo info = info(options, hardware(items));
        assertThat(info.virtualSystems().get(0).cpus()).isEqualTo(1);
        assertThat(info.deploymentOptions()).extracting(DeploymentOptionInfo::defaultOption).containsExactly(true, false);
    }

    @Test
    void ignoresTheMinimumAndMaximumOfARange() {
        String items = item(" ovf:bound=\"min\"", 2, 4, "512", null)
                + item(" ovf:bound=\"normal\"", 2, 4, "1024", null)
                + item(" ovf:bound=\"max\"", 2, 4, "4096", null);
        assertThat(info("", hardware(items)).virtualSystems().get(0).memoryBytes()).isEqualTo(1024L << 20);
    }

    @Test
    void prefersTheVmwareGuestIdForTheOsType() {
        SystemInfo vs = info("", "<OperatingSystemSection ovf:id=\"94\" vmw:osType=\"ubuntu64Guest\">"
                + "<Info>os</Info></OperatingSystemSection>").virtualSystems().get(0);
        assertThat(vs.osType()).isEqualTo("ubuntu64Guest");
        assertThat(vs.osTypeId()).isEqualTo(94);
    }

    @Test
    void namesTheCimOsTypeWithoutAVmwareGuestId() {
        SystemInfo vs = info("", "<OperatingSystemSection ovf:id=\"94\"><Info>os</Info></OperatingSystemSection>")
                .virtualSystems().get(0);
        assertThat(vs.osType()).isEqualTo("Ubuntu 64-Bit");
    }

    @Test
    void reportsIdNameAndVirtualSystemTypeAsWritten() {
        SystemInfo vs = info("", "<Name>web</Name>" + hardware("")).virtualSystems().get(0);
        assertThat(vs.id()).isEqualTo("vm");
        assertThat(vs.name()).isEqualTo("web");
        assertThat(vs.virtualSystemType()).isEqualTo("vmx-13");
    }

    @Test
    void listsTheSystemsOfNestedCollectionsDepthFirst() {
        String xml = "<Envelope " + DECLS + "><References/>"
                + "<VirtualSystemCollection ovf:id=\"top\"><Info>c</Info>"
                + "<VirtualSystem ovf:id=\"a\"><Info>a</Info></VirtualSystem>"
                + "<VirtualSystemCollection ovf:id=\"inner\"><Info>i</Info>"
                + "<VirtualSystem ovf:id=\"b\"><Info>b</Info></VirtualSystem></VirtualSystemCollection>"
                + "<VirtualSystem ovf:id=\"c\"><Info>c</Info></VirtualSystem>"
                + "</VirtualSystemCollection></Envelope>";
        DescriptorInfo info = DescriptorInfo.of(Ovf.read(xml.getBytes(StandardCharsets.UTF_8), "c.ovf"));
        assertThat(info.virtualSystems()).extracting(SystemInfo::id).containsExactly("a", "b", "c");
    }

    @Test
    void listsFilesWithNullForAbsentAttributes() {
        String xml = "<Envelope " + DECLS + "><References>"
                + "<File ovf:id=\"f1\" ovf:href=\"disk.vmdk\" ovf:size=\"1024\"/>"
                + "<File ovf:id=\"f2\" ovf:href=\"big.vmdk.gz\" ovf:compression=\"gzip\" ovf:chunkSize=\"4096\"/>"
                + "</References><VirtualSystem ovf:id=\"vm\"><Info>vm</Info></VirtualSystem></Envelope>";
        DescriptorInfo info = DescriptorInfo.of(Ovf.read(xml.getBytes(StandardCharsets.UTF_8), "f.ovf"));
        assertThat(info.files()).containsExactly(
                new FileInfo("f1", "disk.vmdk", 1024L, null, null),
                new FileInfo("f2", "big.vmdk.gz", null, "gzip", 4096L));
    }

    @Test
    void computesDiskCapacityInBytes() {
        DiskInfo disk = info("<DiskSection><Info>d</Info><Disk ovf:diskId=\"d1\" ovf:capacity=\"8\""
                + " ovf:capacityAllocationUnits=\"byte * 2^30\" ovf:populatedSize=\"100\""
                + " ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>"
                + "</DiskSection>", "").disks().get(0);
        assertThat(disk).isEqualTo(new DiskInfo("d1", null, "8", 8L << 30,
                "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized",
                "vmdk-streamOptimized", 100L));
    }

    @Test
    void leavesCapacityBytesNullForAPropertyReference() {
        DiskInfo disk = info("<DiskSection><Info>d</Info><Disk ovf:diskId=\"d1\" ovf:capacity=\"${size}\""
                + " ovf:capacityAllocationUnits=\"byte * 2^30\"/></DiskSection>", "").disks().get(0);
        assertThat(disk.capacity()).isEqualTo("${size}");
        assertThat(disk.capacityBytes()).isNull();
        assertThat(disk.populatedSize()).isNull();
    }

    @Test
    void leavesCapacityBytesNullForAMalformedCapacity() {
        DiskInfo disk = info("<DiskSection><Info>d</Info><Disk ovf:diskId=\"d1\" ovf:capacity=\"lots\"/>"
                + "</DiskSection>", "").disks().get(0);
        assertThat(disk.capacityBytes()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized, vmdk-streamOptimized",
        "http://www.vmware.com/interfaces/interfaces/specifications/vmdk.html#streamOptimized, vmdk-streamOptimized",
        "http://www.vmware.com/interfaces/specifications/vmdk.html#monolithicSparse, vmdk-monolithicSparse",
        "http://www.vmware.com/specifications/vmdk.html#sparse, vmdk-sparse",
        "http://www.vmware.com/specifications/vmdk.html#compressed, vmdk-compressed",
        "http://www.vmware.com/interfaces/specifications/vmdk.html#monolithicFlat, vmdk-monolithicFlat",
        "https://www.vmware.com/interfaces/specifications/vmdk.html#STREAMOPTIMIZED, vmdk-streamOptimized",
        "http://go.microsoft.com/fwlink/?LinkId=137171, vhd",
        "http://www.microsoft.com/technet/virtualserver/downloads/vhdspec.mspx, vhd",
        "http://technet.microsoft.com/en-us/library/bb676673.aspx, vhd",
        "http://www.gnome.org/~markmc/qcow-image-format.html, qcow2",
        "http://www.ecma-international.org/publications/standards/Ecma-119.htm, iso",
        "http://www.ecma-international.org/publications/files/ECMA-ST/Ecma-119.pdf, iso",
    })
    void namesKnownDiskFormats(String uri, String name) {
        assertThat(DescriptorInfo.formatName(uri)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({
        "http://www.examplecompany.com/format.html",
        "http://www.vmware.com/interfaces/specifications/vmdk.html",
        "http://www.vmware.com/interfaces/specifications/vmdk.html#twoGbMaxExtentSparse",
        "not a uri",
    })
    void leavesUnknownDiskFormatsUnnamed(String uri) {
        assertThat(DescriptorInfo.formatName(uri)).isNull();
    }

    @Test
    void listsNetworksWithTheirDescriptions() {
        DescriptorInfo info = info("<NetworkSection><Info>n</Info><Network ovf:name=\"VM Network\">"
                + "<Description>lan</Description></Network><Network ovf:name=\"bare\"/></NetworkSection>", "");
        assertThat(info.networks()).containsExactly(new NetworkInfo("VM Network", "lan"), new NetworkInfo("bare", null));
    }

    @Test
    void listsDeploymentOptionsWithTheDefaultMarked() {
        assertThat(info(OPTIONS, "").deploymentOptions()).containsExactly(
                new DeploymentOptionInfo("small", "Small", false),
                new DeploymentOptionInfo("large", "Large", true));
    }

    private static final String PRODUCT = "<ProductSection ovf:class=\"com.acme\" ovf:instance=\"1\">"
            + "<Info>p</Info><Product>Acme</Product>"
            + "<Property ovf:key=\"loose\" ovf:type=\"string\" ovf:value=\"x\"/>"
            + "<Category>Network</Category>"
            + "<Property ovf:key=\"hostname\" ovf:type=\"string\" ovf:userConfigurable=\"true\" ovf:value=\"web\""
            + " ovf:qualifiers=\"MaxLen(63)\"><Label>Host name</Label></Property>"
            + "<Property ovf:key=\"secret\" ovf:type=\"string\" ovf:password=\"true\" ovf:value=\"hunter22\"/>"
            + "<Property ovf:key=\"size\" ovf:type=\"uint32\" ovf:value=\"1\">"
            + "<Value ovf:value=\"4\" ovf:configuration=\"large\"/><Value ovf:value=\"2\" ovf:configuration=\"small\"/>"
            + "</Property>"
            + "</ProductSection>";

    @Test
    void describesPropertiesWithTheirEnvironmentIdAndCategory() {
        PropertyInfo p = info("", PRODUCT).properties().get(1);
        assertThat(p).isEqualTo(new PropertyInfo("hostname", "com.acme.hostname.1", "string", "web", "Host name",
                true, false, "MaxLen(63)", "Network"));
    }

    @Test
    void leavesTheCategoryNullBeforeTheFirstHeading() {
        PropertyInfo p = info("", PRODUCT).properties().get(0);
        assertThat(p.category()).isNull();
        assertThat(p.label()).isNull();
        assertThat(p.userConfigurable()).isFalse();
    }

    @Test
    void neverRevealsAPasswordValue() {
        PropertyInfo p = info("", PRODUCT).properties().get(2);
        assertThat(p.password()).isTrue();
        assertThat(p.value()).isNull();
        assertThat(p.toString()).doesNotContain("hunter22");
    }

    @Test
    void givesThePropertyValueOfTheDefaultDeploymentOption() {
        assertThat(info(OPTIONS, PRODUCT).properties().get(3).value()).isEqualTo("4");
    }

    @Test
    void givesThePlainValueWithoutDeploymentOptions() {
        assertThat(info("", PRODUCT).properties().get(3).value()).isEqualTo("1");
    }

    @Test
    void leavesOutClassAndInstanceWhenAbsentFromThePropertyId() {
        PropertyInfo p = info("", "<ProductSection><Info>p</Info><Property ovf:key=\"k\" ovf:type=\"string\"/>"
                + "</ProductSection>").properties().get(0);
        assertThat(p.id()).isEqualTo("k");
        assertThat(p.value()).isNull();
    }

    @Test
    void carriesTheReadersDiagnostics() {
        String xml = "<Envelope " + DECLS.replace("envelope/1\" ", "envelope/1/\" ")
                + "><References/><VirtualSystem ovf:id=\"vm\"><Info>vm</Info></VirtualSystem></Envelope>";
        OvfDescriptor d = Ovf.read(xml.getBytes(StandardCharsets.UTF_8), "alias.ovf");
        assertThat(d.readDiagnostics()).isNotEmpty();
        assertThat(DescriptorInfo.of(d).diagnostics()).isEqualTo(d.readDiagnostics());
    }

    @Test
    void isImmutable() {
        DescriptorInfo info = info(OPTIONS, PRODUCT);
        assertThatThrownBy(() -> info.properties().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summarizesTheCsr1000vCorpusDescriptor() {
        OvfDescriptor d = Ovf.read(SharedCorpus.file("ovf/cot__csr1000v.ovf"));
        DescriptorInfo info = DescriptorInfo.of(d);
        assertThat(info.ovfVersion()).isEqualTo("1.0");
        SystemInfo vs = info.virtualSystems().get(0);
        assertThat(vs.id()).isEqualTo("com.cisco.csr1000v");
        assertThat(vs.name()).isEqualTo("Cisco CSR 1000V Cloud Services Router");
        assertThat(vs.cpus()).isEqualTo(1);
        assertThat(vs.memoryBytes()).isEqualTo(4096L << 20);
        assertThat(vs.osType()).isEqualTo("other26xLinux64Guest");
        assertThat(vs.osTypeId()).isEqualTo(100);
        assertThat(vs.virtualSystemType()).isEqualTo("vmx-08 vmx-09 vmx-10 vmx-11 Cisco:Internal:VMCloud-01");
        assertThat(info.files()).extracting(FileInfo::id).containsExactly("file1", "csr1000v.iso");
        assertThat(info.disks()).containsExactly(new DiskInfo("vmdisk1", "file1", "1", 1L << 30,
                "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized", "vmdk-streamOptimized",
                293011456L));
        assertThat(info.networks()).extracting(NetworkInfo::name)
                .containsExactly("GigabitEthernet1", "GigabitEthernet2", "GigabitEthernet3");
        assertThat(info.deploymentOptions()).filteredOn(DeploymentOptionInfo::defaultOption)
                .extracting(DeploymentOptionInfo::id).containsExactly("1CPU-4GB");
        PropertyInfo login = info.properties().stream().filter(p -> p.key().equals("login-password")).findFirst()
                .orElseThrow();
        assertThat(login.id()).isEqualTo("com.cisco.csr1000v.login-password.1");
        assertThat(login.category()).isEqualTo("1. Bootstrap Properties");
        assertThat(login.value()).isNull();
        assertThat(info.properties()).filteredOn(PropertyInfo::password).extracting(PropertyInfo::value)
                .containsOnlyNulls();
    }
}
