package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.ExpandResult;
import io.ovfkit.ova.HttpOptions;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Disks out of packages that store them gzip-compressed, in chunks, or both: converted in one pass
 * with {@link OvfPackage#openDiskStream} from an OVA file, standard input and a server without range
 * requests, and extracted plain with {@link OvfPackage#unpackExpanded}; checked with qemu-img
 * against the original image, the expanded package with {@link OvfPackage#verify} and its manifest
 * recomputed with {@link MessageDigest}.
 */
class ExpandedDisksTest {
    static final long CAPACITY = (6L << 20) + 3 * 65536;

    enum Storage {
        GZIP(true, null), CHUNKED(false, 1L << 20), BOTH(true, 1L << 20);

        final boolean gzip;
        final Long chunk;

        Storage(boolean gzip, Long chunk) {
            this.gzip = gzip;
            this.chunk = chunk;
        }
    }

    @TempDir
    Path dir;

    Path source;

    @BeforeEach
    void inputs() {
        source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 5);
    }

    private Path ova(Storage s, boolean signed) throws IOException {
        Path ova = dir.resolve("web-" + s + ".ova");
        PackageOptions.Builder b = PackageOptions.builder().gzip(s.gzip).chunkSize(s.chunk).digest(DigestAlgorithm.SHA512);
        if (signed) {
            b.signer(TestKeys.rsa().signer());
        }
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toOva(ova, b.build())) {
            w.descriptor(Fixtures.appliance("web", CAPACITY), "web.ovf").disk("web-disk1.vmdk", img)
                    .finish();
        }
        return ova;
    }

    private Path convertToRaw(OvfPackage p) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".raw");
        try (DiskImage img = p.openDiskStream("web-disk1.vmdk");
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.RAW, img.capacity()).build())) {
            assertThat(img.sequential()).isTrue();
            DiskConverter.builder().build().convert(img, w);
        }
        return out;
    }

    private void assertSameAsSource(Path image, String format) {
        var r = io.ovfkit.ovf.testing.Oracle.run(List.of(io.ovfkit.ovf.testing.Oracle.require("qemu-img").toString(),
                "compare", "-f", "raw", "-F", format, source.toString(), image.toString()), null, Fixtures.TIMEOUT);
        assertThat(r.ok()).as(r.stdout() + r.stderr()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCompressedOrChunkedDiskConvertsFromAnOvaFileInOnePass(Storage s) throws IOException {
        try (OvfPackage p = OvfPackage.open(ova(s, false))) {
            assertSameAsSource(convertToRaw(p), "raw");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCompressedOrChunkedDiskConvertsFromStandardInput(Storage s) throws IOException {
        Path ova = ova(s, false);
        try (OvfPackage p = OvfPackage.openStream(Files.newInputStream(ova), "(standard input)")) {
            assertSameAsSource(convertToRaw(p), "raw");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCompressedOrChunkedDiskConvertsFromAServerWithoutRanges(Storage s) throws IOException {
        byte[] body = Files.readAllBytes(ova(s, false));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            try (x) {
                x.sendResponseHeaders(200, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
                if (!x.getRequestMethod().equals("HEAD")) {
                    try (OutputStream o = x.getResponseBody()) {
                        o.write(body);
                    }
                }
            }
        });
        server.start();
        try (OvfPackage p = OvfPackage.open(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/web.ova"),
                HttpOptions.defaults())) {
            assertThat(p.randomAccess()).isFalse();
            assertSameAsSource(convertToRaw(p), "raw");
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void unpackExpandedWritesPlainFilesADescriptorWithoutTheAttributesAndAFreshManifest(Storage s) throws IOException {
        Path ova = ova(s, false);
        Path out = dir.resolve("out");
        ExpandResult r;
        try (OvfPackage p = OvfPackage.open(ova)) {
            r = p.unpackExpanded(out, false, null);
        }
        assertThat(r.expanded()).containsExactly("web-disk1.vmdk");
        assertThat(r.warnings()).isEmpty();
        try (Stream<Path> l = Files.list(out)) {
            assertThat(l.map(x -> x.getFileName().toString()).sorted())
                    .containsExactly("web-disk1.vmdk", "web.mf", "web.ovf");
        }
        assertSameAsSource(out.resolve("web-disk1.vmdk"), "vmdk");
        OvfDescriptor d = Ovf.read(out.resolve("web.ovf"));
        FileReference f = d.envelope().references().orElseThrow().files().stream()
                .filter(x -> x.getHref().equals("web-disk1.vmdk")).findFirst().orElseThrow();
        assertThat(f.getCompression()).isNull();
        assertThat(f.getChunkSize()).isNull();
        assertThat(f.getSize()).isEqualTo(Files.size(out.resolve("web-disk1.vmdk")));
        assertOnlyFileLinesChanged(ova, out.resolve("web.ovf"));
        assertManifestRecomputes(out);
        try (OvfPackage folder = OvfPackage.open(out)) {
            VerifyReport v = folder.verify(VerifyOptions.defaults());
            assertThat(v.ok()).as(v.failures().toString()).isTrue();
        }
    }

    @Test
    void unpackExpandedFromAStreamReadsEachMemberOnceInArchiveOrder() throws IOException {
        Path ova = ova(Storage.BOTH, false);
        Path out = dir.resolve("out");
        try (OvfPackage p = OvfPackage.openStream(Files.newInputStream(ova), "(standard input)")) {
            p.unpackExpanded(out, false, null);
        }
        assertSameAsSource(out.resolve("web-disk1.vmdk"), "vmdk");
        assertManifestRecomputes(out);
    }

    @Test
    void aSignatureThatNoLongerHoldsIsDroppedWithAWarning() throws IOException {
        Path ova = ova(Storage.GZIP, true);
        Path out = dir.resolve("out");
        ExpandResult r;
        try (OvfPackage p = OvfPackage.open(ova)) {
            r = p.unpackExpanded(out, false, null);
        }
        assertThat(out.resolve("web.cert")).doesNotExist();
        assertThat(r.warnings()).singleElement().asString().contains("web.cert").contains("removed the signature");
        try (OvfPackage folder = OvfPackage.open(out)) {
            assertThat(folder.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    /** The descriptor differs from the stored one only on lines that hold a File element. */
    private static void assertOnlyFileLinesChanged(Path ova, Path expanded) throws IOException {
        byte[] original;
        try (OvfPackage p = OvfPackage.open(ova)) {
            original = p.descriptor().originalBytes();
        }
        List<String> before = new String(original, StandardCharsets.UTF_8).lines().toList();
        List<String> after = Files.readAllLines(expanded);
        assertThat(after).hasSameSizeAs(before);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(after.get(i));
            }
        }
        assertThat(changed).isNotEmpty().allMatch(l -> l.contains("<File ") || l.contains("<ovf:File "));
        assertThat(String.join("\n", after)).doesNotContain("ovf:compression").doesNotContain("ovf:chunkSize");
    }

    /** Each manifest line's digest equals SHA-512 of the file, computed here. */
    private static void assertManifestRecomputes(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("web.mf"));
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            var m = java.util.regex.Pattern.compile("SHA512\\((.+)\\)= ([0-9a-f]+)").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-512");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
            assertThat(HexFormat.of().formatHex(md.digest(Files.readAllBytes(folder.resolve(m.group(1))))))
                    .isEqualTo(m.group(2));
        }
    }
}
