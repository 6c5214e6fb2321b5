package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.testing.Oracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks stored gzip-compressed inside the OVA ({@code ovf:compression="gzip"}), which cannot be read
 * at random, converted by retarget as they stream by: a streamOptimized VMDK to Azure's fixed VHD,
 * raw content to vSphere's streamOptimized VMDK; content checked with {@code qemu-img compare}.
 */
class RetargetCompressedDiskTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void aGzipCompressedStreamOptimizedDiskBecomesAzuresFixedVhd() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path raw = RetargetFixtures.rawDisk(dir);
        Path in = gzipOva(Files.readAllBytes(RetargetFixtures.vmdk(raw, "streamOptimized")), "streamOptimized");
        Path out = dir.resolve("disk.vhd");
        try (OvfPackage p = OvfPackage.open(in)) {
            Retargeter.retarget(p, Targets.builtIn().get("azure"), out, RetargetOptions.defaults());
        }
        assertThat((Files.size(out) - 512) % (1 << 20)).isZero();
        run(qemuImg.toString(), "compare", "-f", "raw", "-F", "vpc", raw.toString(), out.toString());
    }

    @Test
    void gzipCompressedRawContentBecomesAStreamOptimizedVmdkForVsphere() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path raw = RetargetFixtures.rawDisk(dir);
        Path in = gzipOva(Files.readAllBytes(raw), "raw");
        Path out = dir.resolve("out.ova");
        TargetProfile vsphere = Targets.builtIn().get("vsphere");
        RetargetReport r;
        try (OvfPackage p = OvfPackage.open(in)) {
            r = Retargeter.retarget(p, vsphere, out, RetargetOptions.defaults());
        }
        assertThat(r.changes()).anySatisfy(c -> assertThat(c.rule()).isEqualTo("DISK-PAYLOAD"));
        Path vmdk = dir.resolve("extracted.vmdk");
        try (OvfPackage p = OvfPackage.open(out)) {
            assertThat(Linter.lint(p, List.of(vsphere)).findings()).isEmpty();
            assertThat(p.verify(io.ovfkit.ova.VerifyOptions.defaults()).ok()).isTrue();
            String href = p.descriptor().envelope().references().orElseThrow().files().get(0).getHref();
            try (InputStream s = p.openFile(href)) {
                Files.copy(s, vmdk);
            }
        }
        run(qemuImg.toString(), "compare", "-f", "raw", "-F", "vmdk", raw.toString(), vmdk.toString());
    }

    @Test
    void aGzipCompressedQcow2IsRefusedWithTheReasonAndNothingIsWritten() throws Exception {
        Path raw = RetargetFixtures.rawDisk(dir);
        Path qcow2 = dir.resolve("disk.qcow2");
        try (io.ovfkit.disk.DiskImage src = io.ovfkit.disk.DiskImages.open(raw);
                io.ovfkit.disk.DiskWriter w = io.ovfkit.disk.DiskWriters.create(qcow2, io.ovfkit.disk.WriteOptions
                        .builder(io.ovfkit.disk.DiskFormat.QCOW2, src.capacity()).build())) {
            io.ovfkit.disk.DiskConverter.builder().build().convert(src, w);
        }
        Path in = gzipOva(Files.readAllBytes(qcow2), "qcow2");
        Path out = dir.resolve("disk.vhd");
        try (OvfPackage p = OvfPackage.open(in)) {
            assertThatThrownBy(() -> Retargeter.retarget(p, Targets.builtIn().get("azure"), out,
                    RetargetOptions.defaults()))
                    .hasMessageContaining("cannot be read from a stream").hasMessageContaining("unpack --expand");
        }
        assertThat(out).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    /** An OVA whose one disk is stored gzip-compressed. */
    private Path gzipOva(byte[] disk, String kind) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(disk);
        }
        String format = kind.equals("streamOptimized")
                ? "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"
                : "http://example.invalid/" + kind;
        String ovf = Fixtures.descriptor()
                .replace("<File ovf:id=\"file1\" ovf:href=\"app-disk1.vmdk\"/>",
                        "<File ovf:id=\"file1\" ovf:href=\"app-disk1.vmdk\" ovf:compression=\"gzip\"/>")
                .replace("ovf:capacity=\"1\" ovf:capacityAllocationUnits=\"byte * 2^30\"",
                        "ovf:capacity=\"" + RetargetFixtures.CAPACITY + "\"")
                .replace("http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized", format);
        assertThat(ovf).contains("ovf:compression=\"gzip\"").contains(Long.toString(RetargetFixtures.CAPACITY));
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("app.ovf", Fixtures.utf8(ovf));
        m.put("app-disk1.vmdk", gz.toByteArray());
        return Fixtures.ova(dir, kind + ".ova", m, false);
    }

    private void run(String... cmd) {
        Oracle.Result r = Oracle.run(List.of(cmd), dir, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
