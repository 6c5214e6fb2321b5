package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovfkit.ovf.testing.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiskConvertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void rawToRawKeepsTheContentAndPrintsASummary() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path dst = tmp.resolve("dst.img");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "raw");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(dst)).isEqualTo(Files.readAllBytes(src));
        assertThat(r.out()).isEmpty();
        // One line: what, how big, how long, how fast. No progress bar: stderr is not a terminal.
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("ovfkit: converted " + src + " (4 MiB) to " + dst + " (raw, ")
                .containsPattern(" in \\d+\\.\\d\\d s, \\d+\\.\\d MB/s \\(")
                // Holes the system reports are never read; zeros read from a file without them are skipped.
                .containsPattern("4 blocks written, (0|60) zero blocks skipped\\)$");
    }

    @Test
    void quietPrintsNothing() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("dst.img"), "--format", "raw", "--quiet");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theThreadCountDoesNotChangeTheOutput() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path one = tmp.resolve("one.img");
        Path four = tmp.resolve("four.img");
        assertThat(Cli.run("disk", "convert", src, one, "--format", "raw", "--threads", "1", "-q").exitCode()).isZero();
        assertThat(Cli.run("disk", "convert", src, four, "--format", "raw", "--threads", "4", "-q").exitCode()).isZero();
        assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(four));
    }

    @Test
    void aMissingSourceIsExit3AndWritesNothing() {
        Cli.Result r = Cli.run("disk", "convert", tmp.resolve("missing.img"), tmp.resolve("dst.img"), "--format", "raw");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("missing.img: no such file");
        assertThat(DiskFixtures.names(tmp)).isEmpty();
    }

    @Test
    void aCorruptSourceIsExit3AndWritesNothing() {
        Path bad = DiskFixtures.corruptVmdk(tmp.resolve("bad.vmdk"));
        Cli.Result r = Cli.run("disk", "convert", bad, tmp.resolve("dst.img"), "--format", "raw");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("bad.vmdk");
        assertThat(DiskFixtures.names(tmp)).containsExactly("bad.vmdk");
    }

    @Test
    void anUnwritableTargetIsExit3() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path dst = tmp.resolve("no-folder/dst.img");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "raw");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + dst + ": cannot write: the folder ");
        assertThat(DiskFixtures.names(tmp)).containsExactly("src.img");
    }

    @Test
    void badOptionValuesAreUsageErrorsAndWriteNothing() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path dst = tmp.resolve("dst.img");
        String[][] bad = {
            {"--format", "qcow2", "--subformat", "fancy"},
            {"--format", "vmdk", "--compress"},
            {"--format", "nope"},
            {"--format", "raw", "--subformat", "streamOptimized"},
            {"--format", "vmdk", "--subformat", "fancy"},
            {"--format", "vmdk", "--compression-level", "0"},
            {"--format", "vmdk", "--compression-level", "10"},
            {"--format", "raw", "--threads", "0"},
            {"--format", "vmdk", "--adapter-type", "floppy"},
            {"--format", "raw", "--threads", "many"},
        };
        for (String[] options : bad) {
            Object[] args = new Object[3 + options.length];
            args[0] = "disk";
            args[1] = "convert";
            args[2] = src;
            System.arraycopy(options, 0, args, 3, options.length);
            Object[] withDst = java.util.Arrays.copyOf(args, args.length + 1);
            withDst[args.length] = dst;
            Cli.Result r = Cli.run(withDst);
            assertThat(r.exitCode()).as(String.join(" ", options) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("ovfkit: ").contains("--help");
        }
        assertThat(DiskFixtures.names(tmp)).containsExactly("src.img");
    }

    @Test
    void theReproducibleSeedIsSourceDateEpochOrZero() {
        assertThat(DiskConvertCommand.reproducibleSeed(null)).isZero();
        assertThat(DiskConvertCommand.reproducibleSeed(" ")).isZero();
        assertThat(DiskConvertCommand.reproducibleSeed("1700000000")).isEqualTo(1_700_000_000L);
        assertThatThrownBy(() -> DiskConvertCommand.reproducibleSeed("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamOptimized", "monolithicSparse"})
    void rawToVmdkPassesQemuImgCheckAndCompare(String subformat) throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path dst = tmp.resolve("out.vmdk");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "vmdk", "--subformat", subformat);
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCheckPasses(dst, "vmdk");
        DiskFixtures.assertQemuCompareIdentical(src, dst, "vmdk");
        Oracle.Result info = DiskFixtures.qemuImg("info", "-f", "vmdk", "--output=json", dst.toString());
        JsonNode j = new ObjectMapper().readTree(info.stdout());
        assertThat(j.get("format-specific").get("data").get("create-type").asText()).isEqualTo(subformat);
        assertThat(j.get("virtual-size").asLong()).isEqualTo(4L * MIB);
        // ovfkit reads back what it wrote.
        assertThat(Cli.run("disk", "compare", src, dst).exitCode()).isZero();
        assertThat(Cli.run("disk", "check", dst).exitCode()).isZero();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"vhd,vpc,fixed", "vhd,vpc,dynamic", "vdi,vdi,fixed", "vdi,vdi,dynamic",
            "vhdx,vhdx,dynamic", "vhdx,vhdx,fixed", "qcow2,qcow2,v3", "qcow2,qcow2,v2"})
    void rawToVhdAndVdiMatchTheSourceForQemuImg(String format, String qemuFormat, String subformat) throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path dst = tmp.resolve("out." + format);
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", format, "--subformat", subformat, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCompareIdentical(src, dst, qemuFormat);
        Oracle.Result info = DiskFixtures.qemuImg("info", "-f", qemuFormat, "--output=json", dst.toString());
        assertThat(new ObjectMapper().readTree(info.stdout()).get("virtual-size").asLong()).isEqualTo(4L * MIB);
        assertThat(Cli.run("disk", "compare", src, dst).exitCode()).isZero();
        assertThat(Cli.run("disk", "convert", src, tmp.resolve("x." + format), "--format", format,
                "--adapter-type", "ide").exitCode()).isEqualTo(2);
    }

    @Test
    void compressedQcow2PassesQemuImgCheckAndCompare() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path dst = tmp.resolve("out.qcow2");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "qcow2", "--compress", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCheckPasses(dst, "qcow2");
        DiskFixtures.assertQemuCompareIdentical(src, dst, "qcow2");
        assertThat(Files.size(dst)).isLessThan(Files.size(src));
    }

    @Test
    void vmdkBackToRawIsTheSource() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path vmdk = tmp.resolve("mid.vmdk");
        Path back = tmp.resolve("back.raw");
        assertThat(Cli.run("disk", "convert", src, vmdk, "--format", "vmdk", "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("disk", "convert", vmdk, back, "--format", "raw", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(src));
    }

    @Test
    void aSourceOfOddSizeBecomesWholeSectorsInVmdk() throws Exception {
        Path src = DiskFixtures.raw(tmp.resolve("odd.raw"), 3L * MIB + 1000, 3, 0, 3L * MIB - 4096);
        Path dst = tmp.resolve("odd.vmdk");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "vmdk", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCheckPasses(dst, "vmdk");
        // qemu reads the raw file as whole sectors too, so the two compare equal.
        DiskFixtures.assertQemuCompareIdentical(src, dst, "vmdk");
    }

    @Test
    void reproducibleConversionsGiveTheSameBytes() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        // The same name in two folders: the descriptor names its extent file.
        Path a = Files.createDirectory(tmp.resolve("a")).resolve("disk.vmdk");
        Path b = Files.createDirectory(tmp.resolve("b")).resolve("disk.vmdk");
        assertThat(Cli.run("disk", "convert", src, a, "--format", "vmdk", "--reproducible", "--threads", "1", "-q")
                .exitCode()).isZero();
        assertThat(Cli.run("disk", "convert", src, b, "--format", "vmdk", "--reproducible", "--threads", "2", "-q")
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        DiskFixtures.assertQemuCompareIdentical(src, a, "vmdk");
    }

    @Test
    void aCompressionLevelChangesOnlyTheSize() throws Exception {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path fast = tmp.resolve("fast.vmdk");
        assertThat(Cli.run("disk", "convert", src, fast, "--format", "vmdk", "--compression-level", "1", "-q")
                .exitCode()).isZero();
        DiskFixtures.assertQemuCompareIdentical(src, fast, "vmdk");
    }
}
