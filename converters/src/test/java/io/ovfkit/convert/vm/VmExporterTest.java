package io.ovfkit.convert.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.convert.Aspect;
import io.ovfkit.convert.Finding;
import io.ovfkit.convert.LintReport;
import io.ovfkit.convert.Linter;
import io.ovfkit.convert.TargetProfile;
import io.ovfkit.convert.Targets;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.ProgressListener;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VmExporterTest {
    @TempDir
    Path tmp;

    private static PackageOptions sha1() {
        return PackageOptions.builder().digest(io.ovfkit.signing.DigestAlgorithm.parse("sha1")).build();
    }

    @ParameterizedTest
    @EnumSource(VmImporter.Platform.class)
    void roundTripKeepsCpusMemoryNicsAndDiskContent(VmImporter.Platform platform) throws Exception {
        Path qemu = Oracle.require("qemu-img");
        Path raw = VmFixtures.rawDisk(tmp);
        Path ova = VmFixtures.ova(tmp, raw);
        VmImporter.Result imported;
        try (OvfPackage p = OvfPackage.open(ova)) {
            imported = VmImporter.importPackage(p, platform, tmp.resolve("vm"), null, Map.of(), ProgressListener.NONE);
        }
        Path folder = tmp.resolve("back");
        try (PackageWriter w = PackageWriter.toFolder(folder, sha1())) {
            VmExporter.export(imported.definition(), w, OvfMapping.Models.PORTABLE);
        }
        try (OvfPackage back = OvfPackage.open(folder.resolve("app.ovf"))) {
            VirtualMachine vm = OvfMapping.toVirtualMachine(back.descriptor(), null).vm();
            assertThat(vm.cpus()).isEqualTo(2);
            assertThat(vm.memoryMiB()).isEqualTo(512);
            assertThat(vm.nics()).extracting(VirtualMachine.Nic::network).containsExactly("VM Network", "Backend");
            assertThat(vm.nics()).extracting(VirtualMachine.Nic::model).containsOnly("e1000");
            assertThat(vm.disks()).hasSize(1);
        }
        Oracle.Result cmp = Oracle.run(List.of(qemu.toString(), "compare", raw.toString(),
                folder.resolve("app-disk1.vmdk").toString()), null, Duration.ofSeconds(60));
        assertThat(cmp.ok()).as(cmp.describe()).isTrue();
    }

    @Test
    void encryptedVmxIsRefusedNamingTheEncryption() {
        SharedCorpus.assumeAvailable();
        Path vmx = SharedCorpus.corpus().resolve("vm/dissect.hypervisor__encrypted.vmx");
        assertThatThrownBy(() -> VmExporter.read(vmx)).isInstanceOf(VmDefinitionException.class)
                .hasMessageContaining("encryption.keySafe").hasMessageContaining(":3:");
    }

    @Test
    void encryptedVboxMediumIsRefusedNamingTheEncryption() {
        SharedCorpus.assumeAvailable();
        Path vbox = SharedCorpus.corpus().resolve("vm/dissect.hypervisor__encrypted.vbox");
        assertThatThrownBy(() -> VmExporter.read(vbox)).isInstanceOf(VmDefinitionException.class)
                .hasMessageContaining("CRYPT/KeyStore");
    }

    @Test
    void malformedVmxLineIsAnErrorNamingTheLine() throws Exception {
        Path vmx = Files.writeString(tmp.resolve("bad.vmx"), "numvcpus = \"2\"\nthis is not a setting\n");
        assertThatThrownBy(() -> VmExporter.read(vmx)).isInstanceOf(VmDefinitionException.class)
                .hasMessageContaining("bad.vmx:2:");
    }

    @Test
    void domainWithDoctypeIsRefused() throws Exception {
        Path xml = Files.writeString(tmp.resolve("d.xml"),
                "<!DOCTYPE domain [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<domain><name>&x;</name></domain>");
        assertThatThrownBy(() -> VmExporter.read(xml)).isInstanceOf(VmDefinitionException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void nonX86VmRecordsItsArchitecture() throws Exception {
        SharedCorpus.assumeAvailable();
        Path copy = Files.copy(SharedCorpus.corpus().resolve("vm/virt-manager__virt-install-aarch64-kvm-import.xml"),
                tmp.resolve("arm.xml"));
        CorpusCopy c = CorpusCopy.of(copy, tmp);
        Path ova = tmp.resolve("arm.ova");
        try (PackageWriter w = PackageWriter.toOva(ova, sha1())) {
            VmExporter.export(c.definition(), w, OvfMapping.Models.PORTABLE);
        }
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(OvfMapping.architecture(p.descriptor())).hasValue("aarch64");
            assertThat(OvfMapping.toVirtualMachine(p.descriptor(), null).vm().firmware()).isEqualTo(VirtualMachine.Firmware.EFI);
        }
    }

    /**
     * Every file of the corpus's vm/ that names disk images exports to an OVA, with blank images of
     * the right format in place of the missing ones (in a temporary copy); lint with portable is
     * clean for x86 BIOS machines and has only FIRMWARE findings otherwise.
     */
    @Test
    void everyCorpusVmDefinitionExportsAndLintsPortable() throws Exception {
        SharedCorpus.assumeAvailable();
        TargetProfile portable = Targets.builtIn().get("portable");
        List<String> exported = new ArrayList<>();
        List<String> notExported = new ArrayList<>();
        List<String> lintSummary = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(SharedCorpus.corpus().resolve("vm"))) {
            files = s.filter(p -> p.toString().matches(".*\\.(vmx|xml|vbox)$")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        for (Path f : files) {
            Path dir = Files.createDirectories(tmp.resolve("c" + exported.size() + "_" + notExported.size()));
            Path copy = Files.copy(f, dir.resolve(f.getFileName()));
            CorpusCopy c;
            try {
                c = CorpusCopy.of(copy, dir);
            } catch (VmDefinitionException e) {
                // encrypted, or disks registered elsewhere (no image named in the file)
                assertThat(e.getMessage()).containsAnyOf("encrypted", "media registry");
                notExported.add(f.getFileName() + ": " + e.getMessage());
                continue;
            }
            Path ova = dir.resolve("out.ova");
            try (PackageWriter w = PackageWriter.toOva(ova, sha1())) {
                VmExporter.export(c.definition(), w, OvfMapping.Models.PORTABLE);
            }
            exported.add(f.getFileName().toString());
            try (OvfPackage p = OvfPackage.open(ova)) {
                assertThat(p.verify(io.ovfkit.ova.VerifyOptions.defaults()).ok()).as(f.toString()).isTrue();
                LintReport r = Linter.lint(p, List.of(portable));
                List<Finding> findings = r.findings("portable");
                if (c.vm().isX86() && c.vm().firmware() == VirtualMachine.Firmware.BIOS) {
                    assertThat(findings).as(f.getFileName().toString()).isEmpty();
                } else if (c.vm().firmware() == VirtualMachine.Firmware.EFI) {
                    assertThat(findings).as(f.getFileName().toString()).extracting(Finding::aspect).containsOnly(Aspect.FIRMWARE);
                } else {
                    // non-x86 on BIOS-like firmware (ppc64 SLOF): lint has no architecture rule
                    assertThat(findings).as(f.getFileName().toString()).allMatch(x -> x.aspect() == Aspect.FIRMWARE);
                }
                lintSummary.add(f.getFileName() + ": " + (c.vm().isX86() ? "" : c.vm().architecture() + " ")
                        + c.vm().firmware() + ", " + findings.size() + " finding(s)");
            }
        }
        System.out.println("corpus vm/: exported " + exported.size() + ", not exported " + notExported.size());
        notExported.forEach(n -> System.out.println("  not exported: " + n));
        lintSummary.forEach(n -> System.out.println("  lint portable: " + n));
        assertThat(exported).hasSizeGreaterThanOrEqualTo(files.size() - 3);
    }

    /** A copy of a corpus definition whose disks all exist: absolute paths rewritten into the copy's folder, blanks created. */
    record CorpusCopy(Path definition, VirtualMachine vm) {
        static CorpusCopy of(Path copy, Path dir) throws Exception {
            VirtualMachine vm = VmExporter.read(copy);
            String text = Files.readString(copy, StandardCharsets.ISO_8859_1);
            boolean changed = false;
            int n = 0;
            for (VirtualMachine.Disk d : vm.disks()) {
                if (d.image() != null && d.image().isAbsolute() && !d.image().startsWith(dir)) {
                    String local = "disks/" + (n++) + "-" + d.image().getFileName();
                    text = text.replace("'" + d.location() + "'", "'" + local + "'")
                            .replace("\"" + d.location() + "\"", "\"" + local + "\"");
                    changed = true;
                }
            }
            if (changed) {
                Files.writeString(copy, text, StandardCharsets.ISO_8859_1);
                vm = VmExporter.read(copy);
            }
            for (VirtualMachine.Disk d : vm.disks()) {
                if (d.image() == null) {
                    continue;
                }
                Files.createDirectories(d.image().getParent());
                if (!Files.exists(d.image())) {
                    blank(d.image(), d.format(), dir);
                }
            }
            return new CorpusCopy(copy, vm);
        }

        private static void blank(Path image, String format, Path dir) throws Exception {
            String f = format != null ? format : image.getFileName().toString().replaceFirst(".*\\.", "").toLowerCase(Locale.ROOT);
            Path zero = dir.resolve("zero.raw");
            try (RandomAccessFile r = new RandomAccessFile(zero.toFile(), "rw")) {
                r.setLength(1 << 20);
            }
            DiskFormat df = switch (f) {
                case "qcow2" -> DiskFormat.QCOW2;
                case "vmdk" -> DiskFormat.VMDK;
                case "vdi" -> DiskFormat.VDI;
                case "vhd" -> DiskFormat.VHD;
                default -> DiskFormat.RAW;
            };
            WriteOptions.Builder o = WriteOptions.builder(df, 1 << 20);
            if (df == DiskFormat.VMDK) {
                o.subformat("monolithicSparse");
            }
            try (DiskImage src = DiskImages.open(zero); DiskWriter w = DiskWriters.create(image, o.build())) {
                DiskConverter.builder().build().convert(src, w);
            }
            Files.delete(zero);
        }
    }
}
