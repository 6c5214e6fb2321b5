package io.ovfkit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ovf.testing.Govmomi;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import io.ovfkit.signing.PasswordSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OVAs composed from the corpus configs pass the checks of independent programs: govmomi's OVF
 * parser and xmllint with the DMTF OVF 1.1 schema on the descriptor, Python's tarfile on the member
 * order and the manifest digests, qemu-img check on every disk. Skipped without the corpus or a program (failed with CI=true).
 */
class ComposeOraclesTest {
    private static final String PYTHON_CHECK = """
            import hashlib, sys, tarfile
            t = tarfile.open(sys.argv[1])
            names = t.getnames()
            assert names[0].endswith('.ovf'), names
            assert names[1].endswith('.mf'), names
            mf = t.extractfile(names[1]).read().decode()
            lines = [l for l in mf.splitlines() if l]
            assert len(lines) == len(names) - 1, (lines, names)
            for l in lines:
                alg, rest = l.split('(', 1)
                name, digest = rest.split(')= ')
                h = hashlib.new(alg.lower().replace('-', ''))
                h.update(t.extractfile(name).read())
                assert h.hexdigest() == digest, (name, alg)
            print('ok', len(names))
            """;

    @TempDir
    Path dir;

    static Stream<String> configs() throws IOException {
        return ComposeCorpusTest.configs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void composedCorpusOvasPassXmllintPythonTarfileAndQemuImg(String name) throws IOException {
        Path source = SharedCorpus.file("compose/" + name);
        Path schemas = SharedCorpus.schemas().resolve("ovf-1");
        String yaml = Files.readString(source);
        Path spec = Files.writeString(dir.resolve(name), yaml);
        ComposeFixtures.blankImages(dir, ComposeFixtures.loadYaml(yaml, Map.of("rootdisk", "dummy.vmdk")));
        Path out = dir.resolve("out.ova");
        Composer.compose(ComposeSpec.read(spec, Map.of("rootdisk", "dummy.vmdk")), out,
                PackageOptions.builder().reproducible(true), PasswordSource.environment());
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        List<Path> files;
        List<String> hrefs;
        try (OvfPackage p = OvfPackage.open(out)) {
            files = p.unpack(unpacked, true);
            hrefs = p.descriptor().envelope().references().map(r -> r.files().stream()
                    .map(io.ovfkit.ovf.model.FileReference::getHref).toList()).orElse(List.of());
        }
        Path ovf = files.stream().filter(f -> f.toString().endsWith(".ovf")).findFirst().orElseThrow();
        Oracle.Result x = Xmllint.validate(schemas, "dsp8023.xsd", ovf);
        assertThat(x.exitCode()).as(name + ": " + x.stderr()).isZero();
        // VMware's own parser (govmomi) reads it too, and finds the same files.
        String govmomi = Govmomi.summary(ovf).replaceAll("\\s+", "");
        for (String href : hrefs) {
            assertThat(govmomi).as(name + ": govmomi's summary " + govmomi).contains("\"href\":\"" + href + "\"");
        }
        Path python = Oracle.require("python3");
        Oracle.Result py = Oracle.run(List.of(python.toString(), "-c", PYTHON_CHECK, out.toString()), dir, Duration.ofSeconds(60));
        assertThat(py.ok()).as(name + ": " + py.stderr()).isTrue();
        Path qemu = Oracle.require("qemu-img");
        for (Path f : files) {
            if (f.toString().endsWith(".vmdk")) {
                Oracle.Result q = Oracle.run(List.of(qemu.toString(), "check", "-f", "vmdk", f.toString()), dir,
                        Duration.ofSeconds(60));
                assertThat(q.ok()).as(name + " " + f + ": " + q.stdout() + q.stderr()).isTrue();
            }
        }
    }
}
