package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OVAs written strictly forward to a channel that cannot seek: a pipe. */
class PackageWriterStreamTest {
    private static final long CAPACITY = 6L << 20;
    private static final long CHUNK = 1L << 20;

    @TempDir
    Path dir;

    Path source;
    Path iso;

    @BeforeEach
    void inputs() throws IOException {
        source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 2);
        iso = Files.write(dir.resolve("tools.iso"), "iso\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
    }

    private PackageOptions.Builder options() {
        return PackageOptions.builder().modificationTime(Instant.ofEpochSecond(1_750_000_000L)).streamChunkSize(CHUNK);
    }

    private PackageResult write(WritableByteChannel out, PackageOptions options) throws IOException {
        assertThat(out).isNotInstanceOf(SeekableByteChannel.class);
        OvfDescriptor d = Fixtures.appliance("web", CAPACITY);
        d.envelope().references().orElseThrow().children().add(new FileReference("file2", "tools.iso"));
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toStream(out, "<pipe>", options)) {
            return w.descriptor(d, "web.ovf").disk("web-disk1.vmdk", img).file("tools.iso", iso).finish();
        }
    }

    private Path writeToFile(PackageOptions options) throws IOException {
        Path ova = dir.resolve("piped.ova");
        try (OutputStream os = Files.newOutputStream(ova)) {
            write(Channels.newChannel(os), options);
        }
        return ova;
    }

    @Test
    void descriptorFirstThenChunkedDiskThenManifestAndCertificateLast() throws IOException {
        Path ova = writeToFile(options().signer(TestKeys.rsa().signer()).build());
        List<String> names = Fixtures.pythonNames(ova);
        assertThat(names.get(0)).isEqualTo("web.ovf");
        assertThat(names.get(1)).isEqualTo("web-disk1.vmdk.000000000");
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("tools.iso", "web.mf", "web.cert");
        assertThat(Fixtures.gnuTarNames(ova)).containsExactlyElementsOf(names);
    }

    @Test
    void descriptorHasChunkSizeAndNoSizeForTheConvertedDisk() throws IOException {
        Path ova = writeToFile(options().build());
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        OvfDescriptor d = Ovf.read(out.resolve("web.ovf"));
        FileReference disk = d.envelope().references().orElseThrow().files().get(0);
        assertThat(disk.getSize()).isNull();
        assertThat(disk.getChunkSize()).isEqualTo(CHUNK);
        FileReference copied = d.envelope().references().orElseThrow().files().get(1);
        assertThat(copied.getSize()).as("a copied file's size is known in advance").isEqualTo(Files.size(iso));
        assertThat(copied.getChunkSize()).isNull();
        VirtualDisk vd = d.envelope().diskSection().orElseThrow().getDisks().get(0);
        assertThat(vd.getPopulatedSize()).isNull();
    }

    @Test
    void chunksJoinIntoTheConvertedDiskAndMatchTheManifest() throws IOException {
        Path ova = writeToFile(options().build());
        Path out = dir.resolve("x");
        Fixtures.gnuTarExtract(ova, out);
        List<String> chunks;
        try (var s = Files.list(out)) {
            chunks = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("web-disk1.vmdk.")).sorted().toList();
        }
        assertThat(chunks).hasSizeGreaterThan(1);
        for (String c : chunks.subList(0, chunks.size() - 1)) {
            assertThat(Files.size(out.resolve(c))).isEqualTo(CHUNK);
        }
        Fixtures.run(List.of("sh", "-c", "cat web-disk1.vmdk.0* > joined.vmdk"), out);
        assertThat(Fixtures.qemuCompare(source, out.resolve("joined.vmdk")).ok()).isTrue();
        Manifest mf = Manifest.parseStrict(Files.readAllBytes(out.resolve("web.mf")), "web.mf");
        List<String> hex = Fixtures.sha256sum(out, mf.names());
        for (int i = 0; i < hex.size(); i++) {
            assertThat(mf.entries().get(i).digest().hex()).as(mf.names().get(i)).isEqualTo(hex.get(i));
        }
    }

    @Test
    void streamOutputEqualsTheFileOutputOfTheSameLayout() throws IOException {
        // Same options, reproducible: a second stream run gives the same bytes.
        PackageOptions o = options().reproducible(true).build();
        Path a = writeToFile(o);
        byte[] first = Files.readAllBytes(a);
        Path b = writeToFile(o);
        assertThat(Files.readAllBytes(b)).isEqualTo(first);
    }

    @Test
    void gnuTarReadsTheArchiveFromAPipeAsItIsWritten() throws IOException, InterruptedException {
        Path tar = Oracle.require("tar");
        Path out = Files.createDirectories(dir.resolve("x"));
        Process p = new ProcessBuilder(tar.toString(), "xvf", "-").directory(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(dir.resolve("listing.txt").toFile()).start();
        PackageResult r;
        try (OutputStream stdin = p.getOutputStream()) {
            r = write(Channels.newChannel(stdin), options().gzip(true).build());
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> listed = Files.readAllLines(dir.resolve("listing.txt"));
        assertThat(listed).containsExactlyElementsOf(r.members().stream().map(PackageResult.Member::name).toList());
        for (PackageResult.Member m : r.members()) {
            if (m.digest() != null) {
                assertThat(Digests.of(out.resolve(m.name()), DigestAlgorithm.SHA256)).as(m.name()).isEqualTo(m.digest());
            }
        }
        // The gzip-compressed ISO is of unknown size too: chunked.
        assertThat(listed).contains("tools.iso.000000000");
        Fixtures.run(List.of("sh", "-c", "cat web-disk1.vmdk.0* | gzip -dc > joined.vmdk"), out);
        assertThat(Fixtures.qemuCompare(source, out.resolve("joined.vmdk")).ok()).isTrue();
    }

    @Test
    void pythonReadsTheArchiveAsAStream() throws IOException {
        Path ova = writeToFile(options().build());
        Oracle.Result r = Fixtures.python("import sys, tarfile\n"
                + "with open(sys.argv[1], 'rb') as f, tarfile.open(fileobj=f, mode='r|') as t:\n"
                + "    for m in t:\n"
                + "        print(m.name)\n", ova.toString());
        assertThat(r.stdout().strip().split("\n")).startsWith("web.ovf", "web-disk1.vmdk.000000000").endsWith("web.mf");
    }
}
