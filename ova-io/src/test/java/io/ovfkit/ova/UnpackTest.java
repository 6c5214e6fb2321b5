package io.ovfkit.ova;

import static io.ovfkit.ova.Packages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ova.Packages.FileSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking writes every member as stored, inside the target folder only. */
class UnpackTest {
    @TempDir
    Path tmp;

    private final byte[] data = Packages.random(300_000, 1);
    private final byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 300_000L));

    private Path ova() throws IOException {
        return Packages.ova(tmp, "u.ova", List.of(file("u.ovf", ovf), file("u.mf",
                Packages.manifest(Map.of("u.ovf", ovf, "data.bin", data))), file("data.bin", data)));
    }

    @Test
    void unpackedFilesAreTheMembersAndVerifyAsAFolder() throws IOException {
        Path out = tmp.resolve("out");
        try (OvfPackage p = OvfPackage.open(ova())) {
            assertThat(p.unpack(out, false)).extracting(x -> x.getFileName().toString())
                    .containsExactly("u.ovf", "u.mf", "data.bin");
        }
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(data);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("u.ovf", "u.mf", "data.bin");
        }
        try (OvfPackage folder = OvfPackage.open(out)) {
            VerifyReport r = folder.verify(VerifyOptions.defaults());
            assertThat(r.ok()).isTrue();
            assertThat(r.descriptorCovered()).isTrue();
        }
    }

    @Test
    void aStreamUnpacksToo() throws IOException {
        Path out = tmp.resolve("fromstream");
        try (OvfPackage p = OvfPackage.openStream(new ByteArrayInputStream(Files.readAllBytes(ova())), "stdin")) {
            assertThat(p.unpack(out, false)).hasSize(3);
        }
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(data);
    }

    @Test
    void existingFilesAreKeptUnlessOverwriteIsAsked() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.write(out.resolve("data.bin"), new byte[1]);
        try (OvfPackage p = OvfPackage.open(ova())) {
            assertThatThrownBy(() -> p.unpack(out, false)).isInstanceOf(PackageException.class)
                    .hasMessageContaining("exists");
        }
        assertThat(Files.size(out.resolve("data.bin"))).isEqualTo(1);
        try (OvfPackage p = OvfPackage.open(ova())) {
            p.unpack(out, true);
        }
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(data);
    }

    @Test
    void aSymbolicLinkInTheTargetCannotLeadAMemberOut() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("trap"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("sub"), elsewhere);
        byte[] o = Packages.descriptor(FileSpec.plain("sub/x.bin", 3L));
        Path p2 = Packages.ova(tmp, "sub.ova", List.of(file("s.ovf", o), file("sub/x.bin", new byte[3])));
        try (OvfPackage p = OvfPackage.open(p2)) {
            assertThatThrownBy(() -> p.unpack(out, false)).isInstanceOf(PackageException.class)
                    .hasMessageContaining("symbolic link");
        }
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws IOException {
        Path out = tmp.resolve("clean");
        try (OvfPackage p = OvfPackage.open(ova())) {
            p.unpack(out, false);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
