package io.ovfkit.ovf.fuzz;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.env.EthernetAdapter;
import io.ovfkit.ovf.env.Entity;
import io.ovfkit.ovf.env.OvfEnvironment;
import io.ovfkit.ovf.env.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpora of this module's fuzz tests into {@code src/test/resources} from what the
 * project itself writes. Runs only on request, when the seeds are to be made anew:
 * {@code mvn -pl ovf-model test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true}.
 */
@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
class FuzzSeedWriterTest {
    static final Path RESOURCES = Path.of("src/test/resources/io/ovfkit/ovf/fuzz");

    @Test
    void writeDescriptorSeeds() throws IOException {
        Path dir = inputs("DescriptorFuzzTest", "readDescriptor");
        byte[] hello = Files.readAllBytes(Path.of("../samples/descriptors/hello-appliance.ovf"));
        Files.write(dir.resolve("seed-hello-1.0.ovf"), hello);
        OvfDescriptor d = Ovf.read(hello, "hello");
        Files.write(dir.resolve("seed-hello-as-2.0.ovf"), d.convert(OvfVersion.V2_0, true).toBytes());
        Files.writeString(dir.resolve("seed-0.9-minimal.ovf"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Envelope xmlns="http://www.vmware.com/schema/ovf/1/envelope" \
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ovf:version="0.9" \
                xmlns:ovf="http://www.vmware.com/schema/ovf/1/envelope">
                  <References><File ovf:id="f1" ovf:href="d.vmdk" ovf:size="512"/></References>
                  <Section xsi:type="ovf:DiskSection_Type"><Info>d</Info>
                    <Disk ovf:diskId="d1" ovf:fileRef="f1" ovf:capacity="1073741824"/></Section>
                  <Content xsi:type="ovf:VirtualSystem_Type" ovf:id="vm"><Info>vm</Info>
                    <Section xsi:type="ovf:VirtualHardwareSection_Type"><Info>hw</Info>
                      <Item><rasd:InstanceId>1</rasd:InstanceId><rasd:ResourceType>3</rasd:ResourceType>
                        <rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
                    </Section>
                  </Content>
                </Envelope>
                """, StandardCharsets.UTF_8);
    }

    @Test
    void writeEnvironmentSeeds() throws IOException {
        Path dir = inputs("EnvironmentFuzzTest", "parseEnvironment");
        OvfEnvironment full = OvfEnvironment.builder("web-1")
                .platform(new Platform("VMware ESXi", "8.0.3", "VMware, Inc.", "de_DE", -300))
                .property("hostname", "r1")
                .property("motd", "<Hello & \"welcome\"> ]]> done")
                .property("multi", "line1\nline2\tend\r")
                .property("unicode", "Grüße, 日本語")
                .property("empty", "")
                .entity("db-1", Map.of("db.port", "5432"))
                .entity(Entity.of("cache-1"))
                .vCenterId("vm-123")
                .esxId("42")
                .ethernetAdapter("00:50:56:a6:9c:1b", "VM Network", 7)
                .ethernetAdapter(new EthernetAdapter("00:50:56:a6:9c:1d", null, null))
                .build();
        Files.write(dir.resolve("seed-full.xml"), full.toXml());
        Files.write(dir.resolve("seed-minimal.xml"), OvfEnvironment.builder("vm").property("a", "b").build().toXml());
    }

    static Path inputs(String testClass, String method) throws IOException {
        return Files.createDirectories(RESOURCES.resolve(testClass + "Inputs").resolve(method));
    }
}
