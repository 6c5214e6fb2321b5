package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovfkit.ovf.testing.Oracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiskCreateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void anEmptyRawImageHasTheSizeAndReadsZero() throws Exception {
        Path out = tmp.resolve("empty.img");
        Cli.Result r = Cli.run("disk", "create", out, "--format", "raw", "--size", "1GiB");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("ovfkit: created " + out + " (raw, 1 GiB)" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(Files.size(out)).isEqualTo(1L << 30);
        assertThat(DiskFixtures.names(tmp)).containsExactly("empty.img");
    }

    @Test
    void decimalUnitsArePowersOfAThousand() throws Exception {
        Path out = tmp.resolve("d.img");
        assertThat(Cli.run("disk", "create", out, "--format", "raw", "--size", "512KB").exitCode()).isZero();
        assertThat(Files.size(out)).isEqualTo(512_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.5", "0.1K", "1X"})
    void aBadSizeIsAUsageError(String size) {
        Cli.Result r = Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "raw", "--size", size);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: ").contains("--size");
        assertThat(DiskFixtures.names(tmp)).isEmpty();
    }

    @Test
    void aSizeThatIsNotWholeSectorsIsAUsageError() {
        Cli.Result r = Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "raw", "--size", "1000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a positive multiple of 512");
        assertThat(Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "raw", "--size", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownOrUnsupportedFormatIsAUsageError() {
        Cli.Result r = Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "floppy", "--size", "1M");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown disk format \"floppy\"");
        assertThat(DiskFixtures.names(tmp)).isEmpty();
    }

    @Test
    void rawHasNoSubformatOrAdapterType() {
        assertThat(Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "raw", "--size", "1M",
                "--subformat", "streamOptimized").exitCode()).isEqualTo(2);
        assertThat(Cli.run("disk", "create", tmp.resolve("x.img"), "--format", "raw", "--size", "1M",
                "--adapter-type", "ide").exitCode()).isEqualTo(2);
        assertThat(DiskFixtures.names(tmp)).isEmpty();
    }

    @Test
    void aMissingFolderIsExit3() {
        Path out = tmp.resolve("no/such/folder/x.img");
        Cli.Result r = Cli.run("disk", "create", out, "--format", "raw", "--size", "1M");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + out + ": cannot write: the folder ").contains("does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamOptimized", "monolithicSparse"})
    void anEmptyVmdkPassesQemuImgCheck(String subformat) throws Exception {
        Path out = tmp.resolve("empty.vmdk");
        Cli.Result r = Cli.run("disk", "create", out, "--format", "vmdk", "--subformat", subformat, "--size", "100M");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCheckPasses(out, "vmdk");
        Oracle.Result info = DiskFixtures.qemuImg("info", "-f", "vmdk", "--output=json", out.toString());
        JsonNode j = new ObjectMapper().readTree(info.stdout());
        assertThat(j.get("virtual-size").asLong()).isEqualTo(100L * MIB);
        assertThat(j.get("format-specific").get("data").get("create-type").asText()).isEqualTo(subformat);
        // Nothing is allocated: the file is a few KiB of metadata, whatever the disk size.
        assertThat(Files.size(out)).isLessThan(MIB);
        Oracle.Result cmp = DiskFixtures.qemuImg("compare", "-f", "vmdk", "-F", "raw", out.toString(),
                DiskFixtures.raw(tmp.resolve("zero.raw"), 100L * MIB, 0).toString());
        assertThat(cmp.exitCode()).as(cmp.describe()).isZero();
    }

    @Test
    void theAdapterTypeGoesIntoTheDescriptor() throws Exception {
        Path out = tmp.resolve("ide.vmdk");
        Cli.Result r = Cli.run("disk", "create", out, "--format", "vmdk", "--subformat", "monolithicSparse",
                "--size", "64M", "--adapter-type", "ide");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String head = new String(Files.readAllBytes(out), 0, 64 << 10, StandardCharsets.ISO_8859_1);
        assertThat(head).contains("ddb.adapterType = \"ide\"");
        DiskFixtures.assertQemuCheckPasses(out, "vmdk");
    }

    @Test
    void anUnknownVmdkSubformatOrAdapterTypeIsAUsageError() {
        Cli.Result sub = Cli.run("disk", "create", tmp.resolve("x.vmdk"), "--format", "vmdk", "--size", "1M",
                "--subformat", "fancy");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).contains("fancy");
        Cli.Result adapter = Cli.run("disk", "create", tmp.resolve("x.vmdk"), "--format", "vmdk", "--size", "1M",
                "--adapter-type", "floppy");
        assertThat(adapter.exitCode()).isEqualTo(2);
        assertThat(adapter.err()).contains("floppy");
        assertThat(DiskFixtures.names(tmp)).isEmpty();
    }
}
