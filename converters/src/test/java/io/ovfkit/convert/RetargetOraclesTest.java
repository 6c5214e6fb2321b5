package io.ovfkit.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.testing.Govmomi;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retarget outputs checked by independent programs: virt-v2v, skopeo, umoci, GNU tar, Python, qemu-img, xmllint. */
class RetargetOraclesTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private Path retarget(String target, Path out) throws Exception {
        Path in = RetargetFixtures.messyOva(dir);
        try (OvfPackage p = OvfPackage.open(in)) {
            RetargetReport r = Retargeter.retarget(p, Targets.builtIn().get(target), out, RetargetOptions.defaults());
            assertThat(r.dryRun()).isFalse();
        }
        return out;
    }

    private Oracle.Result run(Path cwd, String... cmd) {
        Oracle.Result r = Oracle.run(List.of(cmd), cwd, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"libvirt", "portable"})
    void virtV2vReadsTheRetargetedOva(String target) throws Exception {
        Path v2v = Oracle.require("virt-v2v");
        Path out = retarget(target, dir.resolve("out.ova"));
        Oracle.Result r = Oracle.run(List.of(v2v.toString(), "-i", "ova", out.toString(), "--print-source"), dir,
                TIMEOUT, Map.of("LIBGUESTFS_BACKEND", "direct"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("memory: 536870912 (bytes)").contains("nr vCPUs: 1").contains("firmware: bios")
                .contains("0 [scsi]").contains("Bridge \"nat\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vsphere", "workstation", "virtualbox", "proxmox", "libvirt", "ovirt", "xen", "aws",
        "vcloud", "portable"})
    void theRetargetedDescriptorIsSchemaValid(String target) throws Exception {
        SharedCorpus.assumeAvailable();
        Path out = retarget(target, dir.resolve("out.ova"));
        Path ovf = dir.resolve("out.ovf");
        try (OvfPackage p = OvfPackage.open(out)) {
            Files.write(ovf, p.openFile(p.descriptorMember().name()).readAllBytes());
        }
        Oracle.Result r = Xmllint.validate(SharedCorpus.schemas().resolve("ovf-1"), "dsp8023.xsd", ovf);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        // VMware's own OVF parser (govmomi) reads it: one disk, its file, the system.
        String govmomi = Govmomi.summary(ovf).replaceAll("\\s+", "");
        assertThat(govmomi).contains("\"virtualSystem\":\"").contains("\"disks\":[{").contains("\"files\":[{");
    }

    @Test
    void kubevirtContainerDiskIsAnOciArchiveSkopeoAndUmociRead() throws Exception {
        Path skopeo = Oracle.require("skopeo");
        Path umoci = Oracle.require("umoci");
        Path qemuImg = Oracle.require("qemu-img");
        Path out = retarget("kubevirt", dir.resolve("disk.tar"));
        Oracle.Result inspect = run(dir, skopeo.toString(), "inspect", "oci-archive:" + out);
        assertThat(inspect.stdout()).contains("\"Architecture\": \"amd64\"").contains("\"Os\": \"linux\"")
                .containsPattern("\"Layers\": \\[\\s*\"sha256:[0-9a-f]{64}\"\\s*\\]");
        Path layout = Files.createDirectory(dir.resolve("layout"));
        run(dir, "tar", "-xf", out.toString(), "-C", layout.toString());
        run(dir, umoci.toString(), "unpack", "--image", layout + ":latest", dir.resolve("bundle").toString());
        Path qcow = dir.resolve("bundle/rootfs/disk/vmdisk1.qcow2");
        assertThat(qcow).isRegularFile();
        assertThat(Files.getAttribute(qcow, "unix:uid")).isEqualTo(107);
        assertThat(Files.getAttribute(qcow, "unix:gid")).isEqualTo(107);
        run(dir, qemuImg.toString(), "check", qcow.toString());
        run(dir, qemuImg.toString(), "compare", "-f", "raw", "-F", "qcow2", dir.resolve("guest.raw").toString(),
                qcow.toString());
    }

    @Test
    void gceArchiveIsAGzippedGnuTarOfDiskRaw() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path out = retarget("gce", dir.resolve("image.tar.gz"));
        Oracle.Result list = run(dir, "tar", "-tvzf", out.toString());
        assertThat(list.stdout().strip()).matches("-rw-r--r-- 0/0 +1073741824 .* disk\\.raw");
        Oracle.Result py = run(dir, "python3", "-c", "import tarfile,sys\n"
                + "t=tarfile.open(sys.argv[1],'r:gz')\n"
                + "m=t.getmembers()\n"
                + "import gzip\n"
                + "h=gzip.open(sys.argv[1]).read(512)\n"
                + "print(len(m), m[0].name, m[0].size, h[257:265]==b'ustar  \\0')\n"
                + "t.extractall(sys.argv[2])\n", out.toString(), dir.toString());
        assertThat(py.stdout().strip()).isEqualTo("1 disk.raw 1073741824 True");
        run(dir, qemuImg.toString(), "compare", "-f", "raw", "-F", "raw", dir.resolve("guest.raw").toString(),
                dir.resolve("disk.raw").toString());
    }

    @Test
    void azureDiskIsAFixedVhdOfWholeMib() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path out = retarget("azure", dir.resolve("disk.vhd"));
        long size = Files.size(out);
        assertThat((size - 512) % (1 << 20)).isZero();
        ByteBuffer footer = ByteBuffer.allocate(512);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
            ch.read(footer, size - 512);
        }
        assertThat(new String(footer.array(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("conectix");
        assertThat(footer.getLong(48)).isEqualTo(size - 512); // current size
        assertThat(footer.getInt(60)).isEqualTo(2); // fixed disk
        Oracle.Result info = run(dir, qemuImg.toString(), "info", "-f", "vpc", "--output=json", out.toString());
        assertThat(info.stdout()).contains("\"virtual-size\": " + (size - 512));
        run(dir, qemuImg.toString(), "compare", "-f", "raw", "-F", "vpc", dir.resolve("guest.raw").toString(),
                out.toString());
        String json = Files.readString(dir.resolve("disk.vhd.json"));
        assertThat(json).contains("\"generation\": 1").contains("\"cpus\": 1").contains("\"memoryMiB\": 512")
                .contains("\"type\": \"VmxNet3\"");
    }

    @Test
    void hypervFolderHoldsOneVhdxPerDiskAndTheHardware() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path out = retarget("hyperv", dir.resolve("vm"));
        assertThat(out.resolve("VM.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("VM.json"))).contains("\"generation\": 1")
                .contains("\"file\": \"vmdisk1.vhdx\"");
        run(dir, qemuImg.toString(), "check", "-f", "vhdx", out.resolve("vmdisk1.vhdx").toString());
        run(dir, qemuImg.toString(), "compare", "-f", "raw", "-F", "vhdx", dir.resolve("guest.raw").toString(),
                out.resolve("vmdisk1.vhdx").toString());
    }

    @Test
    void aTebibyteSparseDiskBecomesAContainerDiskInOnePassWithoutStaging() throws Exception {
        Path qemuImg = Oracle.require("qemu-img");
        Path folder = Files.createDirectory(dir.resolve("big"));
        long capacity = 1L << 40;
        try (FileChannel ch = FileChannel.open(folder.resolve("big-disk1.raw"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("first sector".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
            ch.write(ByteBuffer.wrap("far away".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), capacity - 4096);
            ch.write(ByteBuffer.wrap(new byte[] {'!'}), capacity - 1); // the file's size is the capacity
        }
        String ovf = Fixtures.descriptor("big-disk1.raw", "byte * 2^20", "ovf:/disk/vmdisk1", "")
                .replace("ovf:capacity=\"1\" ovf:capacityAllocationUnits=\"byte * 2^30\"", "ovf:capacity=\"" + capacity + "\"");
        Files.writeString(folder.resolve("big.ovf"), ovf);
        Path out = dir.resolve("big.tar");
        try (OvfPackage p = OvfPackage.open(folder.resolve("big.ovf"))) {
            Retargeter.retarget(p, Targets.builtIn().get("kubevirt"), out, RetargetOptions.defaults());
        }
        assertThat(Files.size(out)).isLessThan(4L << 20); // the tables of 1 TiB and two data clusters
        try (var s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("big", "big.tar");
        }
        Path layout = Files.createDirectory(dir.resolve("layout"));
        run(dir, "tar", "-xf", out.toString(), "-C", layout.toString());
        Path extracted = Files.createDirectory(dir.resolve("x"));
        try (var blobs = Files.list(layout.resolve("blobs/sha256"))) {
            Path layer = blobs.max(java.util.Comparator.comparingLong(b -> b.toFile().length())).orElseThrow();
            run(dir, "tar", "-xf", layer.toString(), "-C", extracted.toString());
        }
        Path qcow = extracted.resolve("disk/vmdisk1.qcow2");
        Oracle.Result info = run(dir, qemuImg.toString(), "info", "--output=json", qcow.toString());
        assertThat(info.stdout()).contains("\"virtual-size\": " + capacity).contains("\"format\": \"qcow2\"");
        run(dir, qemuImg.toString(), "check", qcow.toString());
        run(dir, qemuImg.toString(), "compare", "-f", "raw", "-F", "qcow2", folder.resolve("big-disk1.raw").toString(),
                qcow.toString());
    }
}
