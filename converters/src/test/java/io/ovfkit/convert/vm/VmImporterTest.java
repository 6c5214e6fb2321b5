package io.ovfkit.convert.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.ProgressListener;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.env.OvfEnvironment;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmImporterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Map<String, String> DIRECT = Map.of("LIBGUESTFS_BACKEND", "direct");

    @TempDir
    Path tmp;
    Path raw;
    Path ova;

    @BeforeEach
    void setUp() throws Exception {
        raw = VmFixtures.rawDisk(tmp);
        ova = VmFixtures.ova(tmp, raw);
    }

    private VmImporter.Result importTo(VmImporter.Platform platform) throws Exception {
        try (OvfPackage p = OvfPackage.open(ova)) {
            return VmImporter.importPackage(p, platform, tmp.resolve("out-" + platform.id()), null, Map.of(),
                    ProgressListener.NONE);
        }
    }

    @Test
    void libvirtDomainValidatesWithVirtXmlValidate() throws Exception {
        Path validate = Oracle.require("virt-xml-validate");
        VmImporter.Result r = importTo(VmImporter.Platform.LIBVIRT);
        Oracle.Result v = Oracle.run(List.of(validate.toString(), r.definition().toString(), "domain"), null, TIMEOUT);
        assertThat(v.ok()).as(v.describe()).isTrue();
    }

    @Test
    void virtV2vReadsTheLibvirtDomain() throws Exception {
        Path v2v = Oracle.require("virt-v2v");
        Oracle.require("nbdkit");
        VmImporter.Result r = importTo(VmImporter.Platform.LIBVIRT);
        Oracle.Result v = Oracle.run(List.of(v2v.toString(), "-i", "libvirtxml", r.definition().toString(), "--print-source"),
                null, TIMEOUT, DIRECT);
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(v.stdout()).contains("memory: 536870912 (bytes)").contains("nr vCPUs: 2").contains("0 [scsi]")
                .contains("CD-ROM [sata]");
        assertThat(v.stdout().split("\\[e1000\\]", -1)).hasSize(3);
    }

    @Test
    void virtV2vReadsTheVmx() throws Exception {
        Path v2v = Oracle.require("virt-v2v");
        VmImporter.Result r = importTo(VmImporter.Platform.VMX);
        Oracle.Result v = Oracle.run(List.of(v2v.toString(), "-i", "vmx", r.definition().toString(), "--print-source"),
                null, TIMEOUT, DIRECT);
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(v.stdout()).contains("memory: 536870912 (bytes)").contains("nr vCPUs: 2").contains("firmware: bios")
                .contains("0 [scsi]").contains("Bridge \"VM Network\" [e1000]").contains("Bridge \"Backend\" [e1000]");
        assertThat(v.stderr()).doesNotContain("warning");
    }

    @Test
    void vboxValidatesWithVirtualBoxSchema() throws Exception {
        Path xmllint = Oracle.require("xmllint");
        SharedCorpus.assumeAvailable();
        Path xsd = SharedCorpus.schemas().resolve("vbox/VirtualBox-settings.xsd");
        VmImporter.Result r = importTo(VmImporter.Platform.VBOX);
        Oracle.Result v = Oracle.run(List.of(xmllint.toString(), "--noout", "--nonet", "--schema", xsd.toString(),
                r.definition().toString()), null, TIMEOUT);
        assertThat(v.ok()).as(v.describe()).isTrue();
    }

    @Test
    void everyDiskPassesQemuImgCheckAndEqualsTheSource() throws Exception {
        Path qemu = Oracle.require("qemu-img");
        for (VmImporter.Platform p : VmImporter.Platform.values()) {
            VmImporter.Result r = importTo(p);
            Path disk = r.definition().getParent().resolve(r.vm().disks().get(0).location());
            Oracle.Result check = Oracle.run(List.of(qemu.toString(), "check", disk.toString()), null, TIMEOUT);
            assertThat(check.ok()).as(p + ": " + check.describe()).isTrue();
            Oracle.Result cmp = Oracle.run(List.of(qemu.toString(), "compare", raw.toString(), disk.toString()), null, TIMEOUT);
            assertThat(cmp.ok()).as(p + ": " + cmp.describe()).isTrue();
        }
    }

    @Test
    void vmxDiskIsMonolithicSparse() throws Exception {
        VmImporter.Result r = importTo(VmImporter.Platform.VMX);
        Path disk = r.definition().getParent().resolve("app-disk1.vmdk");
        try (var image = io.ovfkit.disk.DiskImages.open(disk)) {
            assertThat(image.subformat()).isEqualTo("monolithicSparse");
        }
    }

    @Test
    void vmxCarriesTheEnvironmentInGuestinfo() throws Exception {
        Map<String, String> none = Map.of();
        VmImporter.Result r = importTo(VmImporter.Platform.VMX);
        String env = VmxFormat.value(Files.readAllBytes(r.definition()), "guestinfo.ovfEnv").orElseThrow();
        assertThat(OvfEnvironment.parse(env.getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("app");
        assertThat(r.environmentIso()).isEmpty();
        assertThat(none).isEmpty();
    }

    @Test
    void isoHoldsOvfEnvReadableByIsoinfo() throws Exception {
        Path isoinfo = Oracle.require("isoinfo");
        VmImporter.Result r = importTo(VmImporter.Platform.LIBVIRT);
        Path iso = r.environmentIso().orElseThrow();
        Oracle.Result list = Oracle.run(List.of(isoinfo.toString(), "-i", iso.toString(), "-l"), null, TIMEOUT);
        assertThat(list.stdout()).contains("OVF-ENV.XML;1");
        Oracle.Result x = Oracle.run(List.of(isoinfo.toString(), "-i", iso.toString(), "-x", "/OVF-ENV.XML;1"), null, TIMEOUT);
        assertThat(OvfEnvironment.parse(x.stdout().getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("app");
    }

    @Test
    void isoIsListedByXorriso() throws Exception {
        Path xorriso = Oracle.require("xorriso");
        VmImporter.Result r = importTo(VmImporter.Platform.VBOX);
        Oracle.Result v = Oracle.run(List.of(xorriso.toString(), "-indev", r.environmentIso().orElseThrow().toString(),
                "-find"), null, TIMEOUT);
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(v.stdout()).contains("'./OVF-ENV.XML'");
    }

    @Test
    void unknownPropertyIsRefusedAndLeavesNothing() throws Exception {
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThatThrownBy(() -> VmImporter.importPackage(p, VmImporter.Platform.VMX, tmp.resolve("x"), null,
                    Map.of("colour", "blue"), ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("colour");
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("src.raw", "app.ova");
        }
    }
}
