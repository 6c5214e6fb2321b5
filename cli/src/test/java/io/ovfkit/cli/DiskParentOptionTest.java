package io.ovfkit.cli;

import static io.ovfkit.cli.DiskFixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --parent} of {@code disk info}, {@code disk check} and {@code disk compare}: a VirtualBox
 * snapshot ({@code Snapshots/child.vdi}, a differencing VDI) read over the base the user names.
 */
class DiskParentOptionTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    private Path src;
    private Path base;
    private Path child;
    /** The child's guest content: block 0 and 2 the base's, block 1 all 0x5A, block 3 zeros. */
    private Path expected;

    @BeforeEach
    void baseAndSnapshot() throws IOException {
        // Data in each of the four 1 MiB blocks, so that the base VDI allocates them all.
        src = DiskFixtures.raw(tmp.resolve("src.raw"), 4L * MIB, 9, 0, MIB + 4096, 2L * MIB + 65536, 4L * MIB - 65536);
        base = tmp.resolve("base.vdi");
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(base, WriteOptions.builder(DiskFormat.VDI, in.capacity()).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        child = Files.createDirectory(tmp.resolve("Snapshots")).resolve("child.vdi");
        differencing(base, child);
        byte[] e = Files.readAllBytes(src);
        Arrays.fill(e, MIB, 2 * MIB, (byte) 0x5A);
        Arrays.fill(e, 3 * MIB, 4 * MIB, (byte) 0);
        expected = Files.write(tmp.resolve("expected.raw"), e);
    }

    /**
     * A differencing VDI of {@code parent} (qemu-img cannot make one): type 4, the parent's creation
     * UUID as linkage UUID, its own creation UUID; block 0 and 2 free (the parent's), block 1 its
     * own, filled with 0x5A, block 3 zero; the allocated count matching, so that it checks consistent.
     */
    private static void differencing(Path parent, Path out) throws IOException {
        byte[] p = Files.readAllBytes(parent);
        byte[] c = p.clone();
        ByteBuffer h = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(76, 4);
        System.arraycopy(p, 392, c, 424, 16);
        c[392] ^= 1;
        int map = h.getInt(340);
        int data = h.getInt(344);
        int idx1 = h.getInt(map + 4);
        assertThat(idx1).as("block 1 of the base is allocated").isNotNegative();
        h.putInt(map, -1).putInt(map + 8, -1).putInt(map + 12, -2).putInt(388, 1);
        Arrays.fill(c, data + idx1 * MIB, data + (idx1 + 1) * MIB, (byte) 0x5A);
        Files.write(out, c);
    }

    private Path otherVdi() throws IOException {
        Path other = tmp.resolve("other.vdi");
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(other, WriteOptions.builder(DiskFormat.VDI, in.capacity()).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        return other;
    }

    private static String uuid(Path vdi, String key) throws IOException {
        try (DiskImage img = DiskImages.open(vdi)) {
            return (String) img.details().get(key);
        }
    }

    // disk info

    @Test
    void infoReadsTheSnapshotOverTheNamedParent() {
        Cli.Result r = Cli.run("disk", "info", child, "--parent", base);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("image: " + child + NL).contains("file format: vdi" + NL)
                .contains("subformat: differencing" + NL).contains("virtual size: 4 MiB (4194304 bytes)" + NL)
                // blocks 0 and 2 stored in the parent, block 1 in the child; block 3 is zero
                .contains("allocated: 3 MiB (3145728 bytes)" + NL).contains("  parent: " + base + NL);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void infoJsonNamesTheParentAndItsUuid() throws IOException {
        Cli.Result r = Cli.run("disk", "info", child, "--parent", base, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode d = r.json().get("details");
        assertThat(d.get("imageType").asText()).isEqualTo("differencing");
        assertThat(d.get("parent").asText()).isEqualTo(base.toString());
        assertThat(d.get("parentUuid").asText()).isEqualTo(uuid(base, "uuid"));
    }

    @Test
    void infoWithoutTheParentOfASnapshotInAnotherFolderIsExit3() {
        Cli.Result r = Cli.run("disk", "info", child);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ovfkit: " + child + ": at offset 424: ")
                .contains("is missing: no .vdi file in " + child.getParent());
    }

    @Test
    void infoWithAParentThatIsNotTheParentIsExit3NamingBothUuids() throws IOException {
        Path other = otherVdi();
        Cli.Result r = Cli.run("disk", "info", child, "--parent", other);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ovfkit: " + child + ": at offset 424: ").contains(uuid(base, "uuid"))
                .contains(uuid(other, "uuid")).contains(other.toString()).contains("not this image's parent");
    }

    @Test
    void infoWithAParentForABaseImageIsExit3() {
        Cli.Result r = Cli.run("disk", "info", base, "--parent", src);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("ovfkit: " + base + ": ").contains("not a differencing image");
    }

    @Test
    void infoWithAMissingParentIsExit3() {
        Cli.Result r = Cli.run("disk", "info", child, "--parent", tmp.resolve("missing.vdi"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("missing.vdi: no such file");
    }

    @Test
    void infoWithAParentAndAPackageMemberIsAUsageError() {
        Cli.Result r = Cli.run("disk", "info", child, "--member", "disk1.vdi", "--parent", base);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("ovfkit: --parent applies to a disk image file, not to a disk in a package");
    }

    @Test
    void aRawParentServesAsWell() {
        Cli.Result r = Cli.run("disk", "info", child, "--parent", src, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("details").get("parent").asText()).isEqualTo(src.toString());
    }

    // disk check

    @Test
    void checkOfTheSnapshotOverItsParentIsConsistent() {
        Cli.Result r = Cli.run("disk", "check", child, "--parent", base);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEqualTo("No errors were found on the image." + NL);

        Cli.Result j = Cli.run("disk", "check", child, "--parent", base, "--json");
        assertThat(j.exitCode()).isZero();
        assertThat(j.json().get("format").asText()).isEqualTo("vdi");
        assertThat(j.json().get("subformat").asText()).isEqualTo("differencing");
        assertThat(j.json().get("consistent").asBoolean()).isTrue();
    }

    @Test
    void checkWithAParentThatIsNotTheParentReportsItLikeAMissingParent() throws IOException {
        // Without --parent the missing parent is a finding (exit 1); a wrong --parent is reported the same way.
        Cli.Result missing = Cli.run("disk", "check", child);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("is missing");

        Path other = otherVdi();
        Cli.Result r = Cli.run("disk", "check", child, "--parent", other);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith(child + ": error: " + child + ": at offset 424: ")
                .contains(uuid(base, "uuid")).contains(uuid(other, "uuid")).contains("not this image's parent")
                .endsWith("1 corruption and 0 leaks found on the image." + NL);
    }

    @Test
    void checkWithAParentForABaseImageIsExit3() {
        Cli.Result r = Cli.run("disk", "check", base, "--parent", src);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ovfkit: " + base + ": ").contains("not a differencing image");
    }

    @Test
    void checkWithAParentForAnotherFormatIsExit3() throws IOException {
        Path vmdk = tmp.resolve("disk.vmdk");
        try (DiskImage in = DiskImages.open(src);
                DiskWriter w = DiskWriters.create(vmdk, WriteOptions.builder(DiskFormat.VMDK, in.capacity()).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        for (Path img : new Path[] {vmdk, src}) {
            Cli.Result r = Cli.run("disk", "check", img, "--parent", base);
            assertThat(r.exitCode()).as(img.toString()).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("ovfkit: " + img + ": ").contains("applies to VDI differencing images only")
                    .contains("VMDK, VHD, VHDX and QCOW2 name their parent inside the image");
        }
    }

    // disk convert

    @Test
    void convertFlattensTheSnapshotOverTheNamedParent() {
        Path out = tmp.resolve("flat.qcow2");
        Cli.Result r = Cli.run("disk", "convert", child, out, "--format", "qcow2", "--parent", base, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DiskFixtures.assertQemuCheckPasses(out, "qcow2");
        DiskFixtures.assertQemuCompareIdentical(expected, out, "qcow2");
    }

    @Test
    void convertWithoutTheParentIsExit3AndWritesNothing() {
        Path out = tmp.resolve("flat.raw");
        Cli.Result r = Cli.run("disk", "convert", child, out, "--format", "raw");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains(child.toString()).contains("is missing");
        assertThat(out).doesNotExist();
    }

    @Test
    void convertWithAParentThatIsNotTheParentIsExit3() throws IOException {
        Path other = otherVdi();
        Cli.Result r = Cli.run("disk", "convert", child, tmp.resolve("flat.raw"), "--format", "raw", "--parent", other);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains(uuid(other, "uuid")).contains("not this image's parent");
        assertThat(tmp.resolve("flat.raw")).doesNotExist();
    }

    // disk compare

    @Test
    void compareReadsTheFirstImageOverItsParent() {
        Cli.Result r = Cli.run("disk", "compare", child, expected, "--parent", base);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Images are identical." + NL);
        assertThat(r.err()).isEmpty();

        // The base differs from the snapshot first at block 1 (the base has zeros up to 1 MiB + 4096).
        Cli.Result d = Cli.run("disk", "compare", child, src, "--parent", base);
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.out()).isEqualTo("Content mismatch at offset " + MIB + "!" + NL);
    }

    @Test
    void compareWithoutTheParentIsExit3() {
        Cli.Result r = Cli.run("disk", "compare", child, expected);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(child.toString()).contains("is missing");
    }

    @Test
    void compareAppliesTheParentToTheFirstImageOnly() {
        Cli.Result r = Cli.run("disk", "compare", expected, child, "--parent", base);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("ovfkit: " + expected + ": this is a raw image");
    }

    @Test
    void compareWithAWrongParentIsExit3() throws IOException {
        Path other = otherVdi();
        Cli.Result r = Cli.run("disk", "compare", child, expected, "--parent", other);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not this image's parent");
    }

    // help

    @ParameterizedTest
    @ValueSource(strings = {"info", "check", "compare"})
    void helpShowsTheParentOption(String command) {
        Cli.Result r = Cli.run("disk", command, "--help");
        assertThat(r.exitCode()).isZero();
        String text = r.out().replaceAll("\\s+", " ");
        assertThat(text).contains("[--parent=PARENT]").contains("--parent=PARENT The parent of ")
                .contains("VDI differencing image")
                .contains("found by its UUID among the .vdi files beside");
        if (command.equals("compare")) {
            assertThat(text).contains("The parent of the FIRST image A");
        }
    }
}
