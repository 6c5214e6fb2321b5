package io.ovfkit.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading specs built in the test: what is accepted, and every error naming FILE:LINE:COL. */
class ComposeSpecTest {
    static final String MINIMAL = """
            system:
                name: web
                type: vmx-14
                os_vmw: ubuntu64Guest
            networks:
                lan:
                    name: "VM Network"
                    description: the LAN
            hardware:
                cpus: 2
                memory: 2048
                scsi1:
                    type: scsi_controller
                    subtype: lsilogic
                rootdisk:
                    type: hard_disk
                    parent: scsi1
                    disk_image: root.img
                nic1:
                    type: ethernet
                    subtype: E1000
                    network: lan
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void disk() throws IOException {
        Files.write(dir.resolve("root.img"), new byte[1 << 20]);
    }

    private ComposeSpec parse(String yaml, Map<String, String> params) throws ComposeSpecException {
        return ComposeSpec.parse(yaml, "spec.yaml", dir, params);
    }

    private ComposeSpecException error(String yaml) {
        return (ComposeSpecException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(yaml, Map.of()));
    }

    @Test
    void aMinimalSpecReadsWithOvaComposeDefaults() throws IOException {
        ComposeSpec s = parse(MINIMAL, Map.of());
        assertThat(s.name()).isEqualTo("web");
        assertThat(s.items()).extracting(ComposeSpec.Item::id).containsExactly("cpus", "memory", "scsi1", "rootdisk", "nic1");
        assertThat(s.disks()).singleElement().satisfies(d -> {
            assertThat(d.diskId()).isEqualTo("vmdisk0");
            assertThat(d.fileId()).isEqualTo("file0");
            assertThat(d.href()).isEqualTo("root.vmdk");
            assertThat(d.image()).isEqualTo(dir.resolve("root.img"));
            assertThat(d.place()).isEqualTo("spec.yaml:18:21");
        });
        assertThat(s.packaging().ovfVersion()).isEqualTo(OvfVersion.V1_0);
        assertThat(s.packaging().manifest()).isNull();
    }

    @Test
    void paramTakesTheGivenValueElseTheDefaultAndIsTypedAfterwards() throws IOException {
        String yaml = MINIMAL.replace("cpus: 2", "cpus: !param cpus=2").replace("disk_image: root.img", "disk_image: !param disk");
        Files.write(dir.resolve("other.img"), new byte[512]);
        ComposeSpec s = parse(yaml, Map.of("disk", "other.img"));
        assertThat(s.items().get(0).quantity()).isEqualTo(2);
        assertThat(s.disks().get(0).image()).isEqualTo(dir.resolve("other.img"));
        assertThat(s.parameters()).containsExactly("cpus", "disk");
        ComposeSpec t = parse(yaml, Map.of("disk", "root.img", "cpus", "8"));
        assertThat(t.items().get(0).quantity()).isEqualTo(8);
    }

    @Test
    void aParamWithoutValueOrDefaultNamesItsPlaceAndTheOption() {
        String yaml = MINIMAL.replace("disk_image: root.img", "disk_image: !param disk");
        assertThat(error(yaml)).hasMessage("spec.yaml:18:21: parameter 'disk' has no value and no default; give it with"
                + " --param disk=VALUE (or write !param disk=DEFAULT)");
    }

    @Test
    void aParamValueOfTheWrongTypeSaysWhichParameterGaveIt() {
        String yaml = MINIMAL.replace("cpus: 2", "cpus: !param cpus=2");
        assertThatThrownBy(() -> parse(yaml, Map.of("cpus", "many"))).hasMessage(
                "spec.yaml:10:11: hardware.cpus: expected a whole number, found 'many' (from parameter 'cpus')");
    }

    @Test
    void malformedYamlGivesTheParsersPlace() {
        assertThat(error("system:\n  name: [a\nhardware: {}\n").getMessage()).startsWith("spec.yaml:3:").contains("malformed YAML");
    }

    @Test
    void anUnknownTopLevelKeyIsNamedWithTheKeysExpected() {
        ComposeSpecException e = error(MINIMAL + "hardwares: {}\n");
        assertThat(e.line()).isEqualTo(23);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).startsWith("the spec: unknown key 'hardwares'; expected one of annotation, configurations,");
    }

    @Test
    void anUnknownItemTypeListsTheTypes() {
        assertThat(error(MINIMAL.replace("type: scsi_controller", "type: scsi_ctrl"))).hasMessageStartingWith(
                "spec.yaml:13:15: hardware.scsi1.type: unknown type 'scsi_ctrl'; expected one of cpus, memory, scsi_controller");
    }

    @Test
    void aParentThatIsNotAControllerIsRefused() {
        assertThat(error(MINIMAL.replace("parent: scsi1", "parent: nic1"))).hasMessage(
                "spec.yaml:17:17: hardware.rootdisk.parent: 'nic1' is not a controller of hardware; expected one of: scsi1");
    }

    @Test
    void anAdapterOnAnUnknownNetworkIsRefused() {
        assertThat(error(MINIMAL.replace("network: lan", "network: wan"))).hasMessage(
                "spec.yaml:22:18: hardware.nic1.network: 'wan' is not one of networks: lan");
    }

    @Test
    void aMissingDiskImageSaysWhereRelativePathsStart() {
        assertThat(error(MINIMAL.replace("root.img", "gone.img")).getMessage()).startsWith(
                "spec.yaml:18:21: hardware.rootdisk.disk_image: " + dir.resolve("gone.img") + " does not exist");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(error(MINIMAL.replace("cpus: 2", "cpus: 2\n    cpus: 4")).getMessage()).isEqualTo("spec.yaml:11:5: duplicate key 'cpus' (first at line 10)");
    }

    @Test
    void firmwareMustBeBiosOrEfi() {
        assertThat(error(MINIMAL.replace("os_vmw: ubuntu64Guest", "os_vmw: ubuntu64Guest\n    firmware: uefi"))).hasMessage(
                "spec.yaml:5:15: system.firmware: expected bios or efi, found 'uefi'");
    }

    @Test
    void aConfigurationThatDoesNotExistIsRefused() {
        assertThat(error(MINIMAL.replace("memory: 2048", "memory:\n        type: memory\n        size: 1024\n        configuration: big")))
                .hasMessage("spec.yaml:14:24: hardware.memory.configuration: 'big' is not one of configurations: there are none");
    }

    @Test
    void ovfkitsPackageKeysAreRead() throws IOException {
        ComposeSpec s = parse(MINIMAL + """
                package:
                    ovf_version: "2.0"
                    manifest: sha512
                    chunk_size: 64M
                    compression: gzip
                target: vsphere:7.0
                """, Map.of());
        assertThat(s.packaging()).isEqualTo(new ComposeSpec.Packaging(OvfVersion.V2_0, DigestAlgorithm.SHA512, false,
                null, null, 64L << 20, true, "vsphere:7.0"));
    }

    @Test
    void anUnknownTargetIsRefusedWithThePlace() {
        assertThat(error(MINIMAL + "target: nowhere\n").getMessage()).startsWith("spec.yaml:23:9: target: unknown target \"nowhere\"; known: vsphere");
    }

    @Test
    void aDiskCapacityMakesAnEmptyDiskInMegabytes() throws IOException {
        ComposeSpec s = parse(MINIMAL.replace("disk_image: root.img", "disk_capacity: 4096"), Map.of());
        assertThat(s.disks().get(0)).satisfies(d -> {
            assertThat(d.image()).isNull();
            assertThat(d.href()).isNull();
            assertThat(d.emptyCapacity()).isEqualTo(4096);
            assertThat(d.units()).isEqualTo("byte * 2^20");
        });
    }

    @Test
    void aFileThatIsNotYamlTextIsRefused() throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0});
        assertThatThrownBy(() -> ComposeSpec.read(p, Map.of())).isInstanceOf(ComposeSpecException.class)
                .hasMessageContaining("not UTF-8 text");
    }
}
