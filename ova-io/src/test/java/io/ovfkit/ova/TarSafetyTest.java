package io.ovfkit.ova;

import static io.ovfkit.ova.Packages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ova.Packages.Entry;
import io.ovfkit.ova.Packages.FileSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unsafe and damaged archives are refused with the member and the offset, read at random or as a stream. */
class TarSafetyTest {
    @TempDir
    Path tmp;

    enum Reading { FILE, STREAM }

    private static final byte[] OVF = Packages.descriptor(FileSpec.plain("data.bin", null));

    private OvfPackage open(byte[] tar, Reading how) throws IOException {
        if (how == Reading.STREAM) {
            return OvfPackage.openStream(new ByteArrayInputStream(tar), "stdin");
        }
        return OvfPackage.open(Files.write(tmp.resolve("p.ova"), tar));
    }

    /** Opens and reads the whole package (a stream finds a bad member only when it gets there). */
    private void read(byte[] tar, Reading how) throws IOException {
        try (OvfPackage p = open(tar, how)) {
            p.verify(VerifyOptions.defaults());
        }
    }

    private static List<Entry> with(Entry... more) {
        List<Entry> l = new ArrayList<>();
        l.add(file("p.ovf", OVF));
        l.addAll(Arrays.asList(more));
        return l;
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDotDotMemberIsRefusedByName(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("../evil.txt", new byte[10])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("../evil.txt").hasMessageContaining("leaves the package")
                .satisfies(e -> assertThat(((PackageException) e).member()).isEqualTo("../evil.txt"));
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void anAbsoluteMemberIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("/etc/passwd", new byte[10])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("/etc/passwd").hasMessageContaining("absolute");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDriveLetterIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("C:/Windows/evil.dll", new byte[10])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("drive letter");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aBackslashIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("..\\evil.txt", new byte[10])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class).hasMessageContaining("backslash");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aSymbolicLinkIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(Entry.symlink("data.bin", "/etc/shadow")));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("data.bin").hasMessageContaining("symbolic link").hasMessageContaining("/etc/shadow")
                .hasMessageContaining("at offset");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aHardLinkIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(Entry.hardlink("data.bin", "p.ovf")));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("hard link");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDeviceIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(Entry.device("null")));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class).hasMessageContaining("device");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDuplicateMemberIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("data.bin", new byte[10]), file("data.bin", new byte[20])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("data.bin").hasMessageContaining("duplicate")
                .satisfies(e -> assertThat(((PackageException) e).offset())
                        .isEqualTo(512 + ((OVF.length + 511) / 512) * 512 + 1024L));
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDescriptorTwiceUnderTheSameNameIsRefused(Reading how) throws IOException {
        byte[] tar = Packages.tar(with(file("p.ovf", OVF)));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class).hasMessageContaining("duplicate");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void aDirectoryEntryIsSkippedWithAWarningAndDotSlashIsRemoved(Reading how) throws IOException {
        byte[] tar = Packages.tar(List.of(Entry.dir("./"), file("./p.ovf", OVF), Entry.dir("sub/"),
                file("./data.bin", new byte[3])));
        try (OvfPackage p = open(tar, how)) {
            assertThat(p.descriptorMember().name()).isEqualTo("p.ovf");
            assertThat(p.member("data.bin")).isPresent();
            assertThat(p.warnings()).anyMatch(w -> w.contains("directory entry \"sub/\" ignored"));
        }
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void anArchiveCutInsideAMemberNamesItAndTheOffset(Reading how) throws IOException {
        byte[] full = Packages.tar(with(file("data.bin", new byte[100_000])));
        byte[] cut = Arrays.copyOf(full, 60_000);
        assertThatThrownBy(() -> read(cut, how)).isInstanceOf(PackageException.class).hasMessageContaining("truncated").hasMessageContaining("data.bin")
                .satisfies(e -> assertThat(((PackageException) e).offset()).isPositive());
    }

    @Test
    void anArchiveCutInsideAHeaderSaysSo() throws IOException {
        byte[] full = Packages.tar(with(file("data.bin", new byte[100])));
        // p.ovf: header at 0, data 512..; data.bin's header starts after the descriptor's padded data.
        int second = 512 + ((OVF.length + 511) / 512) * 512;
        byte[] cut = Arrays.copyOf(full, second + 300);
        assertThatThrownBy(() -> open(cut, Reading.FILE)).isInstanceOf(PackageException.class)
                .hasMessageContaining("truncated").hasMessageContaining("300 of its 512 bytes")
                .satisfies(e -> assertThat(((PackageException) e).offset()).isEqualTo(second));
    }

    @Test
    void anArchiveWithoutEndMarkerReadsWithAWarning() throws IOException {
        byte[] full = Packages.tar(with(file("data.bin", new byte[100])));
        int end = 512 + ((OVF.length + 511) / 512) * 512 + 1024;
        try (OvfPackage p = open(Arrays.copyOf(full, end), Reading.FILE)) {
            assertThat(p.members()).hasSize(2);
            assertThat(p.warnings()).anyMatch(w -> w.contains("no end-of-archive marker"));
        }
    }

    @Test
    void garbageIsNotAnArchive() throws IOException {
        byte[] junk = Packages.random(4096, 3);
        assertThatThrownBy(() -> open(junk, Reading.FILE)).isInstanceOf(PackageException.class)
                .hasMessageContaining("tar");
    }

    @ParameterizedTest
    @EnumSource(Reading.class)
    void anArchiveWithoutDescriptorSaysSoAndListsTheMembers(Reading how) throws IOException {
        byte[] tar = Packages.tar(List.of(file("disk.vmdk", new byte[5])));
        assertThatThrownBy(() -> read(tar, how)).isInstanceOf(PackageException.class)
                .hasMessageContaining("no .ovf descriptor").hasMessageContaining("disk.vmdk");
    }

    @Test
    void anUnsafeHrefIsRefusedWhenOpened() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("../../etc/passwd", null));
        try (OvfPackage p = open(Packages.tar(List.of(file("p.ovf", ovf))), Reading.FILE)) {
            assertThatThrownBy(() -> p.openFile("../../etc/passwd")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("unsafe ovf:href");
        }
    }

    @Test
    void anAbsoluteUrlHrefIsRefused() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("http://example.org/disk.vmdk", null));
        try (OvfPackage p = open(Packages.tar(List.of(file("p.ovf", ovf))), Reading.FILE)) {
            assertThatThrownBy(() -> p.openFile("http://example.org/disk.vmdk")).isInstanceOf(PackageException.class)
                    .hasMessageContaining("absolute URL");
        }
    }

    @Test
    void memberNamesPolicy() {
        assertThat(MemberNames.normalize("./a.vmdk")).isEqualTo("a.vmdk");
        assertThat(MemberNames.normalize("sub/a.vmdk")).isEqualTo("sub/a.vmdk");
        assertThat(MemberNames.normalize("disk 1 (copy).vmdk")).isEqualTo("disk 1 (copy).vmdk");
        assertThat(MemberNames.normalize("a/../b")).isNull();
        assertThat(MemberNames.normalize("a//b")).isNull();
        assertThat(MemberNames.normalize("a/./b")).isNull();
        assertThat(MemberNames.normalize("a\u0000b")).isNull();
        assertThat(MemberNames.normalize("")).isNull();
        assertThat(MemberNames.normalize("d:x")).isNull();
        assertThat(MemberNames.chunk("disk.vmdk", 12)).isEqualTo("disk.vmdk.000000012");
    }
}
