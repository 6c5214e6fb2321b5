package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Corpus descriptors with the structures only descriptors have (OVF 2.0 StorageItems, XenCenter's
 * StartupSection, DeploymentOptionSection), packed into an OVA with a small streamOptimized disk per
 * File, retargeted: no fixable finding is left, the descriptor validates against the DMTF schema
 * of its version, and the fix is in the report.
 */
class RetargetDescriptorsTest {
    private static final List<String> TARGETS = List.of("vsphere", "workstation", "virtualbox", "proxmox", "libvirt",
            "ovirt", "xen", "aws", "vcloud", "portable");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String d : List.of("cot__ubuntu.2.0.ovf", "xenadmin__sample_app.ovf", "cot__csr1000v.ovf")) {
            for (String t : TARGETS) {
                out.add(Arguments.of(d, t));
            }
        }
        return out.stream();
    }

    private Path ova(String descriptor) throws Exception {
        Path ovf = SharedCorpus.file("ovf/" + descriptor);
        byte[] text = Files.readAllBytes(ovf);
        OvfDescriptor d = Ovf.read(text, descriptor);
        byte[] vmdk = Files.readAllBytes(RetargetFixtures.vmdk(RetargetFixtures.rawDisk(dir), "streamOptimized"));
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(descriptor, text);
        for (FileReference f : d.envelope().references().map(References::files).orElse(List.of())) {
            m.put(f.getHref(), vmdk);
        }
        return Fixtures.ova(dir, "in.ova", m, false);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void retargetedDescriptorHasNoFixableFindingAndIsSchemaValid(String descriptor, String target) throws Exception {
        SharedCorpus.assumeAvailable();
        Path in = ova(descriptor);
        Path out = dir.resolve("out.ova");
        TargetProfile profile = Targets.builtIn().get(target);
        RetargetReport r;
        try (OvfPackage p = OvfPackage.open(in)) {
            r = Retargeter.retarget(p, profile, out, RetargetOptions.defaults());
        }
        try (OvfPackage p = OvfPackage.open(out)) {
            LintReport after = Linter.lint(p, List.of(profile));
            assertThat(after.findings()).as("%s", after.findings()).noneMatch(Finding::fixable);
            Path written = dir.resolve("written.ovf");
            Files.write(written, p.descriptor().originalBytes());
            String set = p.descriptor().version().family() == io.ovfkit.ovf.OvfVersion.Family.OVF_2 ? "ovf-2" : "ovf-1";
            boolean inputValid = Xmllint.validate(SharedCorpus.schemas().resolve(set), "dsp8023.xsd",
                    SharedCorpus.file("ovf/" + descriptor)).exitCode() == 0;
            // cot__ubuntu.2.0 (a vbox:Machine element) and xenadmin__sample_app (labelled UTF-16, UTF-8
            // inside) are invalid as they come; retarget does not promise to repair what it was not asked to
            if (inputValid) {
                Oracle.Result x = Xmllint.validate(SharedCorpus.schemas().resolve(set), "dsp8023.xsd", written);
                assertThat(x.exitCode()).as(x.describe()).isZero();
            }
        }
        if (descriptor.startsWith("cot__ubuntu.2.0") && !profile.acceptsAsIs(Aspect.OVF_VERSION, "2")) {
            assertThat(r.changes("OVF-VERSION")).isNotEmpty();
            assertThat(r.changes("OVF-ITEM-ELEMENT")).isNotEmpty();
        }
        if (descriptor.startsWith("xenadmin") && target.equals("workstation")) {
            assertThat(r.changes("OVF-SECTION")).extracting(Change::subject).contains("StartupSection");
        }
        if (descriptor.startsWith("cot__csr1000v") && target.equals("vcloud")) {
            assertThat(r.changes("OVF-SECTION")).extracting(Change::subject).contains("DeploymentOptionSection");
        }
    }
}
