package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --block-size}, {@code --sector-size} and {@code --sync} of {@code disk convert} and {@code disk create}. */
class DiskLayoutOptionsTest {
    @TempDir
    Path tmp;

    private JsonNode details(Path image) {
        Cli.Result r = Cli.run("disk", "info", image, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.json().get("details");
    }

    @Test
    void vhdxBlockAndSectorSizeReachTheImage() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path dst = tmp.resolve("dst.vhdx");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "vhdx", "--block-size", "1MiB", "--sector-size", "4096",
                "--sync", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode d = details(dst);
        assertThat(d.get("blockSize").asLong()).isEqualTo(MIB);
        assertThat(d.get("logicalSectorSize").asLong()).isEqualTo(4096);
        Cli.Result cmp = Cli.run("disk", "compare", src, dst);
        assertThat(cmp.exitCode()).as(cmp.out() + cmp.err()).isZero();
    }

    @Test
    void vhdx512ByteSectorsWithSmallBlocksPassQemuImg() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path dst = tmp.resolve("dst.vhdx");
        Cli.Result r = Cli.run("disk", "convert", src, dst, "--format", "vhdx", "--block-size", "2M", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(details(dst).get("blockSize").asLong()).isEqualTo(2 * MIB);
        DiskFixtures.assertQemuCheckPasses(dst, "vhdx");
        DiskFixtures.assertQemuCompareIdentical(src, dst, "vhdx");
    }

    @Test
    void qcow2ClusterSizeComesFromEitherSpelling() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Path a = tmp.resolve("a.qcow2");
        Path b = tmp.resolve("b.qcow2");
        assertThat(Cli.run("disk", "convert", src, a, "--format", "qcow2", "--cluster-size", "4K", "-q").exitCode()).isZero();
        assertThat(Cli.run("disk", "convert", src, b, "--format", "qcow2", "--block-size", "1MiB", "-q").exitCode()).isZero();
        assertThat(details(a).get("clusterSize").asLong()).isEqualTo(4096);
        assertThat(details(b).get("clusterSize").asLong()).isEqualTo(MIB);
        io.ovfkit.ovf.testing.Oracle.Result info = DiskFixtures.qemuImg("info", "-f", "qcow2", a.toString());
        assertThat(info.stdout()).contains("cluster_size: 4096");
        DiskFixtures.assertQemuCheckPasses(b, "qcow2");
        DiskFixtures.assertQemuCompareIdentical(src, b, "qcow2");
    }

    @Test
    void createTakesTheSameOptions() {
        Path out = tmp.resolve("empty.vhdx");
        Cli.Result r = Cli.run("disk", "create", out, "--format", "vhdx", "--size", "64MiB", "--block-size", "8MiB",
                "--sector-size", "4096", "--sync");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode d = details(out);
        assertThat(d.get("blockSize").asLong()).isEqualTo(8 * MIB);
        assertThat(d.get("logicalSectorSize").asLong()).isEqualTo(4096);
        Cli.Result json = Cli.run("disk", "info", out, "--json");
        assertThat(json.json().get("virtualSize").asLong()).isEqualTo(64 * MIB);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vdi|--block-size|2MiB|fixed allocation unit (1 MiB blocks",
        "vmdk|--block-size|128K|fixed allocation unit (64 KiB grains)",
        "vhd|--sector-size|4096|applies to vhdx only",
        "vhdx|--block-size|3MiB|is not a power of 2 from 1 MiB to 256 MiB",
        "vhdx|--block-size|512MiB|is not a power of 2 from 1 MiB to 256 MiB",
        "qcow2|--block-size|4MiB|is not a power of two from 512 bytes to 2 MiB",
        "vhdx|--sector-size|1024|is not 512 or 4096",
    })
    void valuesAFormatCannotTakeAreUsageErrorsAndWriteNothing(String format, String option, String value, String message) {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("dst." + format), "--format", format, option, value);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(DiskFixtures.names(tmp)).containsExactly("src.img");
    }

    @Test
    void aClusterSizeThatContradictsTheSubformatIsRefused() {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("dst.qcow2"), "--format", "qcow2",
                "--subformat", "v3,cluster_size=65536", "--block-size", "4K");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("65536-byte clusters").contains("4096");
    }

    @Test
    void alignRoundsTheVirtualSizeUpAndTheTailReadsZero() throws Exception {
        // 3 MiB + 4 KiB of data: a fixed VHD of it is not a whole number of MiB.
        Path src = DiskFixtures.raw(tmp.resolve("src.img"), 3L * MIB + 4096, 5, 0, 3L * MIB - 65536);
        Path vhd = tmp.resolve("azure.vhd");
        Cli.Result r = Cli.run("disk", "convert", src, vhd, "--format", "vhd", "--subformat", "fixed", "--align", "1MiB", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Cli.run("disk", "info", vhd, "--json").json().get("virtualSize").asLong()).isEqualTo(4L * MIB);
        // qemu sees the same size (the size trap) and the same content, with zeros after the source's end.
        io.ovfkit.ovf.testing.Oracle.Result info = DiskFixtures.qemuImg("info", "-f", "vpc", "--output=json", vhd.toString());
        assertThat(info.stdout()).contains("\"virtual-size\": " + (4L * MIB));
        assertThat(java.nio.file.Files.size(vhd)).isEqualTo(4L * MIB + 512);
        Cli.Result cmp = Cli.run("disk", "compare", src, vhd);
        assertThat(cmp.exitCode()).as(cmp.out()).isZero();
        assertThat(cmp.err()).contains("the images differ in size");
    }

    @Test
    void aFixedVhdOfAPartialMibIsWrittenWithAWarning() {
        Path src = DiskFixtures.raw(tmp.resolve("src.img"), 3L * MIB + 4096, 5, 0);
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("odd.vhd"), "--format", "vhd", "--subformat", "fixed", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEqualTo("ovfkit: warning: the virtual size, " + (3L * MIB + 4096) + " bytes, is not a whole"
                + " number of MiB: Azure refuses such a VHD; convert with --align 1MiB to round it up" + System.lineSeparator());
        // Dynamic VHDs and other formats do not go to Azure as they are: no warning.
        Cli.Result d = Cli.run("disk", "convert", src, tmp.resolve("odd-dyn.vhd"), "--format", "vhd", "-q");
        assertThat(d.err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"100", "0", "1000", "2TiB"})
    void anAlignmentThatIsNotAWholeNumberOfSectorsIsAUsageError(String value) {
        Path src = DiskFixtures.usedRaw(tmp.resolve("src.img"));
        Cli.Result r = Cli.run("disk", "convert", src, tmp.resolve("dst.raw"), "--format", "raw", "--align", value);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--align");
        assertThat(DiskFixtures.names(tmp)).containsExactly("src.img");
    }

    @Test
    void helpNamesTheOptions() {
        for (String cmd : new String[] {"convert", "create"}) {
            Cli.Result r = Cli.run("disk", cmd, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("--block-size", "--cluster-size", "--sector-size", "--sync");
        }
    }
}
