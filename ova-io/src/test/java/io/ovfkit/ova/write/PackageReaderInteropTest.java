package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer produces, verified by the package reader ({@link OvfPackage#verify}) of this module. */
class PackageReaderInteropTest {
    private static final long CAPACITY = 3L << 20;

    @TempDir
    Path dir;

    private VerifyReport verify(Path pkg) throws IOException {
        try (OvfPackage p = OvfPackage.open(pkg)) {
            VerifyReport r = p.verify(VerifyOptions.defaults()
                    .withAnchors(TrustAnchors.of(List.of(TestKeys.rsa().certificate()))));
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.failures()).isEmpty();
            // At most a remark that the tests' certificate signs itself.
            assertThat(r.warnings()).allSatisfy(w -> assertThat(w).contains("self-signed"));
            return r;
        }
    }

    private PackageResult write(PackageWriter w, Path source, String name) throws IOException {
        OvfDescriptor d = Fixtures.appliance(name, CAPACITY);
        try (DiskImage img = DiskImages.open(source)) {
            return w.descriptor(d, name + ".ovf").disk(name + "-disk1.vmdk", img).finish();
        }
    }

    @Test
    void signedOvaVerifies() throws IOException {
        Path source = Fixtures.rawDisk(dir, "s.raw", CAPACITY, 11);
        Path ova = dir.resolve("a.ova");
        try (PackageWriter w = PackageWriter.toOva(ova, PackageOptions.builder().signer(TestKeys.rsa().signer()).build())) {
            write(w, source, "a");
        }
        VerifyReport r = verify(ova);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.descriptorCovered()).isTrue();
        assertThat(r.signature().valid()).isTrue();
        assertThat(r.signature().trusted()).isTrue();
    }

    @Test
    void chunkedGzipStreamOutputVerifies() throws IOException {
        Path source = Fixtures.rawDisk(dir, "s.raw", CAPACITY, 12);
        Path ova = dir.resolve("b.ova");
        try (OutputStream os = Files.newOutputStream(ova);
                PackageWriter w = PackageWriter.toStream(Channels.newChannel(os), "b", PackageOptions.builder()
                        .gzip(true).streamChunkSize(256L << 10).signer(TestKeys.rsa().signer()).build())) {
            write(w, source, "b");
        }
        VerifyReport r = verify(ova);
        assertThat(r.ok()).as(r.toString()).isTrue();
    }

    @Test
    void folderOutputVerifies() throws IOException {
        Path source = Fixtures.rawDisk(dir, "s.raw", CAPACITY, 13);
        Path folder = dir.resolve("c");
        try (PackageWriter w = PackageWriter.toFolder(folder, PackageOptions.builder().signer(TestKeys.rsa().signer()).build())) {
            write(w, source, "c");
        }
        VerifyReport r = verify(folder.resolve("c.ovf"));
        assertThat(r.ok()).as(r.toString()).isTrue();
    }
}
