package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code disk convert PKG --member HREF} and {@code disk info --member} on disks stored gzip-compressed,
 * in chunks or both, from an OVA file and from standard input, checked with {@code qemu-img compare}
 * against the original image; {@code --progress json} read back line by line.
 */
class DiskConvertMemberTest {
    @TempDir
    Path tmp;

    Path raw;

    @BeforeEach
    void image() {
        raw = DiskFixtures.raw(tmp.resolve("src.raw"), 6L * DiskFixtures.MIB, 3, 0, 1 << 20, 5L * DiskFixtures.MIB - 4096);
    }

    private Path ova(String storage) {
        Path ova = tmp.resolve("web-" + storage + ".ova");
        List<Object> args = new ArrayList<>(List.of("create", ova, "--disk", raw, "--name", "web", "-q"));
        if (storage.contains("gzip")) {
            args.add("--compress");
        }
        if (storage.contains("chunk")) {
            args.addAll(List.of("--chunk-size", "1MiB"));
        }
        Cli.Result r = Cli.run(args.toArray());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return ova;
    }

    private void assertSame(Path image, String format) {
        Oracle.Result c = Oracle.run(List.of(Oracle.require("qemu-img").toString(), "compare", "-f", "raw", "-F", format,
                raw.toString(), image.toString()), tmp, Duration.ofMinutes(2));
        assertThat(c.exitCode()).as(c.stdout() + c.stderr()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunk", "gzip+chunk"})
    void aCompressedOrChunkedDiskConvertsStraightOutOfThePackage(String storage) {
        Path ova = ova(storage);
        Path out = tmp.resolve("out.qcow2");
        Cli.Result r = Cli.run("disk", "convert", ova, "--member", "web-disk1.vmdk", out, "--format", "qcow2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("converted " + ova + "!/web-disk1.vmdk");
        assertSame(out, "qcow2");
    }

    @Test
    void theOnlyDiskOfAPackageOnStandardInputConvertsWithoutMember() throws IOException {
        Path ova = ova("gzip+chunk");
        Path out = tmp.resolve("out.raw");
        InputStream stdin = System.in;
        try (InputStream in = Files.newInputStream(ova)) {
            System.setIn(in);
            Cli.Result r = Cli.run("disk", "convert", "-", out, "--format", "raw", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertSame(out, "raw");
    }

    @Test
    void diskInfoReadsACompressedChunkedDiskAsAStream() {
        Path ova = ova("gzip+chunk");
        Cli.Result plain = Cli.run("disk", "info", ova("plain"), "--member", "web-disk1.vmdk", "--json");
        Cli.Result r = Cli.run("disk", "info", ova, "--member", "web-disk1.vmdk", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("format").asText()).isEqualTo("vmdk");
        assertThat(j.get("subformat").asText()).isEqualTo("streamOptimized");
        assertThat(j.get("virtualSize").asLong()).isEqualTo(6L * DiskFixtures.MIB);
        assertThat(j.get("allocatedBytes").asLong()).isEqualTo(plain.json().get("allocatedBytes").asLong());
    }

    @Test
    void progressJsonWritesOneObjectPerLineOnStderr() throws IOException {
        Path ova = ova("gzip");
        Cli.Result r = Cli.run("disk", "convert", ova, tmp.resolve("out.vdi"), "--format", "vdi", "-q", "--progress", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : r.err().lines().toList()) {
            lines.add(m.readTree(line));
        }
        assertThat(lines).isNotEmpty().allSatisfy(j -> {
            assertThat(j.isObject()).isTrue();
            assertThat(j.fieldNames()).toIterable().containsExactly("phase", "bytesDone", "bytesTotal", "member");
            assertThat(j.get("phase").asText()).isEqualTo("converting");
            assertThat(j.get("bytesDone").isIntegralNumber()).isTrue();
            assertThat(j.get("bytesTotal").isIntegralNumber()).isTrue();
            assertThat(j.get("member").asText()).isEqualTo("web-disk1.vmdk");
        });
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("bytesDone").asLong()).isEqualTo(last.get("bytesTotal").asLong()).isEqualTo(6L * DiskFixtures.MIB);
        assertThat(lines.get(0).get("bytesDone").asLong()).isZero();
    }

    @Test
    void parentWithAPackageIsAUsageError() {
        Cli.Result r = Cli.run("disk", "convert", ova("gzip"), tmp.resolve("o.raw"), "--format", "raw", "--parent", raw);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--parent applies to a disk image file");
    }
}
