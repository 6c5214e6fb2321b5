package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit compose}: specs built here, exit codes, and every corpus config read back with info --json. */
class ComposeCommandTest {
    static final String SPEC = """
            system:
                name: web
                type: vmx-14
                os_vmw: ubuntu64Guest
            networks:
                lan:
                    name: "VM Network"
                    description: the LAN
            hardware:
                cpus: !param cpus=2
                memory: 2048
                sata1:
                    type: sata_controller
                rootdisk:
                    type: hard_disk
                    parent: sata1
                    disk_image: root.img
                nic1:
                    type: ethernet
                    subtype: VmxNet3
                    network: lan
            product:
                product: Web
                vendor: Example
            """;

    @TempDir
    Path dir;

    private Path spec(String text) throws IOException {
        Files.write(dir.resolve("root.img"), new byte[1 << 20]);
        return Cli.write(dir, "web.yaml", text);
    }

    @Test
    void composesAnOvaThatInfoReadsBack() throws IOException {
        Path spec = spec(SPEC);
        Path out = dir.resolve("web.ova");
        Cli.Result r = Cli.run("compose", spec, "-o", out, "--param", "cpus=4", "--reproducible");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("composed " + out);
        JsonNode info = Cli.run("info", out, "--json").json();
        JsonNode vs = info.get("virtualSystems").get(0);
        assertThat(vs.get("name").asText()).isEqualTo("web");
        assertThat(vs.get("cpus").asInt()).isEqualTo(4);
        assertThat(vs.get("memoryBytes").asLong()).isEqualTo(2048L << 20);
        assertThat(vs.get("nics").get(0).get("type").asText()).isEqualTo("VmxNet3");
        assertThat(info.get("disks").get(0).get("capacityBytes").asLong()).isEqualTo(1 << 20);
        assertThat(info.get("networks").get(0).get("name").asText()).isEqualTo("VM Network");
        assertThat(Cli.run("verify", out).exitCode()).isZero();
    }

    @Test
    void reproducibleComposesAreByteIdentical() throws IOException {
        Path spec = spec(SPEC);
        Path a = dir.resolve("a.ova");
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        assertThat(Cli.run("compose", spec, "-o", a, "--reproducible", "-q").exitCode()).isZero();
        assertThat(Cli.run("compose", spec, "-o", b.resolve("a.ova"), "--reproducible", "-q").exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b.resolve("a.ova")));
    }

    @Test
    void aBadSpecExits3WithFileLineAndColumnAndLeavesNothing() throws IOException {
        Path spec = spec(SPEC.replace("parent: sata1", "parent: scsi9"));
        Path out = dir.resolve("web.ova");
        Cli.Result r = Cli.run("compose", spec, "-o", out);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("ovfkit: " + spec + ":16:17: hardware.rootdisk.parent: 'scsi9' is not a controller"
                + " of hardware; expected one of: sata1" + System.lineSeparator());
        assertThat(out).doesNotExist();
    }

    @Test
    void badOptionsExit2() throws IOException {
        Path spec = spec(SPEC);
        assertThat(Cli.run("compose", spec).exitCode()).isEqualTo(2);
        Cli.Result noEquals = Cli.run("compose", spec, "-o", dir.resolve("x.ova"), "--param", "cpus");
        assertThat(noEquals.exitCode()).isEqualTo(2);
        Cli.Result unknown = Cli.run("compose", spec, "-o", dir.resolve("x.ova"), "--param", "disks=3");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--param disks: the spec " + spec + " has no !param disks; it has cpus");
    }

    @Test
    void aTargetTheResultDoesNotSuitExits1AndListsTheFindings() throws IOException {
        Path spec = spec(SPEC + "target: portable\n");
        Cli.Result r = Cli.run("compose", spec, "-o", dir.resolve("web.ova"), "-q");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("NIC-TYPE").contains("does not lint clean for target portable");
    }

    /** The compose specs of samples/compose build as they are, with no --param. */
    @Test
    void theSampleSpecsBuildAsTheyAre() throws IOException {
        Path folder = Path.of(System.getProperty("ovfkit.samples", "../samples"), "compose");
        List<Path> specs;
        try (Stream<Path> s = Files.list(folder)) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(specs).isNotEmpty();
        for (Path spec : specs) {
            Path out = dir.resolve(spec.getFileName().toString().replace(".yaml", ".ova"));
            Cli.Result r = Cli.run("compose", spec, "-o", out, "--reproducible", "-q");
            assertThat(r.exitCode()).as(spec + ": " + r.err()).isZero();
            assertThat(Cli.run("verify", out).exitCode()).as(spec.toString()).isZero();
        }
    }

    /**
     * Every corpus config composes with the CLI (blank images beside a copy of the spec) and
     * {@code info --json} shows the CPUs, memory, disks, networks, properties and deployment options
     * its YAML gives.
     */
    @Test
    void everyCorpusConfigComposesAndInfoShowsWhatItsYamlSays() throws IOException {
        Path folder = SharedCorpus.corpus().resolve("compose");
        List<Path> specs;
        try (Stream<Path> s = Files.list(folder)) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(specs).hasSize(16);
        Pattern file = Pattern.compile("(?:disk_image|raw_image): (?:!param \\w+=)?(\\S+)");
        for (Path source : specs) {
            String yaml = Files.readString(source);
            Path work = Files.createDirectories(dir.resolve(source.getFileName().toString().replace(".yaml", "")));
            Path spec = Cli.write(work, source.getFileName().toString(), yaml);
            Matcher m = file.matcher(yaml);
            while (m.find()) {
                Files.write(work.resolve(m.group(1)), new byte[1 << 20]);
            }
            Files.write(work.resolve("dummy.vmdk"), new byte[1 << 20]);
            Path out = work.resolve("out.ova");
            Cli.Result r = Cli.run("compose", spec, "-o", out, "--param", "rootdisk=dummy.vmdk", "-q");
            if (!yaml.contains("!param rootdisk")) {
                assertThat(r.exitCode()).as(source + ": --param rootdisk is not in every spec").isEqualTo(2);
                r = Cli.run("compose", spec, "-o", out, "-q");
            }
            assertThat(r.exitCode()).as(source + ": " + r.err()).isZero();
            JsonNode info = Cli.run("info", out, "--json").json();
            JsonNode vs = info.get("virtualSystems").get(0);
            String label = source.getFileName().toString();
            Matcher cpus = Pattern.compile("cpus: (?:!param cpus=)?(\\d+)|number: (\\d+)").matcher(yaml);
            assertThat(cpus.find()).isTrue();
            if (!yaml.contains("configuration:") || !yaml.contains("type: cpus")) {
                assertThat(vs.get("cpus").asText()).as(label).isEqualTo(cpus.group(1) != null ? cpus.group(1) : cpus.group(2));
            }
            long disks = Pattern.compile("type: hard_disk").matcher(yaml).results().count();
            assertThat(info.get("disks")).as(label + " disks").hasSize((int) disks);
            List<String> networks = new ArrayList<>();
            Matcher n = Pattern.compile("(?m)^networks:\\n((?:\\s+.*\\n?)+)").matcher(yaml);
            if (n.find()) {
                Matcher names = Pattern.compile("name: \"([^\"]+)\"").matcher(n.group(1));
                while (names.find()) {
                    networks.add(names.group(1));
                }
            }
            List<String> got = new ArrayList<>();
            info.get("networks").forEach(x -> got.add(x.get("name").asText()));
            assertThat(got).as(label + " networks").isEqualTo(networks);
            List<String> options = new ArrayList<>();
            info.get("deploymentOptions").forEach(x -> options.add(x.get("id").asText()));
            if (yaml.contains("configurations:")) {
                assertThat(options).as(label).containsExactly("tall", "grande", "venti");
            } else {
                assertThat(options).as(label).isEmpty();
            }
            List<String> props = new ArrayList<>();
            info.get("properties").forEach(x -> props.add(x.get("key").asText()));
            Matcher p = Pattern.compile("(?m)^\\s+(prop\\.\\w+|vmname):").matcher(yaml);
            List<String> expected = new ArrayList<>();
            while (p.find()) {
                expected.add(p.group(1));
            }
            assertThat(props).as(label + " properties").containsExactlyInAnyOrderElementsOf(expected);
            if (yaml.contains("memory:\n        type: memory\n        size: 4096")) {
                assertThat(vs.get("memoryBytes").asLong()).as(label).isEqualTo(4096L << 20);
            }
        }
    }
}
