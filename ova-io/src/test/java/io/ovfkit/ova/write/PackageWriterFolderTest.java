package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.Signatures;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVF packages written as folders, and packages made from a folder with {@link PackageWriter#filesFrom}. */
class PackageWriterFolderTest {
    private static final long CAPACITY = 3L << 20;

    @TempDir
    Path dir;

    Path source;

    @BeforeEach
    void inputs() {
        source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 3);
    }

    private PackageResult writeFolder(Path folder, PackageOptions o) throws IOException {
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toFolder(folder, o)) {
            return w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img).finish();
        }
    }

    @Test
    void folderHoldsDescriptorManifestCertificateAndDisk() throws IOException {
        Path folder = dir.resolve("out");
        PackageResult r = writeFolder(folder, PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        try (var s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("web-disk1.vmdk", "web.cert", "web.mf", "web.ovf");
        }
        OvfDescriptor d = Ovf.read(folder.resolve("web.ovf"));
        FileReference f = d.envelope().references().orElseThrow().files().get(0);
        assertThat(f.getSize()).isEqualTo(Files.size(folder.resolve("web-disk1.vmdk")));
        assertThat(d.envelope().diskSection().orElseThrow().getDisks().get(0).getPopulatedSize()).isPositive();
        assertThat(Fixtures.qemuCompare(source, folder.resolve("web-disk1.vmdk")).ok()).isTrue();
        byte[] mf = Files.readAllBytes(folder.resolve("web.mf"));
        assertThat(Manifest.parseStrict(mf, "web.mf")).isEqualTo(r.manifest().orElseThrow());
        assertThat(Signatures.verify(CertificateFile.read(folder.resolve("web.cert")), mf, TrustAnchors.none(), Instant.now())
                .signatureValid()).isTrue();
        assertThat(r.members()).allMatch(m -> m.dataOffset() == -1);
    }

    @Test
    void staleCertificateIsRemovedWhenTheNewPackageIsNotSigned() throws IOException {
        Path folder = dir.resolve("out");
        writeFolder(folder, PackageOptions.builder().signer(TestKeys.rsa().signer()).build());
        PackageResult r = writeFolder(folder, PackageOptions.defaults());
        assertThat(folder.resolve("web.cert")).doesNotExist();
        assertThat(r.warnings()).singleElement().asString().contains("web.cert");
    }

    @Test
    void failureLeavesNoFileInANewFolder() throws IOException {
        Path folder = dir.resolve("out");
        try (DiskImage img = new FailingImage(DiskImages.open(source), 1L << 20);
                PackageWriter w = PackageWriter.toFolder(folder, PackageOptions.defaults())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img);
            assertThatThrownBy(w::finish).hasMessageContaining("injected");
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void filesFromAFolderAreCopiedInReferencesOrderIncludingChunks() throws IOException {
        // An OVF folder with a chunked disk and an ISO, packed into an OVA as they are.
        Path in = dir.resolve("in");
        writeFolderWithChunks(in);
        OvfDescriptor d = Ovf.read(in.resolve("app.ovf"));
        Path ova = dir.resolve("app.ova");
        PackageResult r;
        try (PackageWriter w = PackageWriter.toOva(ova, PackageOptions.defaults())) {
            r = w.descriptor(d, "app.ovf").filesFrom(in).finish();
        }
        List<String> files = new java.util.ArrayList<>();
        try (var s = Files.list(in)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("app-disk1.vmdk.")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(2);
        files.add("notes.txt");
        List<String> expected = new java.util.ArrayList<>(List.of("app.ovf", "app.mf"));
        expected.addAll(files);
        assertThat(Fixtures.gnuTarNames(ova)).containsExactlyElementsOf(expected);
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        for (String n : files) {
            assertThat(Files.readAllBytes(out.resolve(n))).as(n).isEqualTo(Files.readAllBytes(in.resolve(n)));
        }
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void filesFromRefusesAnHrefLeavingTheFolder() throws IOException {
        OvfDescriptor d = Fixtures.appliance("app");
        d.envelope().references().orElseThrow().children().add(new FileReference("f", "../secret.txt"));
        try (PackageWriter w = PackageWriter.toOva(dir.resolve("x.ova"), PackageOptions.defaults())) {
            assertThatThrownBy(() -> w.descriptor(d, "app.ovf").filesFrom(dir.resolve("in")))
                    .isInstanceOf(PackageException.class).hasMessageContaining("'..'");
        }
    }

    @Test
    void filesFromNamesAMissingFile() throws IOException {
        OvfDescriptor d = Fixtures.appliance("app");
        d.envelope().references().orElseThrow().children().add(new FileReference("f", "missing.iso"));
        try (PackageWriter w = PackageWriter.toOva(dir.resolve("x.ova"), PackageOptions.defaults())) {
            assertThatThrownBy(() -> w.descriptor(d, "app.ovf").filesFrom(dir))
                    .isInstanceOf(PackageException.class).hasMessageContaining("missing.iso");
        }
    }

    /** in/app.ovf with a 256 KiB-chunked converted disk and notes.txt. */
    private void writeFolderWithChunks(Path in) throws IOException {
        OvfDescriptor d = Fixtures.appliance("app", CAPACITY);
        d.envelope().references().orElseThrow().children().add(new FileReference("file2", "notes.txt"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n", StandardCharsets.US_ASCII);
        try (DiskImage img = DiskImages.open(source);
                PackageWriter w = PackageWriter.toFolder(in, PackageOptions.builder().chunkSize(256L << 10).build())) {
            w.descriptor(d, "app.ovf").disk("app-disk1.vmdk", img).file("notes.txt", notes).finish();
        }
        // notes.txt was chunked as well (one chunk); make it a plain file as another tool would have written it.
        Files.move(in.resolve("notes.txt.000000000"), in.resolve("notes.txt"));
        OvfDescriptor written = Ovf.read(in.resolve("app.ovf"));
        written.envelope().references().orElseThrow().files().get(1).setChunkSize(null);
        written.write(in.resolve("app.ovf"));
    }
}
