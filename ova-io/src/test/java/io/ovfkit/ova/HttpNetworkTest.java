package io.ovfkit.ova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.ova.Packages.Members;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken servers on 127.0.0.1: every case ends in an error naming the URL or in a
 * correct result, within the short timeouts the options give, never in a hang.
 */
@Timeout(30)
class HttpNetworkTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private byte[] ovf;
    private byte[] big;
    private byte[] ova;

    @BeforeEach
    void makePackage() throws IOException {
        big = Packages.random(1 << 20, 3);
        ovf = Packages.descriptor(FileSpec.plain("big.bin", (long) big.length));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.put("big.bin", big);
        ova = Packages.tar(new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered))
                .put("big.bin", big).entries());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static HttpOptions fast() {
        return HttpOptions.defaults().withTimeouts(SHORT, Duration.ofSeconds(2)).withReadTimeout(SHORT).withRetries(0);
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** What a raw server does with one request: method, path and headers given; writes raw bytes. */
    interface Handler {
        void handle(String method, String path, Map<String, String> headers, OutputStream out) throws Exception;
    }

    /** A server on a raw socket, so that it can lie in its headers, stall or send forever. */
    private URI raw(String path, Handler h) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    closing.add(s);
                    Thread c = new Thread(() -> serve(s, h));
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + ss.getLocalPort() + path);
    }

    private static void serve(Socket s, Handler h) {
        try (s) {
            InputStream in = s.getInputStream();
            while (true) {
                StringBuilder head = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    head.append((char) c);
                    if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                        break;
                    }
                }
                if (c < 0) {
                    return;
                }
                String[] lines = head.toString().split("\r\n");
                String[] first = lines[0].split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
                    }
                }
                h.handle(first[0], first[1], headers, s.getOutputStream());
                s.getOutputStream().flush();
            }
        } catch (Exception e) {
            // the client went away, or the handler ended the connection
        }
    }

    private static void headers(OutputStream out, int status, String... lines) throws IOException {
        StringBuilder b = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // ------------------------------------------------------------------------------------------ timeouts

    @Test
    void theDefaultsHaveEveryTimeout() {
        HttpOptions d = HttpOptions.defaults();
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.withReadTimeout(SHORT).readTimeout()).isEqualTo(SHORT);
        assertThatThrownBy(() -> d.withReadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServerThatNeverAcceptsIsAConnectTimeout() throws IOException {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closing.add(ss);
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            closing.add(s);
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 100);
            } catch (IOException full) {
                break;
            }
        }
        URI u = URI.create("http://127.0.0.1:" + ss.getLocalPort() + "/p.ova");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> OvfPackage.open(u, fast())).isInstanceOf(PackageException.class)
                .hasMessageContaining(u.toString()).hasMessageContaining("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatNeverAnswersIsARequestTimeout() throws IOException {
        URI u = raw("/p.ova", (m, p, h, out) -> Thread.sleep(60_000));
        assertThatThrownBy(() -> OvfPackage.open(u, fast())).isInstanceOf(PackageException.class)
                .hasMessageContaining(u.toString()).hasMessageContaining("request timeout");
    }

    @Test
    void aServerThatStallsMidBodyIsAReadTimeout() throws IOException {
        URI u = raw("/p.ova", (m, p, h, out) -> {
            headers(out, 200, "Content-Length: " + ova.length);
            if (m.equals("GET")) {
                out.write(ova, 0, 100_000);
                out.flush();
                Thread.sleep(60_000);
            }
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> {
            try (OvfPackage p = OvfPackage.open(u, fast())) {
                read(p.openFile("big.bin"));
            }
        }).isInstanceOf(PackageException.class).hasMessageContaining(u.toString()).hasMessageContaining("read timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatStallsEarlyIsAReadTimeoutWhateverTheRetries() throws IOException {
        // Every GET stalls after a few bytes; without range support there is nothing to resume.
        URI u = raw("/p.ova", (m, p, h, out) -> {
            headers(out, 200, "Content-Length: " + ova.length);
            if (m.equals("GET")) {
                out.write(ova, 0, 1000);
                out.flush();
                Thread.sleep(60_000);
            }
        });
        assertThatThrownBy(() -> {
            try (OvfPackage p = OvfPackage.open(u, fast().withRetries(1))) {
                read(p.openFile("big.bin"));
            }
        }).isInstanceOf(PackageException.class).hasMessageContaining(u.toString()).hasMessageContaining("read timeout");
    }

    // ------------------------------------------------------------------------------------------ bytes forever

    private static void forever(OutputStream out, byte[] prefix) throws IOException {
        out.write(prefix);
        byte[] junk = new byte[65536];
        new Random(7).nextBytes(junk);
        while (true) {
            out.write(junk); // chunked: no end, until the client hangs up
        }
    }

    @Test
    void aDescriptorMemberLargerThanItsLimitIsRefusedBeforeReading() throws IOException {
        // A tar header announcing a 200 MiB descriptor, then bytes forever.
        byte[] header = java.util.Arrays.copyOf(Packages.tar(new Members().put("p.ovf", ovf).entries()), 512);
        byte[] size = String.format("%011o ", 200L << 20).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, 12);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] ck = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ck, 0, header, 148, 8);
        HttpServer s = server();
        s.createContext("/p.ova", x -> {
            x.sendResponseHeaders(200, 0);
            if (!x.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = x.getResponseBody()) {
                    forever(out, header);
                }
            }
        });
        URI u = uri(s, "/p.ova");
        assertThatThrownBy(() -> OvfPackage.open(u, fast())).isInstanceOf(PackageException.class)
                .hasMessageContaining(u.toString()).hasMessageContaining("larger than 16777216 bytes");
    }

    @Test
    void aDescriptorUrlThatSendsForeverIsReadOnlyAsFarAsItsSize() throws IOException {
        // HEAD tells the descriptor's size; GET sends it, then bytes without end: only the size is read.
        HttpServer s = server();
        s.createContext("/f/", x -> {
            String name = x.getRequestURI().getPath().substring(3);
            byte[] body = name.equals("p.ovf") ? ovf : name.equals("big.bin") ? big : null;
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                x.close();
                return;
            }
            if (x.getRequestMethod().equals("HEAD")) {
                x.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                x.sendResponseHeaders(200, -1);
                x.close();
                return;
            }
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                forever(out, body);
            } catch (IOException gone) {
                // the client stopped reading
            }
        });
        try (OvfPackage p = OvfPackage.open(uri(s, "/f/p.ovf"), fast())) {
            assertThat(p.descriptor()).isNotNull();
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
    }

    @Test
    void aDescriptorUrlWithoutASizeOrLargerThanTheLimitIsRefused() throws IOException {
        HttpServer s = server();
        s.createContext("/nosize/", x -> {
            x.sendResponseHeaders(200, 0); // no Content-Length
            x.close();
        });
        s.createContext("/huge/", x -> {
            x.getResponseHeaders().add("Content-Length", String.valueOf(200L << 20));
            x.getResponseHeaders().add("Accept-Ranges", "bytes");
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        assertThatThrownBy(() -> OvfPackage.open(uri(s, "/nosize/p.ovf"), fast())).isInstanceOf(PackageException.class)
                .hasMessageContaining(uri(s, "/nosize/p.ovf").toString()).hasMessageContaining("size");
        assertThatThrownBy(() -> OvfPackage.open(uri(s, "/huge/p.ovf"), fast())).isInstanceOf(PackageException.class)
                .hasMessageContaining(uri(s, "/huge/p.ovf").toString()).hasMessageContaining("descriptors larger than");
    }

    @Test
    void anOvaStreamFollowedByBytesForeverEndsAtItsEndMarker() throws IOException {
        HttpServer s = server();
        s.createContext("/p.ova", x -> {
            x.sendResponseHeaders(200, 0);
            if (!x.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = x.getResponseBody()) {
                    forever(out, ova);
                } catch (IOException gone) {
                    // the client closed the package
                }
            }
        });
        try (OvfPackage p = OvfPackage.open(uri(s, "/p.ova"), fast())) {
            assertThat(p.randomAccess()).isFalse();
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
    }

    @Test
    void aMemberLongerThanItsTarHeaderSaysIsAnErrorAtTheNextHeader() throws IOException {
        // The archive without its end marker, then bytes forever: after big.bin the reader meets junk
        // where the next header should be.
        int end = ova.length;
        while (end > 0 && ova[end - 1] == 0) {
            end--;
        }
        end = (end + 511) / 512 * 512;
        byte[] prefix = java.util.Arrays.copyOf(ova, end);
        HttpServer s = server();
        s.createContext("/p.ova", x -> {
            x.sendResponseHeaders(200, 0);
            if (!x.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = x.getResponseBody()) {
                    forever(out, prefix);
                } catch (IOException gone) {
                    // the client gave up
                }
            }
        });
        URI u = uri(s, "/p.ova");
        assertThatThrownBy(() -> {
            try (OvfPackage p = OvfPackage.open(u, fast())) {
                assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
                p.members();
                p.verify(VerifyOptions.defaults());
            }
        }).isInstanceOf(PackageException.class).hasMessageContaining(u.toString());
    }

    // ------------------------------------------------------------------------------------------ redirects

    @Test
    void aRedirectToAnotherServerIsFollowedWithoutTheCredentials() throws IOException {
        try (TestServer other = new TestServer()) {
            other.put("/p.ova", ova);
            HttpServer s = server();
            String want = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            s.createContext("/p.ova", x -> {
                String auth = x.getRequestHeaders().getFirst("Authorization");
                seen.add(auth == null ? "-" : auth);
                if (!want.equals(auth)) {
                    x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                    x.sendResponseHeaders(401, -1);
                } else {
                    x.getResponseHeaders().add("Location", other.uri("/p.ova").toString());
                    x.sendResponseHeaders(302, -1);
                }
                x.close();
            });
            HttpOptions o = fast().withCredentials("alice", "s3cret".toCharArray());
            try (OvfPackage p = OvfPackage.open(uri(s, "/p.ova"), o)) {
                assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
            }
            assertThat(seen).contains(want); // the package's own server got them when it asked
            assertThat(other.authorizations).isNotEmpty().allMatch(a -> a.equals("-"));

            // The other server asks too: it is not the package's server, so it gets no credentials.
            other.user = "alice";
            other.password = "s3cret";
            other.authorizations.clear();
            assertThatThrownBy(() -> OvfPackage.open(uri(s, "/p.ova"), o)).isInstanceOf(PackageException.class)
                    .hasMessageContaining("401");
            assertThat(other.authorizations).isNotEmpty().allMatch(a -> a.equals("-"));
        }
    }

    // ------------------------------------------------------------------------------------------ lying headers

    @Test
    void aContentLengthLongerThanTheBodyIsATruncatedTransfer() throws IOException {
        // The server announces the whole archive, sends 600,000 bytes fewer and closes the connection.
        URI u = raw("/p.ova", (m, p, h, out) -> {
            headers(out, 200, "Content-Length: " + ova.length, "Connection: close");
            if (m.equals("GET")) {
                out.write(ova, 0, ova.length - 600_000);
                out.flush();
                throw new IOException("close");
            }
        });
        assertThatThrownBy(() -> {
            try (OvfPackage p = OvfPackage.open(u, fast())) {
                read(p.openFile("big.bin"));
            }
        }).isInstanceOf(PackageException.class).hasMessageContaining(u.toString());
    }

    @Test
    void aContentLengthLongerThanTheBodyOnAnOpenConnectionIsAReadTimeout() throws IOException {
        URI u = raw("/p.ova", (m, p, h, out) -> {
            headers(out, 200, "Content-Length: " + (ova.length + 10_000));
            if (m.equals("GET")) {
                out.write(ova);
                out.flush();
                Thread.sleep(60_000);
            }
        });
        // The archive's end marker comes before the missing bytes: the package reads correctly, and
        // reading the stream to its announced end is a read timeout, not a hang.
        try (OvfPackage p = OvfPackage.open(u, fast())) {
            assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
        }
        Http http = new Http(fast(), u);
        Http.Resource r = http.probe(u);
        assertThatThrownBy(() -> read(http.open(r, 0, -1))).isInstanceOf(PackageException.class)
                .hasMessageContaining(u.toString()).hasMessageContaining("read timeout");
    }

    @Test
    void aContentLengthShorterThanTheBodyIsATruncatedArchive() throws IOException {
        // The server announces 600,000 bytes fewer than it sends: the client reads what was announced.
        URI u = raw("/p.ova", (m, p, h, out) -> {
            headers(out, 200, "Content-Length: " + (ova.length - 600_000), "Connection: close");
            if (m.equals("GET")) {
                out.write(ova);
                out.flush();
                throw new IOException("close");
            }
        });
        assertThatThrownBy(() -> {
            try (OvfPackage p = OvfPackage.open(u, fast())) {
                read(p.openFile("big.bin"));
            }
        }).isInstanceOf(PackageException.class).hasMessageContaining(u.toString());
    }

    // ------------------------------------------------------------------------------------------ ranges ignored

    @Test
    void aRangeRequestAnsweredWithTheWholeBodyIsSkippedToItsStart() throws IOException {
        try (TestServer ts = new TestServer()) {
            ts.ignoreRanges = true;
            ts.put("/p.ova", ova);
            try (OvfPackage p = OvfPackage.open(ts.uri("/p.ova"), fast())) {
                assertThat(p.randomAccess()).isTrue();
                assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
                assertThat(read(p.openFile("big.bin"))).isEqualTo(big);
            }
            assertThat(ts.log).anyMatch(l -> l.startsWith("GET /p.ova bytes="));
        }
    }

    private HttpServer server() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        s.start();
        closing.add(() -> s.stop(0));
        return s;
    }

    private static URI uri(HttpServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path);
    }
}
