package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every readable OVA of the shared corpus, retargeted for every OVA target, lints without a fixable finding. */
class RetargetCorpusTest {
    private static final List<String> OVAS = List.of("glance__testserver.ova", "govmomi__ttylinux-pc_i486-16.1.ova",
            "virtualbox__tdAppliance1-t1.ova", "virtualbox__tdAppliance1-t2.ova",
            "virtualbox__tdAppliance1-t2-ovftool-4.1.0.ova", "virtualbox__tdAppliance1-t3.ova",
            "virtualbox__tdAppliance1-t4.ova", "virtualbox__tdAppliance1-t4-ovftool-4.1.0.ova");
    private static final List<String> TARGETS = List.of("vsphere", "vsphere:6.0", "workstation", "virtualbox",
            "proxmox", "libvirt", "ovirt", "xen", "aws", "vcloud", "portable");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String ova : OVAS) {
            for (String t : TARGETS) {
                out.add(Arguments.of(ova, t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void retargetedCorpusOvaHasNoFixableFinding(String ova, String target) throws Exception {
        Path in = SharedCorpus.corpus().resolve("ova").resolve(ova);
        SharedCorpus.assumeAvailable();
        TargetProfile profile = Targets.builtIn().get(target);
        Path out = dir.resolve("out.ova");
        RetargetReport plan;
        RetargetReport done;
        try (OvfPackage p = OvfPackage.open(in)) {
            plan = Retargeter.plan(p, profile);
            assertThat(Files.exists(out)).isFalse();
            done = Retargeter.retarget(p, profile, out, RetargetOptions.defaults());
        }
        assertThat(done.changes()).isEqualTo(plan.changes());
        try (OvfPackage p = OvfPackage.open(out)) {
            LintReport after = Linter.lint(p, List.of(profile));
            assertThat(after.findings()).as("%s", after.findings()).allSatisfy(f -> {
                assertThat(f.fixable()).isFalse();
            });
            assertThat(after.findings()).filteredOn(f -> f.severity() == Severity.ERROR)
                    .allSatisfy(f -> assertThat(f.rule()).isIn("FIRMWARE", "OVF-SECTION"));
            // the corpus disks are placeholders (verify already fails on their content in the input): the
            // manifest must cover every member with digests that match
            assertThat(p.verify(io.ovfkit.ova.VerifyOptions.defaults()).failures())
                    .noneMatch(m -> m.contains("digest") || m.contains("manifest") || m.contains("missing"));
        }
    }
}
