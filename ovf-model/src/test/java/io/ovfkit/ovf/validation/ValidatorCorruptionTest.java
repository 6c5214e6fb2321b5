package io.ovfkit.ovf.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corruption tests from a valid template: the shipped sample descriptor, with one thing broken per
 * case; each gives its rule, at the right line, and nothing else fails.
 */
class ValidatorCorruptionTest {
    private static final Path SAMPLE = Path.of("..", "samples", "descriptors", "hello-appliance.ovf");

    private static String template() throws Exception {
        return Files.readString(SAMPLE, StandardCharsets.UTF_8);
    }

    private static List<Diagnostic> validate(String text, Profile p) {
        OvfDescriptor d = Ovf.read(text.getBytes(StandardCharsets.UTF_8), "case.ovf");
        return Validator.builder().profile(p).build().validate(d);
    }

    @Test
    void template_is_clean_in_the_strict_profile() throws Exception {
        assertThat(validate(template(), Profile.STRICT)).filteredOn(d -> d.severity() != Severity.INFO).isEmpty();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("ovf:fileRef=\"file1\"", "ovf:fileRef=\"file9\"", "OVF_DANGLING_FILE_REF", Severity.ERROR),
                Arguments.of("ovf:/disk/vmdisk1", "ovf:/disk/vmdisk7", "OVF_DANGLING_DISK_REF", Severity.ERROR),
                Arguments.of("<rasd:Parent>3</rasd:Parent>", "<rasd:Parent>33</rasd:Parent>", "OVF_DANGLING_PARENT", Severity.ERROR),
                Arguments.of("<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>Other</rasd:Connection>", "OVF_UNDECLARED_NETWORK", Severity.WARNING),
                Arguments.of("<Item ovf:configuration=\"large\">", "<Item ovf:configuration=\"huge\">", "OVF_UNKNOWN_CONFIGURATION", Severity.ERROR),
                Arguments.of("<rasd:InstanceID>5</rasd:InstanceID>", "<rasd:InstanceID>4</rasd:InstanceID>", "OVF_DUPLICATE_INSTANCE_ID", Severity.ERROR),
                Arguments.of("ovf:id=\"file1\"", "ovf:id=\"file1\"/><File ovf:href=\"b\" ovf:id=\"file1\"", "OVF_DUPLICATE_FILE_ID", Severity.ERROR),
                Arguments.of("ovf:capacity=\"8\"", "ovf:capacity=\"-8\"", "OVF_BAD_CAPACITY", Severity.ERROR),
                Arguments.of("ovf:capacityAllocationUnits=\"byte * 2^30\"", "ovf:capacityAllocationUnits=\"furlongs\"", "OVF_BAD_CAPACITY", Severity.ERROR),
                Arguments.of("ovf:populatedSize=\"0\"", "ovf:populatedSize=\"9999999999999\"", "OVF_POPULATED_SIZE_EXCEEDS_CAPACITY", Severity.ERROR),
                Arguments.of("ovf:size=\"68608\"", "ovf:size=\"68608\" ovf:chunkSize=\"-1\"", "OVF_BAD_CHUNK_SIZE", Severity.ERROR),
                Arguments.of("ovf:size=\"68608\"", "ovf:size=\"lots\"", "OVF_BAD_VALUE", Severity.ERROR),
                Arguments.of("<rasd:ResourceType>17</rasd:ResourceType>", "<rasd:ResourceType>disk</rasd:ResourceType>", "OVF_BAD_RESOURCE_TYPE", Severity.ERROR),
                Arguments.of("ovf:type=\"uint16\" ovf:userConfigurable=\"true\" ovf:value=\"22\"", "ovf:type=\"uint16\" ovf:userConfigurable=\"true\" ovf:value=\"70000\"", "OVF_PROPERTY_VALUE", Severity.ERROR),
                Arguments.of("ovf:value=\"hello\"", "ovf:value=\"" + "h".repeat(70) + "\"", "OVF_PROPERTY_QUALIFIER", Severity.ERROR),
                Arguments.of("ovf:key=\"ip\"", "ovf:key=\"hostname\"", "OVF_DUPLICATE_PROPERTY_KEY", Severity.ERROR),
                Arguments.of("ovf:type=\"uint16\"", "ovf:type=\"UInt16\"", "OVF_PROPERTY_TYPE_SPELLING", Severity.WARNING),
                Arguments.of("<Configuration ovf:id=\"large\">", "<Configuration ovf:default=\"true\" ovf:id=\"large\">", "OVF_MULTIPLE_DEFAULT_CONFIGURATIONS", Severity.ERROR),
                Arguments.of("<AnnotationSection>", "<ovf:FancySection><Info>x</Info></ovf:FancySection><AnnotationSection>", "OVF_UNKNOWN_REQUIRED_SECTION", Severity.ERROR),
                Arguments.of("<AnnotationSection>", "<vmw:FancySection ovf:required=\"false\"><Info>x</Info></vmw:FancySection><AnnotationSection>", "OVF_UNKNOWN_SECTION", Severity.INFO),
                Arguments.of("<VirtualSystem ovf:id=\"hello-appliance\">", "<VirtualSystem>", "OVF_MISSING_ATTRIBUTE", Severity.ERROR),
                Arguments.of("ovf:href=\"hello-appliance-disk1.vmdk\"", "ovf:href=\"../../etc/passwd\"", "OVF_HREF_ESCAPES", Severity.WARNING),
                Arguments.of("<rasd:ElementName>Hard Disk 1</rasd:ElementName>", "", "OVF_MISSING_ELEMENT_NAME", Severity.WARNING),
                Arguments.of("<rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>", "<rasd:HostResource>/disk/vmdisk1</rasd:HostResource>", "OVF_HOST_RESOURCE_FORM", Severity.WARNING),
                Arguments.of("ovf:required=\"false\">\n      <Info>Information about", "ovf:required=\"False\">\n      <Info>Information about", "OVF_BOOLEAN_SPELLING", Severity.WARNING));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("corruptions")
    void each_corruption_gives_its_rule_at_its_line(String find, String replace, String rule, Severity severity) throws Exception {
        String t = template();
        int at = t.indexOf(find);
        assertThat(at).as("template contains %s", find).isNotNegative();
        String broken = t.substring(0, at) + replace + t.substring(at + find.length());
        int line = (int) t.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        List<Diagnostic> findings = validate(broken, Profile.LAX);
        assertThat(findings).filteredOn(d -> d.rule().equals(rule)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.severity()).isEqualTo(severity))
                .anySatisfy(d -> assertThat(Math.abs(d.line() - line)).as("line of %s", d).isLessThanOrEqualTo(8));
        assertThat(findings).filteredOn(d -> d.severity() == Severity.ERROR)
                .allSatisfy(d -> assertThat(d.rule()).isIn(rule, "OVF_BAD_VALUE"));
    }

    @Test
    void strict_profile_raises_warnings_to_errors() throws Exception {
        String broken = template().replace("<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>Other</rasd:Connection>");
        assertThat(validate(broken, Profile.LAX)).noneMatch(d -> d.severity() == Severity.ERROR);
        assertThat(validate(broken, Profile.STRICT)).anyMatch(d -> d.severity() == Severity.ERROR && d.rule().equals("OVF_UNDECLARED_NETWORK"));
    }
}
