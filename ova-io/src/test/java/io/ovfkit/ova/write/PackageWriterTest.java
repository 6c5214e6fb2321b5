package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVAs written to a file: order, headers, sizes, digests, disks, signature, as other programs see them. */
class PackageWriterTest {
    private static final long CAPACITY = 6L << 20;
    private static final Instant T = Instant.ofEpochSecond(1_750_000_000L);

    @TempDir
    Path dir;

    Path source;
    Path iso;

    @BeforeEach
    void inputs() throws IOException {
        source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 1);
        iso = Files.write(dir.resolve("tools.iso"), "not really an ISO 9660 image\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
    }

    private PackageOptions.Builder options() {
        return PackageOptions.builder().modificationTime(T).threads(2);
    }

    /** web.ova: one converted disk and one copied file (added to References after the disk). */
    private PackageResult write(Path ova, PackageOptions options) throws IOException {
        OvfDescriptor d = Fixtures.appliance("web", CAPACITY);
        d.envelope().references().orElseThrow().children().add(new FileReference("file2", "tools.iso"));
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toOva(ova, options)) {
            w.descriptor(d, "web.ovf");
            w.disk("web-disk1.vmdk", img);
            w.file("tools.iso", iso);
            return w.finish();
        }
    }

    @Test
    void membersAreDescriptorManifestThenFilesInReferencesOrder() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().build());
        List<String> order = List.of("web.ovf", "web.mf", "web-disk1.vmdk", "tools.iso");
        assertThat(r.members()).extracting(PackageResult.Member::name).containsExactlyElementsOf(order);
        assertThat(Fixtures.pythonNames(ova)).containsExactlyElementsOf(order);
        assertThat(Fixtures.gnuTarNames(ova)).containsExactlyElementsOf(order);
    }

    @Test
    void headersAreUstarMode0644RootOwnedWithTheGivenTime() throws IOException {
        Path ova = dir.resolve("web.ova");
        write(ova, options().build());
        List<Fixtures.Header> hs = Fixtures.headers(ova);
        assertThat(hs).hasSize(4);
        for (Fixtures.Header h : hs) {
            assertThat(h.magic()).isEqualTo("ustar\0");
            assertThat(h.version()).isEqualTo("00");
            assertThat(h.type()).isEqualTo('0');
            assertThat(h.mode()).isEqualTo("0000644 ");
            assertThat(h.uid()).isEqualTo("0000000 ");
            assertThat(h.gid()).isEqualTo("0000000 ");
            assertThat(h.uname()).isEmpty();
            assertThat(h.gname()).isEmpty();
            assertThat(h.mtime()).isEqualTo(T.getEpochSecond());
            assertThat(h.checksumOk()).as(h.name()).isTrue();
        }
        for (String[] m : Fixtures.pythonMembers(ova)) {
            assertThat(m[2]).isEqualTo("644");
            assertThat(m[3]).isEqualTo("0");
            assertThat(m[4]).isEqualTo("0");
            assertThat(m[7]).isEqualTo(Long.toString(T.getEpochSecond()));
        }
        // Two zero blocks end the archive, nothing after them.
        Fixtures.Header last = hs.get(hs.size() - 1);
        assertThat(Files.size(ova)).isEqualTo(last.offset() + 512 + TarFormat.roundUp(last.size()) + 1024);
    }

    @Test
    void descriptorStatesExactSizesAndPopulatedSize() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().build());
        PackageResult.Member dm = r.member("web.ovf").orElseThrow();
        OvfDescriptor d = Ovf.read(Fixtures.slice(ova, dm.dataOffset(), dm.size()), "web.ovf");
        Map<String, Long> sizes = new java.util.HashMap<>();
        for (FileReference f : d.envelope().references().orElseThrow().files()) {
            sizes.put(f.getHref(), f.getSize());
        }
        assertThat(sizes).containsEntry("web-disk1.vmdk", r.member("web-disk1.vmdk").orElseThrow().size())
                .containsEntry("tools.iso", Files.size(iso));
        VirtualDisk disk = d.envelope().diskSection().orElseThrow().getDisks().get(0);
        assertThat(disk.getFormat()).isEqualTo(DiskEncoding.STREAM_OPTIMIZED.formatUri());
        assertThat(disk.getPopulatedSize()).isPositive().isLessThanOrEqualTo(CAPACITY);
        // populatedSize counts the guest bytes of the 64 KiB grains that hold data (the source is whole grains).
        byte[] raw = Files.readAllBytes(source);
        long populated = 0;
        for (int off = 0; off < raw.length; off += 65536) {
            for (int i = off; i < off + 65536; i++) {
                if (raw[i] != 0) {
                    populated += 65536;
                    break;
                }
            }
        }
        assertThat(disk.getPopulatedSize()).isEqualTo(populated);
    }

    @Test
    void descriptorIsSchemaValidAfterPadding() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().build());
        PackageResult.Member dm = r.member("web.ovf").orElseThrow();
        byte[] desc = Fixtures.slice(ova, dm.dataOffset(), dm.size());
        // The place reserved for 19-digit numbers is taken up by whitespace after the root element.
        String text = new String(desc, StandardCharsets.UTF_8);
        assertThat(text.substring(text.lastIndexOf("</Envelope>") + "</Envelope>".length())).isBlank();
        Path file = Files.write(dir.resolve("extracted.ovf"), desc);
        Path schemas = schemas();
        Path xmllint = Oracle.require("xmllint");
        Oracle.Result r2 = Oracle.run(List.of(xmllint.toString(), "--nonet", "--noout", "--schema",
                schemas.resolve("ovf-1/dsp8023.xsd").toString(), file.toString()), null, Fixtures.TIMEOUT,
                Map.of("XML_CATALOG_FILES", schemas.resolve("ovf-1/catalog.xml").toString()));
        assertThat(r2.ok()).as(r2.describe()).isTrue();
    }

    static Path schemas() {
        String env = System.getenv("OVFKIT_SHARED");
        for (Path c : new Path[] {env == null ? null : Path.of(env), Path.of("../../shared"), Path.of("../shared")}) {
            if (c != null && Files.isDirectory(c.resolve("corpus/schemas/ovf-1"))) {
                return c.resolve("corpus/schemas");
            }
        }
        org.junit.jupiter.api.Assumptions.abort("shared/corpus/schemas not found; set OVFKIT_SHARED");
        return null;
    }

    @Test
    void manifestDigestsMatchSha256sumOfTheExtractedMembers() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().build());
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        Manifest mf = Manifest.parseStrict(Files.readAllBytes(out.resolve("web.mf")), "web.mf");
        assertThat(mf.names()).containsExactly("web.ovf", "web-disk1.vmdk", "tools.iso");
        List<String> hex = Fixtures.sha256sum(out, mf.names());
        for (int i = 0; i < hex.size(); i++) {
            assertThat(mf.entries().get(i).digest().hex()).as(mf.names().get(i)).isEqualTo(hex.get(i));
        }
        assertThat(r.manifest()).contains(mf);
        assertThat(Files.readAllBytes(out.resolve("tools.iso"))).isEqualTo(Files.readAllBytes(iso));
    }

    @Test
    void diskMemberHasTheSourceContentForQemuImg() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().build());
        PackageResult.Member disk = r.member("web-disk1.vmdk").orElseThrow();
        Oracle.Result c = Fixtures.qemuCompareInPlace(source, ova, disk.dataOffset(), disk.size());
        assertThat(c.ok()).as(c.describe()).isTrue();
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        Oracle.Result check = Oracle.run(List.of(Oracle.require("qemu-img").toString(), "check", "-f", "vmdk",
                out.resolve("web-disk1.vmdk").toString()), null, Fixtures.TIMEOUT);
        assertThat(check.ok()).as(check.describe()).isTrue();
        assertThat(Fixtures.qemuCompare(source, out.resolve("web-disk1.vmdk")).ok()).isTrue();
    }

    @Test
    void sha1AndSha512Manifests() throws IOException {
        for (DigestAlgorithm alg : List.of(DigestAlgorithm.SHA1, DigestAlgorithm.SHA512)) {
            Path ova = dir.resolve("web-" + alg + ".ova");
            PackageResult r = write(ova, options().digest(alg).build());
            PackageResult.Member mfm = r.member("web.mf").orElseThrow();
            Manifest mf = Manifest.parseStrict(Fixtures.slice(ova, mfm.dataOffset(), mfm.size()), "web.mf");
            assertThat(mf.algorithms()).containsExactly(alg);
            PackageResult.Member disk = r.member("web-disk1.vmdk").orElseThrow();
            assertThat(mf.entry("web-disk1.vmdk").orElseThrow().digest())
                    .isEqualTo(Digests.of(Fixtures.slice(ova, disk.dataOffset(), disk.size()), alg));
        }
    }

    @Test
    void noManifestMeansJustDescriptorAndFiles() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().noManifest().build());
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web-disk1.vmdk", "tools.iso");
        assertThat(r.manifest()).isEmpty();
        assertThat(r.members().get(0).digest()).isNull();
    }

    @Test
    void signedWithRsaVerifiesWithOpenssl() throws IOException {
        assertOpensslVerifies(TestKeys.rsa(), DigestAlgorithm.SHA256);
    }

    @Test
    void signedWithEcdsaVerifiesWithOpenssl() throws IOException {
        assertOpensslVerifies(TestKeys.ec(), DigestAlgorithm.SHA512);
    }

    private void assertOpensslVerifies(TestKeys.Signer key, DigestAlgorithm digest) throws IOException {
        Path openssl = Oracle.require("openssl");
        Path ova = dir.resolve("signed.ova");
        PackageResult r = write(ova, options().signer(key.signer()).signatureDigest(digest).build());
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk", "tools.iso");
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        String cert = Files.readString(out.resolve("web.cert"), StandardCharsets.US_ASCII);
        String first = cert.substring(0, cert.indexOf('\n'));
        assertThat(first).matches(digest.manifestName() + "\\(web\\.mf\\)= [0-9a-f]+");
        Files.write(out.resolve("sig.bin"), HexFormat.of().parseHex(first.substring(first.indexOf("= ") + 2)));
        Files.writeString(out.resolve("signer.pem"), cert.substring(cert.indexOf("-----BEGIN CERTIFICATE-----")));
        Oracle.Result pub = Fixtures.run(List.of(openssl.toString(), "x509", "-in", "signer.pem", "-pubkey", "-noout"), out);
        Files.writeString(out.resolve("pub.pem"), pub.stdout());
        Oracle.Result v = Fixtures.run(List.of(openssl.toString(), "dgst", "-" + digest.manifestName().toLowerCase(),
                "-verify", "pub.pem", "-signature", "sig.bin", "web.mf"), out);
        assertThat(v.stdout()).contains("Verified OK");
        assertThat(r.certificate()).isPresent();
    }

    @Test
    void gzipCompressionWritesGzipMembersWithoutTimestamp() throws IOException {
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().gzip(true).build());
        PackageResult.Member disk = r.member("web-disk1.vmdk").orElseThrow();
        byte[] head = Fixtures.slice(ova, disk.dataOffset(), 10);
        assertThat(head[0] & 0xff).isEqualTo(0x1f);
        assertThat(head[1] & 0xff).isEqualTo(0x8b);
        assertThat(new byte[] {head[4], head[5], head[6], head[7]}).containsOnly(0);
        PackageResult.Member dm = r.member("web.ovf").orElseThrow();
        OvfDescriptor d = Ovf.read(Fixtures.slice(ova, dm.dataOffset(), dm.size()), "web.ovf");
        for (FileReference f : d.envelope().references().orElseThrow().files()) {
            assertThat(f.getCompression()).isEqualTo("gzip");
            assertThat(f.getSize()).isEqualTo(r.member(f.getHref()).orElseThrow().size());
        }
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        Fixtures.run(List.of("sh", "-c", "gzip -dc < web-disk1.vmdk > plain.vmdk && gzip -dc < tools.iso > plain.iso"), out);
        assertThat(Fixtures.qemuCompare(source, out.resolve("plain.vmdk")).ok()).isTrue();
        assertThat(Files.readAllBytes(out.resolve("plain.iso"))).isEqualTo(Files.readAllBytes(iso));
    }

    @Test
    void chunkSizeOnAFileCutsEveryFileIntoNumberedMembers() throws IOException {
        Path ova = dir.resolve("web.ova");
        long chunk = 1L << 20;
        PackageResult r = write(ova, options().chunkSize(chunk).build());
        List<String> names = Fixtures.gnuTarNames(ova);
        assertThat(names.subList(0, 3)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk.000000000");
        assertThat(names).last().isEqualTo("tools.iso.000000000");
        List<PackageResult.Member> chunks = r.members().stream().filter(m -> m.name().startsWith("web-disk1.vmdk.")).toList();
        assertThat(chunks.size()).isGreaterThan(1);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).size()).isEqualTo(chunk);
        }
        PackageResult.Member dm = r.member("web.ovf").orElseThrow();
        OvfDescriptor d = Ovf.read(Fixtures.slice(ova, dm.dataOffset(), dm.size()), "web.ovf");
        FileReference f = d.envelope().references().orElseThrow().files().get(0);
        assertThat(f.getChunkSize()).isEqualTo(chunk);
        assertThat(f.getSize()).isEqualTo(chunks.stream().mapToLong(PackageResult.Member::size).sum());
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        Fixtures.run(List.of("sh", "-c", "cat web-disk1.vmdk.0* > joined.vmdk"), out);
        assertThat(Fixtures.qemuCompare(source, out.resolve("joined.vmdk")).ok()).isTrue();
        Manifest mf = Manifest.parseStrict(Files.readAllBytes(out.resolve("web.mf")), "web.mf");
        assertThat(mf.names()).hasSize(1 + chunks.size() + 1);
    }

    @Test
    void reproducibleRunsGiveIdenticalBytes() throws IOException {
        PackageOptions o = PackageOptions.builder().reproducible(true).environment(Map.of("SOURCE_DATE_EPOCH", "1700000000"))
                .build();
        Path a = dir.resolve("a.ova");
        Path b = dir.resolve("b.ova");
        write(a, o);
        write(b, o.toBuilder().threads(1).build());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Fixtures.headers(a).get(0).mtime()).isEqualTo(1_700_000_000L);
    }

    @Test
    void withoutReproducibleModeDiskIdentifiersDiffer() throws IOException {
        Path a = dir.resolve("a.ova");
        Path b = dir.resolve("b.ova");
        write(a, options().build());
        write(b, options().build());
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(b));
    }

    @Test
    void twoDisksGetDifferentIdentifiersInReproducibleMode() throws IOException {
        OvfDescriptor d = Fixtures.appliance("two", CAPACITY, CAPACITY);
        Path ova = dir.resolve("two.ova");
        PackageResult r;
        try (DiskImage img = DiskImages.open(source); DiskImage img2 = DiskImages.open(source);
                PackageWriter w = PackageWriter.toOva(ova, options().reproducible(true).build())) {
            r = w.descriptor(d, "two.ovf").disk("two-disk1.vmdk", img).disk("two-disk2.vmdk", img2).finish();
        }
        String one = new String(Fixtures.slice(ova, r.member("two-disk1.vmdk").orElseThrow().dataOffset() + 512, 1024),
                StandardCharsets.ISO_8859_1);
        String two = new String(Fixtures.slice(ova, r.member("two-disk2.vmdk").orElseThrow().dataOffset() + 512, 1024),
                StandardCharsets.ISO_8859_1);
        assertThat(one).contains("ddb.uuid");
        assertThat(uuid(one)).isNotEqualTo(uuid(two));
    }

    private static String uuid(String vmdkDescriptor) {
        int i = vmdkDescriptor.indexOf("ddb.uuid");
        return vmdkDescriptor.substring(i, vmdkDescriptor.indexOf('\n', i));
    }

    @Test
    void fileWithoutSourceFailsAndLeavesNothing() throws IOException {
        Path ova = dir.resolve("web.ova");
        OvfDescriptor d = Fixtures.appliance("web", CAPACITY);
        try (PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(d, "web.ovf");
            assertThatThrownBy(w::finish).isInstanceOf(PackageException.class)
                    .hasMessageContaining("web-disk1.vmdk").hasMessageContaining("no source");
        }
        assertThat(ova).doesNotExist();
        assertThat(Fixtures.hiddenFiles(dir)).isEmpty();
    }

    @Test
    void sourceForAnUnknownHrefIsRefused() throws IOException {
        Path ova = dir.resolve("web.ova");
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img).file("other.iso", iso);
            assertThatThrownBy(w::finish).isInstanceOf(PackageException.class).hasMessageContaining("other.iso")
                    .hasMessageContaining("no File");
        }
        assertThat(ova).doesNotExist();
    }

    @Test
    void failingSourceLeavesNoOutputAndNoTemporaryFile() throws IOException {
        Path ova = dir.resolve("web.ova");
        try (DiskImage img = new FailingImage(DiskImages.open(source), 3L << 20);
                PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img);
            assertThatThrownBy(w::finish).hasMessageContaining("injected");
        }
        assertThat(ova).doesNotExist();
        assertThat(Fixtures.hiddenFiles(dir)).isEmpty();
    }

    @Test
    void closeWithoutFinishLeavesNothing() throws IOException {
        Path ova = dir.resolve("web.ova");
        try (PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(Fixtures.appliance("web"), "web.ovf");
        }
        assertThat(ova).doesNotExist();
        assertThat(Fixtures.hiddenFiles(dir)).isEmpty();
    }

    @Test
    void existingOutputIsReplacedOnlyWhenComplete() throws IOException {
        Path ova = Files.writeString(dir.resolve("web.ova"), "old");
        try (DiskImage img = new FailingImage(DiskImages.open(source), 1L << 20);
                PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img);
            assertThatThrownBy(w::finish).hasMessageContaining("injected");
        }
        assertThat(Files.readString(ova)).isEqualTo("old");
        write(ova, options().build());
        assertThat(Fixtures.gnuTarNames(ova)).startsWith("web.ovf");
    }

    @Test
    void capacitySmallerThanTheSourceIsRefused() throws IOException {
        Path ova = dir.resolve("web.ova");
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY / 2), "web.ovf").disk("web-disk1.vmdk", img);
            assertThatThrownBy(w::finish).isInstanceOf(PackageException.class).hasMessageContaining("capacity");
        }
    }

    @Test
    void descriptorNameMustEndWithOvf() throws IOException {
        try (PackageWriter w = PackageWriter.toOva(dir.resolve("x.ova"), options().build())) {
            assertThatThrownBy(() -> w.descriptor(Fixtures.appliance("web"), "web.xml"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".ovf");
        }
    }

    @Test
    void hrefLongerThan100BytesIsRefusedBeforeAnythingIsWritten() throws IOException {
        String href = "d".repeat(100) + ".iso";
        OvfDescriptor d = Fixtures.appliance("web");
        d.envelope().references().orElseThrow().children().add(new FileReference("f", href));
        Path ova = dir.resolve("web.ova");
        try (PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            w.descriptor(d, "web.ovf").file(href, iso);
            assertThatThrownBy(w::finish).isInstanceOf(PackageException.class).hasMessageContaining("at most 100");
        }
        assertThat(ova).doesNotExist();
    }

    @Test
    void absoluteUrlFilesAreLeftOutWithAWarning() throws IOException {
        OvfDescriptor d = Fixtures.appliance("web");
        d.envelope().references().orElseThrow().children().add(new FileReference("f", "https://example.com/big.iso"));
        Path ova = dir.resolve("web.ova");
        PackageResult r;
        try (PackageWriter w = PackageWriter.toOva(ova, options().build())) {
            r = w.descriptor(d, "web.ovf").finish();
        }
        assertThat(r.warnings()).singleElement().asString().contains("absolute URL");
        assertThat(Fixtures.gnuTarNames(ova)).containsExactly("web.ovf", "web.mf");
    }

    @Test
    void manyChunksWithSignatureFitTheirReservedArea() throws IOException {
        // Chunk counts of a converted disk are bounded in advance; the descriptor absorbs the rest.
        Path ova = dir.resolve("web.ova");
        PackageResult r = write(ova, options().chunkSize(64L << 10).signer(TestKeys.ec().signer()).build());
        List<String> names = Fixtures.pythonNames(ova);
        assertThat(names.subList(0, 3)).containsExactly("web.ovf", "web.mf", "web.cert");
        PackageResult.Member mfm = r.member("web.mf").orElseThrow();
        Manifest mf = Manifest.parseStrict(Fixtures.slice(ova, mfm.dataOffset(), mfm.size()), "web.mf");
        List<String> expected = new ArrayList<>(names.subList(0, 1));
        expected.addAll(names.subList(3, names.size()));
        assertThat(mf.names()).containsExactlyElementsOf(expected);
        for (PackageResult.Member m : r.members()) {
            if (m.digest() != null) {
                assertThat(Digests.of(Fixtures.slice(ova, m.dataOffset(), m.size()), DigestAlgorithm.SHA256))
                        .as(m.name()).isEqualTo(m.digest());
            }
        }
    }
}
