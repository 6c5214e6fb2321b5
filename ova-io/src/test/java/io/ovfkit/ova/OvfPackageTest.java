package io.ovfkit.ova;

import static io.ovfkit.ova.Packages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.ova.Packages.Members;
import io.ovfkit.ovf.MalformedDescriptorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening packages in every form and reading their files. */
class OvfPackageTest {
    @TempDir
    Path tmp;

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void anOvaGivesItsDescriptorMembersAndFiles() throws IOException {
        byte[] data = Packages.random(5000, 1);
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 5000L));
        Path ova = Packages.ova(tmp, "a.ova", List.of(file("a.ovf", ovf), file("data.bin", data)));
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(p.form()).isEqualTo(PackageForm.OVA);
            assertThat(p.randomAccess()).isTrue();
            assertThat(p.descriptor().originalBytes()).isEqualTo(ovf);
            assertThat(p.members()).extracting(Member::name).containsExactly("a.ovf", "data.bin");
            assertThat(p.members().get(1).offset()).isEqualTo(512 + ((ovf.length + 511) / 512) * 512 + 512);
            assertThat(p.manifest()).isEmpty();
            assertThat(p.certificate()).isEmpty();
            assertThat(read(p.openFile("data.bin"))).isEqualTo(data);
            assertThat(p.warnings()).isEmpty();
        }
    }

    @Test
    void theDescriptorIsFoundWhereverItIsWithAWarning() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", null));
        Path ova = Packages.ova(tmp, "late.ova", List.of(file("data.bin", new byte[7]), file("late.mf", new byte[0]),
                file("late.ovf", ovf), file("other.ovf", ovf)));
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(p.descriptorMember().name()).isEqualTo("late.ovf");
            assertThat(p.warnings()).anyMatch(w -> w.contains("not the first member"))
                    .anyMatch(w -> w.contains("several .ovf members; using the first, late.ovf"));
            assertThat(p.manifestBytes()).hasValue(new byte[0]);
        }
    }

    @Test
    void aManifestUnderAnotherBaseNameIsUsedWithAWarning() throws IOException {
        byte[] ovf = Packages.descriptor();
        byte[] mf = Packages.manifest(java.util.Map.of("x.ovf", ovf));
        Path ova = Packages.ova(tmp, "x.ova", List.of(file("x.ovf", ovf), file("other.mf", mf)));
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(p.manifest()).isPresent();
            assertThat(p.warnings()).anyMatch(w -> w.contains("using other.mf as the manifest"));
        }
    }

    @Test
    void aDescriptorThatIsNotXmlNamesTheMember() throws IOException {
        Path ova = Packages.ova(tmp, "bad.ova", List.of(file("bad.ovf", "<Envelope><oops".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> OvfPackage.open(ova)).isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("bad.ova!/bad.ovf");
    }

    @Test
    void gzipCompressionIsUndone() throws IOException {
        byte[] data = Packages.random(100_000, 2);
        byte[] gz = Packages.gzip(data);
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin.gz", (long) gz.length).compressed("gzip"));
        Path ova = Packages.ova(tmp, "z.ova", List.of(file("z.ovf", ovf), file("data.bin.gz", gz)));
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(read(p.openFile("data.bin.gz"))).isEqualTo(data);
            try (ReadableByteChannel stored = p.openMember("data.bin.gz")) {
                assertThat(read(Channels.newInputStream(stored))).isEqualTo(gz);
            }
            assertThatThrownBy(() -> p.openDisk("data.bin.gz")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("gzip cannot seek");
        }
    }

    @Test
    void chunksAreReadInOrderAcrossBoundaries() throws IOException {
        byte[] data = Packages.random(10_000, 3);
        int chunk = 4096;
        Members m = new Members().put("c.ovf", Packages.descriptor(FileSpec.plain("big.bin", 10_000L).chunked(chunk)));
        for (int i = 0; i * chunk < data.length; i++) {
            m.put(MemberNames.chunk("big.bin", i), Arrays.copyOfRange(data, i * chunk, Math.min(data.length, (i + 1) * chunk)));
        }
        Path ova = Packages.ova(tmp, "c.ova", m.entries());
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(read(p.openFile("big.bin"))).isEqualTo(data);
            assertThat(p.verify(VerifyOptions.defaults()).failures()).isEmpty();
        }
        try (OvfPackage p = OvfPackage.openStream(Files.newInputStream(ova), "stdin")) {
            assertThat(read(p.openFile("big.bin"))).isEqualTo(data);
        }
    }

    @Test
    void gzipThenChunksIsUndoneInThatOrder() throws IOException {
        byte[] data = Packages.random(50_000, 4);
        byte[] gz = Packages.gzip(data);
        int chunk = 10_000;
        Members m = new Members().put("g.ovf", Packages.descriptor(FileSpec.plain("d.vmdk", (long) gz.length)
                .compressed("gzip").chunked(chunk)));
        for (int i = 0; i * chunk < gz.length; i++) {
            m.put(MemberNames.chunk("d.vmdk", i), Arrays.copyOfRange(gz, i * chunk, Math.min(gz.length, (i + 1) * chunk)));
        }
        try (OvfPackage p = OvfPackage.open(Packages.ova(tmp, "g.ova", m.entries()))) {
            assertThat(read(p.openFile("d.vmdk"))).isEqualTo(data);
        }
    }

    @Test
    void aPlainVmdkOpensInPlaceWithRandomAccess() throws IOException {
        byte[] content = Packages.random(3 << 20, 5);
        Arrays.fill(content, 1 << 20, 2 << 20, (byte) 0);
        byte[] vmdk = Packages.vmdk(tmp, content, "streamOptimized");
        byte[] ovf = Packages.descriptor(FileSpec.disk("d.vmdk", vmdk.length, content.length));
        Path ova = Packages.ova(tmp, "v.ova", List.of(file("v.ovf", ovf), file("d.vmdk", vmdk)));
        try (OvfPackage p = OvfPackage.open(ova); DiskImage img = p.openDisk("d.vmdk")) {
            assertThat(img.format()).isEqualTo(DiskFormat.VMDK);
            assertThat(img.subformat()).isEqualTo("streamOptimized");
            assertThat(img.capacity()).isEqualTo(content.length);
            assertThat(img.actualSize()).isEqualTo(vmdk.length);
            assertThat(img.path().toString()).endsWith("v.ova!/d.vmdk");
            ByteBuffer b = ByteBuffer.allocate(100_000);
            img.read((2 << 20) + 12345, b);
            assertThat(b.array()).isEqualTo(Arrays.copyOfRange(content, (2 << 20) + 12345, (2 << 20) + 112345));
            assertThat(img.check().consistent()).isTrue();
        }
    }

    @Test
    void rawContentOpensInPlaceAsRaw() throws IOException {
        byte[] content = Packages.random(8192, 6);
        byte[] ovf = Packages.descriptor(FileSpec.plain("d.img", 8192L));
        Path ova = Packages.ova(tmp, "r.ova", List.of(file("r.ovf", ovf), file("d.img", content)));
        try (OvfPackage p = OvfPackage.open(ova); DiskImage img = p.openDisk("d.img")) {
            assertThat(img.format()).isEqualTo(DiskFormat.RAW);
            assertThat(img.capacity()).isEqualTo(8192);
            ByteBuffer b = ByteBuffer.allocate(100);
            img.read(8000, b);
            assertThat(b.array()).isEqualTo(Arrays.copyOfRange(content, 8000, 8100));
        }
    }

    @Test
    void aFolderIsItsDescriptorAndTheFilesBesideIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pkg"));
        byte[] data = Packages.random(1000, 7);
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 1000L));
        Files.write(dir.resolve("f.ovf"), ovf);
        Files.write(dir.resolve("data.bin"), data);
        Files.write(dir.resolve("f.mf"), Packages.manifest(java.util.Map.of("f.ovf", ovf, "data.bin", data)));
        for (Path open : List.of(dir, dir.resolve("f.ovf"))) {
            try (OvfPackage p = OvfPackage.open(open)) {
                assertThat(p.form()).isEqualTo(PackageForm.FOLDER);
                assertThat(read(p.openFile("data.bin"))).isEqualTo(data);
                assertThat(p.manifest().orElseThrow().entries()).hasSize(2);
                VerifyReport r = p.verify(VerifyOptions.defaults());
                assertThat(r.ok()).isTrue();
                assertThat(r.descriptorCovered()).isTrue();
            }
        }
    }

    @Test
    void aFolderWithSeveralDescriptorsAsksWhichOne() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Files.write(dir.resolve("a.ovf"), Packages.descriptor());
        Files.write(dir.resolve("b.ovf"), Packages.descriptor());
        assertThatThrownBy(() -> OvfPackage.open(dir)).isInstanceOf(PackageException.class)
                .hasMessageContaining("several .ovf descriptors").hasMessageContaining("a.ovf, b.ovf");
    }

    @Test
    void aSymbolicLinkOutOfAFolderIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("linked"));
        Path outside = Files.write(tmp.resolve("secret.bin"), new byte[10]);
        Files.write(dir.resolve("l.ovf"), Packages.descriptor(FileSpec.plain("data.bin", null)));
        Files.createSymbolicLink(dir.resolve("data.bin"), outside);
        try (OvfPackage p = OvfPackage.open(dir)) {
            assertThatThrownBy(() -> p.openFile("data.bin")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("leads out of the package's folder");
        }
    }

    @Test
    void aStreamHandsOutMembersInArchiveOrder() throws IOException {
        byte[] a = Packages.random(3 << 20, 8);
        byte[] b = Packages.random(2 << 20, 9);
        byte[] ovf = Packages.descriptor(FileSpec.plain("a.bin", null), FileSpec.plain("b.bin", null));
        byte[] tar = Packages.tar(List.of(file("s.ovf", ovf), file("a.bin", a), file("b.bin", b)));
        try (OvfPackage p = OvfPackage.openStream(new ByteArrayInputStream(tar), "stdin")) {
            assertThat(p.randomAccess()).isFalse();
            assertThat(read(p.openFile("b.bin"))).isEqualTo(b);
            assertThatThrownBy(() -> p.openFile("a.bin")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("already read past");
            assertThatThrownBy(() -> p.openDisk("b.bin")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("read as a stream");
        }
    }

    @Test
    void aGzipCompressedOvaIsReadAsAStream() throws IOException {
        byte[] data = Packages.random(1000, 10);
        byte[] tar = Packages.tar(List.of(file("g.ovf", Packages.descriptor(FileSpec.plain("d.bin", 1000L))),
                file("d.bin", data)));
        Path gz = Files.write(tmp.resolve("g.ova.gz"), Packages.gzip(tar));
        try (OvfPackage p = OvfPackage.open(gz)) {
            assertThat(p.randomAccess()).isFalse();
            assertThat(read(p.openFile("d.bin"))).isEqualTo(data);
        }
    }

    @Test
    void paxAndGnuLongNamesAreRead() throws IOException {
        String longName = "a-rather-long-disk-name-" + "x".repeat(120) + ".vmdk";
        byte[] data = Packages.random(600, 11);
        byte[] ovf = Packages.descriptor(FileSpec.plain(longName, 600L));
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            byte[] tar = Packages.tar(List.of(file("l.ovf", ovf), file(longName, data)), mode,
                    TarArchiveOutputStream.BIGNUMBER_POSIX);
            try (OvfPackage p = OvfPackage.open(Files.write(tmp.resolve("l" + mode + ".ova"), tar))) {
                assertThat(read(p.openFile(longName))).isEqualTo(data);
            }
        }
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("gone.bin", null));
        try (OvfPackage p = OvfPackage.open(Packages.ova(tmp, "m.ova", List.of(file("m.ovf", ovf))))) {
            assertThatThrownBy(() -> p.openFile("gone.bin")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("gone.bin").hasMessageContaining("no such file");
        }
    }

    @Test
    void otherCompressionsAreRefused() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("d.bz2", null).compressed("bzip2"));
        try (OvfPackage p = OvfPackage.open(Packages.ova(tmp, "b.ova", List.of(file("b.ovf", ovf),
                file("d.bz2", new byte[3]))))) {
            assertThatThrownBy(() -> p.openFile("d.bz2")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("bzip2");
        }
    }

    @Test
    void aMissingPathIsAnIoError() {
        assertThatThrownBy(() -> OvfPackage.open(tmp.resolve("nope.ova"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
