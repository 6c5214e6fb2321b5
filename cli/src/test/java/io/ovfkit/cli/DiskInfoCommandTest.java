package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskInfoCommandTest {
    @TempDir
    Path tmp;

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonOfARawImageHasExactlyTheDocumentedFields() throws Exception {
        Path img = DiskFixtures.usedRaw(tmp.resolve("disk.img"));
        Cli.Result r = Cli.run("disk", "info", img, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("format", "subformat", "virtualSize", "actualSize", "allocatedBytes",
                "details");
        assertThat(j.get("format").asText()).isEqualTo("raw");
        assertThat(j.get("subformat").asText()).isEqualTo("raw");
        assertThat(j.get("virtualSize").asLong()).isEqualTo(4L * MIB);
        assertThat(j.get("actualSize").asLong()).isEqualTo(Files.size(img));
        // Where the system tells the file's holes (lseek SEEK_DATA through JNA) only the written
        // blocks count (three of 64 KiB and the last file-system block); elsewhere a raw image is one
        // stored run.
        boolean holes;
        try (io.ovfkit.disk.raw.RawImage raw = io.ovfkit.disk.raw.RawImage.open(img)) {
            holes = raw.seesHoles() && raw.extents(0, 4L * MIB).size() > 1;
        }
        if (holes) {
            assertThat(j.get("allocatedBytes").asLong()).isBetween(3L * 65536 + 100, 2L * MIB);
        } else {
            assertThat(j.get("allocatedBytes").asLong()).isEqualTo(4L * MIB);
        }
        assertThat(j.get("details").isObject()).isTrue();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void textShowsSizesInBinaryUnits() {
        Path img = DiskFixtures.raw(tmp.resolve("disk.img"), 3L * MIB / 2, 1, 0);
        Cli.Result r = Cli.run("disk", "info", img);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("image: " + img).contains("file format: raw")
                .contains("virtual size: 1.5 MiB (1572864 bytes)").contains("disk size: ").contains("allocated: ");
    }

    @Test
    void aMissingFileIsExit3WithNothingOnStdout() {
        Cli.Result r = Cli.run("disk", "info", tmp.resolve("missing.img"), "--json");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ovfkit: ").contains("missing.img: no such file");
    }

    @Test
    void aCorruptVmdkIsExit3() {
        Cli.Result r = Cli.run("disk", "info", DiskFixtures.corruptVmdk(tmp.resolve("bad.vmdk")));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: ").contains("bad.vmdk");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void describesAVmdkThatQemuMade() throws Exception {
        Path raw = DiskFixtures.usedRaw(tmp.resolve("src.raw"));
        Path vmdk = tmp.resolve("qemu.vmdk");
        assertThat(DiskFixtures.qemuImg("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized",
                raw.toString(), vmdk.toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("disk", "info", vmdk, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("format").asText()).isEqualTo("vmdk");
        assertThat(j.get("subformat").asText()).isEqualTo("streamOptimized");
        assertThat(j.get("virtualSize").asLong()).isEqualTo(4L * MIB);
        assertThat(j.get("actualSize").asLong()).isEqualTo(Files.size(vmdk));
        // Four 64 KiB grains hold data (the last sector's text is in the last grain).
        assertThat(j.get("allocatedBytes").asLong()).isEqualTo(4L * 65536);
        assertThat(j.get("details").isObject()).isTrue();
        assertThat(j.get("details").size()).isPositive();

        Cli.Result text = Cli.run("disk", "info", vmdk);
        assertThat(text.out()).contains("file format: vmdk").contains("subformat: streamOptimized")
                .contains("virtual size: 4 MiB (4194304 bytes)").contains("details:");
    }
}
