package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetargeterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"vsphere", "vsphere:6.0", "vsphere:8.0", "workstation", "virtualbox", "proxmox", "libvirt",
        "ovirt", "xen", "aws", "vcloud", "portable"})
    void theRetargetedMessyOvaLintsCleanForItsTarget(String target) throws Exception {
        Path in = RetargetFixtures.messyOva(dir);
        Path out = dir.resolve("out.ova");
        TargetProfile profile = Targets.builtIn().get(target);
        RetargetReport r;
        try (OvfPackage p = OvfPackage.open(in)) {
            if (!target.equals("libvirt") && !target.equals("ovirt")) { // virt-v2v takes it as it is
                assertThat(Linter.lint(p, List.of(profile)).findings()).isNotEmpty();
            }
            r = Retargeter.retarget(p, profile, out, RetargetOptions.defaults());
        }
        assertThat(r.outputs()).containsExactly(out);
        assertThat(r.changes("REPACK")).anySatisfy(c -> assertThat(c.subject()).isEqualTo("readme.txt"));
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(Linter.lint(p, List.of(profile)).findings()).isEmpty();
            assertThat(p.verify(io.ovfkit.ova.VerifyOptions.defaults()).ok()).isTrue();
        }
    }
}
