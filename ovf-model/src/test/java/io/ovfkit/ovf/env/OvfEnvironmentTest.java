package io.ovfkit.ovf.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.schema.SchemaKind;
import io.ovfkit.ovf.schema.SchemaValidator;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvfEnvironmentTest {

    /** An environment using every feature, with values that need escaping. */
    static OvfEnvironment full() {
        Map<String, String> dbProps = new LinkedHashMap<>();
        dbProps.put("db.port", "5432");
        dbProps.put("db.name", "app & <co>");
        return OvfEnvironment.builder("web-1")
                .platform(new Platform("VMware ESXi", "8.0.3", "VMware, Inc.", "de_DE", -300))
                .property("hostname", "r1")
                .property("motd", "<Hello & \"welcome\"> 'friend' ]]> done")
                .property("multi", "line1\nline2\ttabbed\r\nend\r")
                .property("unicode", "Grüße, 日本語, emoji \uD83D\uDE00, ümlaut")
                .property("empty", "")
                .property("spaces", "  leading and trailing  ")
                .property("marker", "\uFDD0n \uFDD0 end\uFDD0")
                .property("z-last", "must stay last, not sorted")
                .entity("db-1", dbProps)
                .entity(Entity.of("cache-1"))
                .vCenterId("vm-123")
                .esxId("42")
                .ethernetAdapter("00:50:56:a6:9c:1b", "VM Network", 7)
                .ethernetAdapter("00:50:56:a6:9c:1c", "Storage \"LAN\"", null)
                .ethernetAdapter(new EthernetAdapter("00:50:56:a6:9c:1d", null, null))
                .build();
    }

    @Test
    void roundTripsThroughXml() {
        OvfEnvironment env = full();
        byte[] xml = env.toXml();
        OvfEnvironment back = OvfEnvironment.parse(xml);
        assertThat(back).isEqualTo(env);
        assertThat(back.hashCode()).isEqualTo(env.hashCode());
        assertThat(back.properties().keySet()).containsExactly("hostname", "motd", "multi", "unicode", "empty",
                "spaces", "marker", "z-last");
        assertThat(back.property("multi")).contains("line1\nline2\ttabbed\r\nend\r");
        assertThat(back.property("unicode")).contains("Grüße, 日本語, emoji \uD83D\uDE00, ümlaut");
        assertThat(back.toXml()).isEqualTo(xml);
    }

    @Test
    void carriageReturnsInPlatformTextSurvive() {
        OvfEnvironment env = OvfEnvironment.builder("vm").platform(new Platform("a\r\nb\rc", "\t1\n", null, "", 0)).build();
        assertThat(OvfEnvironment.parse(env.toXml())).isEqualTo(env);
        assertThat(new String(env.toXml(), StandardCharsets.UTF_8)).contains("<Kind>a&#13;\nb&#13;c</Kind>")
                .contains("<Locale></Locale>");
    }

    @Test
    void outputIsDeterministicAndFormatted() {
        assertThat(full().toXml()).isEqualTo(full().toXml());
        String expected = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" \
                xmlns:oe="http://schemas.dmtf.org/ovf/environment/1" oe:id="vm &amp; &quot;one&quot;">
                  <PlatformSection>
                    <Kind>KVM &lt;test&gt;</Kind>
                    <Timezone>60</Timezone>
                  </PlatformSection>
                  <PropertySection>
                    <Property oe:key="a" oe:value="x&#10;y"/>
                    <Property oe:key="b" oe:value="ä"/>
                  </PropertySection>
                  <Entity oe:id="sibling"/>
                </Environment>
                """;
        OvfEnvironment env = OvfEnvironment.builder("vm & \"one\"")
                .platform(new Platform("KVM <test>", null, null, null, 60))
                .property("a", "x\ny")
                .property("b", "ä")
                .entity(Entity.of("sibling"))
                .build();
        assertThat(new String(env.toXml(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void vmwareExtrasUseTheVeNamespace() {
        String xml = new String(full().toXml(), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Environment ");
        assertThat(xml).contains("xmlns:ve=\"http://www.vmware.com/schema/ovfenv\"")
                .contains("ve:vCenterId=\"vm-123\"")
                .contains("ve:esxId=\"42\"")
                .contains("<ve:Adapter ve:mac=\"00:50:56:a6:9c:1b\" ve:network=\"VM Network\" ve:unitNumber=\"7\"/>")
                .contains("ve:network=\"Storage &quot;LAN&quot;\"");
        // DSP8027 allows foreign elements only after the entities.
        assertThat(xml.indexOf("<ve:EthernetAdapterSection>")).isGreaterThan(xml.lastIndexOf("<Entity "));
        String plain = new String(OvfEnvironment.builder("x").build().toXml(), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("ve:").doesNotContain("PropertySection");
    }

    @Test
    void validatesAgainstDsp8027WithSchemaValidator() {
        SchemaValidator v = SchemaValidator.fromFolder(SharedCorpus.schemas());
        assertThat(v.validate(full().toXml(), "full.xml")).isEmpty();
        assertThat(v.validate(OvfEnvironment.builder("minimal").build().toXml(), "minimal.xml")).isEmpty();
    }

    @Test
    void validatesAgainstDsp8027WithXmllint(@TempDir Path tmp) throws IOException {
        Path schemaSet = SharedCorpus.schemas().resolve(SchemaKind.OVF_ENV.folder());
        Path file = Files.write(tmp.resolve("ovf-env.xml"), full().toXml());
        Oracle.Result r = Xmllint.validate(schemaSet, SchemaKind.OVF_ENV.rootFile(), file);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).contains("validates");
    }

    @Test
    void parsesTheCloudInitExample() throws IOException {
        byte[] xml = Files.readAllBytes(SharedCorpus.file("env/cloudinit__ovf-env.xml"));
        OvfEnvironment env = OvfEnvironment.parse(xml, "cloudinit__ovf-env.xml");
        assertThat(env.id()).isEqualTo("WebTier");
        assertThat(env.platform()).contains(new Platform("ESX Server", "3.0.1", "VMware, Inc.", "en_US", null));
        assertThat(env.properties().keySet()).containsExactly("instance-id", "seedfrom", "public-keys", "hostname",
                "user-data", "password", "network-config");
        assertThat(env.property("instance-id")).contains("i-abcdefg");
        assertThat(env.property("seedfrom")).contains("http://tinyurl.com/sm-");
        assertThat(env.property("hostname")).contains("ubuntuhost");
        assertThat(env.property("password")).contains("passw0rd");
        assertThat(env.property("public-keys").orElseThrow()).startsWith("ssh-rsa AAAAB3NzaC1yc2E").endsWith(" smoser@brickies");
        assertThat(new String(Base64.getDecoder().decode(env.property("user-data").orElseThrow()), StandardCharsets.UTF_8))
                .isEqualTo("#!/bin/sh\necho \"hi world\"\n");
        assertThat(new String(Base64.getDecoder().decode(env.property("network-config").orElseThrow()),
                StandardCharsets.UTF_8)).startsWith("network:\n  version: 2\n");
        assertThat(env.entities()).isEmpty();
        assertThat(env.vCenterId()).isEmpty();
        assertThat(env.ethernetAdapters()).isEmpty();
        // Written back it is still schema-valid and reads back equal.
        assertThat(OvfEnvironment.parse(env.toXml())).isEqualTo(env);
        assertThat(SchemaValidator.fromFolder(SharedCorpus.schemas()).validate(env.toXml(), "rewritten")).isEmpty();
    }

    @Test
    void parsesVmwareStyleDocumentsLeniently() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Environment
                     xmlns="http://schemas.dmtf.org/ovf/environment/1"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xmlns:oe="http://schemas.dmtf.org/ovf/environment/1"
                     xmlns:ve="http://www.vmware.com/schema/ovfenv"
                     oe:id=""
                     ve:vCenterId="vm-2207" ve:esxId="88">
                   <PlatformSection>
                      <Kind>VMware ESXi</Kind>
                      <Version>8.0.3</Version>
                      <Vendor>VMware, Inc.</Vendor>
                      <Locale>en</Locale>
                      <Timezone> 120 </Timezone>
                   </PlatformSection>
                   <PropertySection>
                         <Property oe:key="guestinfo.hostname" oe:value="photon-1"/>
                         <Property key="unqualified" value="ok"/>
                   </PropertySection>
                   <ve:EthernetAdapterSection>
                      <ve:Adapter ve:mac="00:50:56:bd:6e:74" ve:network="VM Network" ve:unitNumber="7"/>
                   </ve:EthernetAdapterSection>
                   <Entity oe:id="sibling"><PropertySection><Property oe:key="k" oe:value="v"/></PropertySection>
                     <UnknownSection/></Entity>
                   <x:Foreign xmlns:x="urn:x"><Property oe:key="ignored" oe:value="ignored"/></x:Foreign>
                </Environment>
                """.replace("oe:id=\"\"", "oe:id=\"photon\"");
        OvfEnvironment env = OvfEnvironment.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(env.id()).isEqualTo("photon");
        assertThat(env.vCenterId()).contains("vm-2207");
        assertThat(env.esxId()).contains("88");
        assertThat(env.platform().orElseThrow().timezone()).isEqualTo(120);
        assertThat(env.platform().orElseThrow().locale()).isEqualTo("en");
        assertThat(env.properties()).containsExactly(Map.entry("guestinfo.hostname", "photon-1"),
                Map.entry("unqualified", "ok"));
        assertThat(env.ethernetAdapters()).containsExactly(new EthernetAdapter("00:50:56:bd:6e:74", "VM Network", 7));
        assertThat(env.entity("sibling").orElseThrow().properties()).containsExactly(Map.entry("k", "v"));
        assertThat(env.entity("nope")).isEmpty();
    }

    @Test
    void malformedInputNamesLineAndColumn() {
        byte[] xml = ("<?xml version=\"1.0\"?>\n<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\" id=\"a\">\n"
                + "  <PropertySection>\n</Environment>\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OvfEnvironment.parse(xml, "bad.xml"))
                .isInstanceOf(OvfException.class)
                .hasMessageStartingWith("bad.xml:4:")
                .hasMessageContaining("not well-formed")
                .satisfies(e -> assertThat(((OvfException) e).line()).isEqualTo(4))
                .satisfies(e -> assertThat(((OvfException) e).column()).isPositive());
        assertThatThrownBy(() -> OvfEnvironment.parse(new byte[0]))
                .isInstanceOf(OvfException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void refusesDoctypeAndEntities() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Environment [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\" xmlns:oe=\"http://schemas.dmtf.org/ovf/environment/1\" oe:id=\"a\">"
                + "<PropertySection><Property oe:key=\"k\" oe:value=\"&xxe;\"/></PropertySection></Environment>";
        assertThatThrownBy(() -> OvfEnvironment.parse(xml.getBytes(StandardCharsets.UTF_8), "xxe.xml"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageStartingWith("xxe.xml:2:")
                .hasMessageContaining("DOCTYPE declarations are refused");
    }

    @Test
    void structuralErrorsNameThePlace() {
        String head = "<Environment xmlns=\"http://schemas.dmtf.org/ovf/environment/1\" xmlns:oe=\"http://schemas.dmtf.org/ovf/environment/1\"";
        assertParseError("<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"/>", 1, "expected {http://schemas.dmtf.org/ovf/environment/1}Environment");
        assertParseError(head + ">\n</Environment>", 1, "no oe:id");
        assertParseError(head + " oe:id=\"a\">\n<PropertySection>\n<Property oe:key=\"k\" oe:value=\"1\"/>\n"
                + "<Property oe:key=\"k\" oe:value=\"2\"/>\n</PropertySection></Environment>", 4, "duplicate property key 'k'");
        assertParseError(head + " oe:id=\"a\">\n<PropertySection>\n<Property oe:value=\"1\"/>\n</PropertySection></Environment>", 3, "no oe:key");
        assertParseError(head + " oe:id=\"a\">\n<PlatformSection>\n<Timezone>UTC</Timezone>\n</PlatformSection></Environment>", 3, "Timezone");
        assertParseError(head + " oe:id=\"a\">\n<Entity/></Environment>", 2, "Entity has no oe:id");
        assertParseError(head + " oe:id=\"a\">\n<Entity oe:id=\"e\"/>\n<Entity oe:id=\"e\"/></Environment>", 3, "duplicate Entity");
    }

    private static void assertParseError(String xml, int line, String text) {
        assertThatThrownBy(() -> OvfEnvironment.parse(xml.getBytes(StandardCharsets.UTF_8), "t.xml"))
                .isInstanceOf(OvfException.class)
                .hasMessageStartingWith("t.xml:" + line + ":")
                .hasMessageContaining(text);
    }

    @Test
    void builderChecksItsInput() {
        assertThatThrownBy(() -> OvfEnvironment.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OvfEnvironment.builder(null)).isInstanceOf(NullPointerException.class);
        OvfEnvironment.Builder b = OvfEnvironment.builder("vm").property("k", "v");
        assertThatThrownBy(() -> b.property("k", "w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate property key 'k'");
        assertThatThrownBy(() -> b.property("bell", "\u0007")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0007");
        assertThatThrownBy(() -> b.property("lone", "\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.property("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.property("n", null)).isInstanceOf(NullPointerException.class);
        b.entity(Entity.of("e"));
        assertThatThrownBy(() -> b.entity("e", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EthernetAdapter("", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Platform("\u0000", null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build().properties()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void isImmutableWithValueSemantics() {
        OvfEnvironment env = full();
        assertThatThrownBy(() -> env.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.entities().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.entities().get(0).properties().clear()).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> source = new LinkedHashMap<>(Map.of("a", "1"));
        Entity e = new Entity("e", source);
        source.put("b", "2");
        assertThat(e.properties()).containsOnlyKeys("a");

        OvfEnvironment changed = env.toBuilder().property("new", "value").build();
        assertThat(changed).isNotEqualTo(env);
        assertThat(changed.properties()).hasSize(env.properties().size() + 1);
        assertThat(env.toBuilder().build()).isEqualTo(env);

        // Property order is part of the value: it decides the bytes written.
        OvfEnvironment ab = OvfEnvironment.builder("vm").property("a", "1").property("b", "2").build();
        OvfEnvironment ba = OvfEnvironment.builder("vm").property("b", "2").property("a", "1").build();
        assertThat(ab).isNotEqualTo(ba);
        assertThat(new Entity("e", ab.properties())).isNotEqualTo(new Entity("e", ba.properties()));
    }

    @Test
    void toStringLeavesValuesOut() {
        OvfEnvironment env = OvfEnvironment.builder("vm").property("password", "s3cret").build();
        assertThat(env.toString()).contains("password").doesNotContain("s3cret");
    }
}
