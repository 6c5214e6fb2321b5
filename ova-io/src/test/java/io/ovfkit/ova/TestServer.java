package io.ovfkit.ova;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 serving byte arrays, with or without range support, that can
 * cut one transfer short and ask for basic authentication. Records every request's method and
 * {@code Range} header.
 */
final class TestServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    volatile boolean ranges = true;
    /** Cut the next GET longer than this many bytes after {@code cutAfter} bytes (once). */
    volatile long cutLongerThan = -1;
    volatile int cutAfter;
    final AtomicInteger cuts = new AtomicInteger();
    /** Announce {@code Accept-Ranges: bytes} but answer every range request with 200 and the whole body. */
    volatile boolean ignoreRanges;
    /** The {@code Authorization} header of every request ("-" when absent). */
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    volatile String user;
    volatile String password;

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    TestServer put(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String range = x.getRequestHeaders().getFirst("Range");
            log.add(x.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
            String auth = x.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "-" : auth);
            if (user != null) {
                String want = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                if (!want.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                    x.sendResponseHeaders(401, -1);
                    return;
                }
            }
            byte[] body = files.get(path);
            if (body == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            boolean head = x.getRequestMethod().equals("HEAD");
            x.getResponseHeaders().add("ETag", "\"v1\"");
            long from = 0;
            long to = body.length - 1;
            int status = 200;
            if (ignoreRanges) {
                x.getResponseHeaders().add("Accept-Ranges", "bytes");
            } else if (ranges) {
                x.getResponseHeaders().add("Accept-Ranges", "bytes");
                String ifRange = x.getRequestHeaders().getFirst("If-Range");
                if (range != null && (ifRange == null || ifRange.equals("\"v1\""))) {
                    Matcher m = RANGE.matcher(range);
                    if (m.matches()) {
                        from = Long.parseLong(m.group(1));
                        to = m.group(2).isEmpty() ? body.length - 1 : Math.min(body.length - 1, Long.parseLong(m.group(2)));
                        if (from >= body.length) {
                            x.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                            x.sendResponseHeaders(416, -1);
                            return;
                        }
                        status = 206;
                        x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                    }
                }
            }
            long len = to - from + 1;
            if (head) {
                x.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                x.sendResponseHeaders(200, -1);
                return;
            }
            x.sendResponseHeaders(status, len == 0 ? -1 : len);
            OutputStream out = x.getResponseBody();
            long limit = len;
            if (cutLongerThan >= 0 && len > cutLongerThan && cuts.get() == 0) {
                cuts.incrementAndGet();
                limit = cutAfter;
            }
            out.write(body, (int) from, (int) limit);
            out.flush();
            if (limit < len) {
                // Drop the connection mid-body, as a network failure would.
                x.getHttpContext().getServer();
                throw new IOException("simulated cut after " + limit + " bytes");
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
