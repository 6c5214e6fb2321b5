package io.ovfkit.ova;

import static io.ovfkit.ova.Packages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.ova.Packages.Members;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages fetched from a local JDK HttpServer, with and without range support. */
class HttpPackageTest {
    @TempDir
    Path tmp;

    private TestServer server;
    private byte[] ova;
    private byte[] content;
    private byte[] vmdk;
    private byte[] big;

    @BeforeEach
    void serve() throws IOException {
        server = new TestServer();
        content = Packages.random(2 << 20, 1);
        vmdk = Packages.vmdk(tmp, content, "streamOptimized");
        big = Packages.random(3 << 20, 2);
        byte[] ovf = Packages.descriptor(FileSpec.disk("d.vmdk", vmdk.length, content.length),
                FileSpec.plain("big.bin", (long) big.length));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.put("d.vmdk", vmdk);
        covered.put("big.bin", big);
        Members m = new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered)).put("d.vmdk", vmdk)
                .put("big.bin", big);
        ova = Packages.tar(m.entries());
        server.put("/pkg/p.ova", ova);
        covered.forEach((n, b) -> server.put("/folder/" + n, b));
        server.put("/folder/p.mf", Packages.manifest(covered));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void anOvaOnAServerWithRangesIsReadAtRandom() throws IOException {
        try (OvfPackage p = OvfPackage.open(server.uri("/pkg/p.ova"), HttpOptions.defaults())) {
            assertThat(p.randomAccess()).isTrue();
            assertThat(p.members()).extracting(Member::name).containsExactly("p.ovf", "p.mf", "d.vmdk", "big.bin");
            VerifyReport r = p.verify(VerifyOptions.defaults());
            assertThat(r.failures()).isEmpty();
            assertThat(r.ok()).isTrue();
            assertThat(r.disks()).singleElement().satisfies(d -> assertThat(d.note()).isEqualTo("opened in place"));
            try (DiskImage img = p.openDisk("d.vmdk")) {
                ByteBuffer b = ByteBuffer.allocate(4096);
                img.read(1 << 20, b);
                assertThat(b.array()).isEqualTo(Arrays.copyOfRange(content, 1 << 20, (1 << 20) + 4096));
            }
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
        assertThat(server.log).anyMatch(l -> l.startsWith("GET /pkg/p.ova bytes="));
    }

    @Test
    void aServerWithoutRangesIsReadAsOneStream() throws IOException {
        server.ranges = false;
        try (OvfPackage p = OvfPackage.open(server.uri("/pkg/p.ova"), HttpOptions.defaults())) {
            assertThat(p.randomAccess()).isFalse();
            VerifyReport r = p.verify(VerifyOptions.defaults());
            assertThat(r.failures()).isEmpty();
            assertThat(r.ok()).isTrue();
        }
        assertThat(server.log.stream().filter(l -> l.startsWith("GET")).count()).isEqualTo(2); // probe, then the stream
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws IOException {
        server.cutLongerThan = 2 << 20;
        server.cutAfter = 100_000;
        try (OvfPackage p = OvfPackage.open(server.uri("/pkg/p.ova"), HttpOptions.defaults())) {
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
        assertThat(server.cuts.get()).isEqualTo(1);
        // The resumed request starts where the cut one stopped delivering: after its start and at
        // most the 100,000 bytes the server wrote further on (bytes still in flight when the server
        // drops the connection may be lost, so not always exactly there).
        java.util.List<Long> starts = server.log.stream().filter(l -> l.startsWith("GET /pkg/p.ova bytes="))
                .map(l -> Long.parseLong(l.substring(l.indexOf('=') + 1, l.indexOf('-', l.indexOf('=')))))
                .toList();
        assertThat(starts).anyMatch(a -> starts.stream().anyMatch(b -> b > a && b <= a + 100_000));
    }

    @Test
    void aFolderOnAServerIsItsDescriptorsUrlAndTheFilesBesideIt() throws IOException {
        try (OvfPackage p = OvfPackage.open(server.uri("/folder/p.ovf"), HttpOptions.defaults())) {
            assertThat(p.form()).isEqualTo(PackageForm.FOLDER);
            VerifyReport r = p.verify(VerifyOptions.defaults());
            assertThat(r.failures()).isEmpty();
            assertThat(r.descriptorCovered()).isTrue();
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
    }

    @Test
    void credentialsAnswerTheServersChallenge() throws IOException {
        server.user = "alice";
        server.password = "s3cret";
        assertThatThrownBy(() -> OvfPackage.open(server.uri("/pkg/p.ova"), HttpOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("401").hasMessageContaining("OVFKIT_HTTP_USER");
        HttpOptions o = HttpOptions.fromEnvironment(Map.of("OVFKIT_HTTP_USER", "alice", "OVFKIT_HTTP_PASSWORD", "s3cret"));
        assertThat(o.toString()).doesNotContain("s3cret");
        try (OvfPackage p = OvfPackage.open(server.uri("/pkg/p.ova"), o)) {
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void aMissingUrlIsANotFoundError() {
        assertThatThrownBy(() -> OvfPackage.open(server.uri("/nothing.ova"), HttpOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("404");
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> OvfPackage.open(URI.create("http://bob:pw@127.0.0.1:1/p.ova"), HttpOptions.defaults()))
                .isInstanceOf(PackageException.class).hasMessageContaining("credentials in the URL")
                .hasMessageNotContaining("pw@");
    }
}
