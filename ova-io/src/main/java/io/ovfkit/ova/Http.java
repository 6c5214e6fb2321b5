package io.ovfkit.ova;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * ova-io's use of the JDK's {@link HttpClient}: what a resource is (size, range support, validator),
 * and streams of whole resources or byte ranges that resume after an interruption.
 */
final class Http {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)",
            Pattern.CASE_INSENSITIVE);

    /** The most a range request answered with the whole file (200) is read and skipped to reach its start. */
    static final long MAX_SKIP = 64L << 20;

    /** Closes a body whose read waits longer than the read timeout (the JDK's client has no such timeout). */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ovfkit-http-read-timeout");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true); // one task per read: cancelled ones must not pile up
        return e;
    }

    private final HttpClient client;
    private final HttpOptions options;

    /** What a HEAD or a probe said about a resource. */
    record Resource(URI uri, boolean exists, long size, boolean ranges, String validator, int status) {
    }

    Http(HttpOptions options, URI origin) {
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.connectTimeout())
                .proxy(options.proxy().orElse(ProxySelector.getDefault()));
        options.trustedCertificates().ifPresent(p -> b.sslContext(sslContext(p)));
        if (options.user().isPresent()) {
            String host = origin.getHost();
            int port = port(origin);
            String user = options.user().get();
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    // Answer the package's own server only (host and port): never a proxy, never a server a
                    // redirect led to.
                    URI at = getRequestingURL() == null ? null : URI.create(getRequestingURL().toString());
                    int p = at != null ? port(at) : getRequestingPort();
                    if (getRequestorType() != RequestorType.SERVER || host == null
                            || !host.equalsIgnoreCase(getRequestingHost()) || p != port) {
                        return null;
                    }
                    return new PasswordAuthentication(user, options.password());
                }
            });
        }
        this.client = b.build();
    }

    /** The port of a URL, the scheme's default when it names none. */
    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    HttpOptions options() {
        return options;
    }

    private static SSLContext sslContext(java.nio.file.Path pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(pem)) {
                certs = cf.generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new PackageException(pem.toString(), "no certificate in the PEM bundle given as trust store");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new PackageException(pem.toString(), null, -1, "cannot read the trust store: " + e.getMessage(), e);
        }
    }

    /** Refuses URLs ovfkit does not fetch; credentials never travel in a URL. */
    static void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PackageException(uri.toString(), "only http and https URLs are fetched");
        }
        if (uri.getRawUserInfo() != null) {
            throw new PackageException(redact(uri), "credentials in the URL are refused (they end up in logs and "
                    + "process lists); set " + HttpOptions.ENV_USER + " and " + HttpOptions.ENV_PASSWORD + " instead");
        }
        if (uri.getHost() == null) {
            throw new PackageException(uri.toString(), "the URL has no host");
        }
    }

    static String redact(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "");
    }

    /**
     * What the server says about {@code uri}: HEAD first; when it does not announce
     * {@code Accept-Ranges: bytes}, a one-byte range request tells whether ranges work.
     */
    Resource probe(URI uri) throws IOException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        int st = head.statusCode();
        long headSize = st == 200 ? head.headers().firstValueAsLong("Content-Length").orElse(-1) : -1;
        if (st == 404 || st == 410) {
            return new Resource(uri, false, -1, false, null, st);
        }
        if (st == 200) {
            HttpHeaders h = head.headers();
            long size = h.firstValueAsLong("Content-Length").orElse(-1);
            boolean ranges = h.firstValue("Accept-Ranges").map(v -> v.toLowerCase(Locale.ROOT).contains("bytes"))
                    .orElse(false);
            if (ranges && size >= 0) {
                return new Resource(uri, true, size, true, validator(h), st);
            }
        } else if (st != 405 && st != 501 && st != 403) {
            throw statusError(uri, st);
        }
        // One-byte probe: 206 means ranges work (and tells the size), 200 means they do not.
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(uri).header("Range", "bytes=0-0").GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = r.body();
        try {
            int s = r.statusCode();
            if (s == 404 || s == 410) {
                return new Resource(uri, false, -1, false, null, s);
            }
            if (s == 206) {
                long total = contentRange(r.headers()).map(cr -> cr[2]).orElse(-1L);
                return new Resource(uri, true, total, total >= 0, validator(r.headers()), s);
            }
            if (s == 416) {
                // An empty resource cannot satisfy bytes=0-0.
                return new Resource(uri, true, 0, true, validator(r.headers()), s);
            }
            if (s == 200) {
                // A chunked answer tells no size: the HEAD's Content-Length, if it gave one, still holds.
                return new Resource(uri, true, r.headers().firstValueAsLong("Content-Length").orElse(headSize), false,
                        validator(r.headers()), s);
            }
            throw statusError(uri, s);
        } finally {
            body.close(); // the probe needs the headers only
        }
    }

    private static String validator(HttpHeaders h) {
        Optional<String> etag = h.firstValue("ETag").filter(e -> !e.startsWith("W/"));
        return etag.orElseGet(() -> h.firstValue("Last-Modified").orElse(null));
    }

    /** {start, end, total (or -1)} of a Content-Range header. */
    private static Optional<long[]> contentRange(HttpHeaders h) {
        return h.firstValue("Content-Range").map(v -> {
            Matcher m = CONTENT_RANGE.matcher(v.trim());
            if (!m.matches()) {
                return null;
            }
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))};
        });
    }

    /**
     * The bytes {@code [offset, offset + length)} of a resource ({@code length} -1: to the end), as a
     * stream that resumes with a range request when the transfer is cut short.
     */
    InputStream open(Resource res, long offset, long length) {
        return new ResumingStream(res, offset, length < 0 ? (res.size() < 0 ? -1 : res.size()) : offset + length);
    }

    /** GET of the whole resource without knowing anything about it: used when HEAD is not enough. */
    HttpResponse<InputStream> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder rb, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest req = rb.timeout(options.requestTimeout()).header("User-Agent", "ovfkit").build();
        try {
            return client.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + req.uri());
        } catch (java.net.http.HttpConnectTimeoutException e) {
            throw new PackageException(redact(req.uri()), null, -1, "could not connect within "
                    + options.connectTimeout().toMillis() + " ms (connect timeout)", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new PackageException(redact(req.uri()), null, -1, "no response within "
                    + options.requestTimeout().toMillis() + " ms (request timeout)", e);
        } catch (IOException e) {
            if ("No credentials provided".equals(e.getMessage())) {
                // The JDK's answer to a 401 the authenticator declined: a server other than the package's asked.
                throw new PackageException(redact(req.uri()), null, -1, "the server answered HTTP 401 (authentication "
                        + "required; credentials are given only to the package's own server, never to another host "
                        + "or port a redirect leads to)", e);
            }
            throw new IOException(req.uri() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    static PackageException statusError(URI uri, int status) {
        String hint = switch (status) {
            case 401 -> " (authentication required: set " + HttpOptions.ENV_USER + " and " + HttpOptions.ENV_PASSWORD + ")";
            case 403 -> " (forbidden)";
            case 404, 410 -> " (not found)";
            case 407 -> " (the proxy requires authentication)";
            default -> "";
        };
        return new PackageException(uri.toString(), "the server answered HTTP " + status + hint);
    }

    /**
     * A GET of {@code [pos, end)} that, when the connection breaks or ends early, asks again from where
     * it stopped with {@code Range} and {@code If-Range}, at most {@link HttpOptions#retries()} times in
     * a row; a resource that changed meanwhile is an error rather than a mixed download.
     */
    final class ResumingStream extends InputStream {
        private final Resource res;
        private final long start;
        private final long end;
        private long pos;
        private InputStream body;
        private int failures;
        private boolean eof;

        ResumingStream(Resource res, long start, long end) {
            this.res = res;
            this.start = start;
            this.end = end;
            this.pos = start;
        }

        private void connect() throws IOException {
            boolean whole = pos == 0 && (end < 0 || end == res.size());
            HttpRequest.Builder rb = HttpRequest.newBuilder(res.uri()).GET();
            if (!whole) {
                if (!res.ranges()) {
                    throw new PackageException(res.uri().toString(), null, pos, "the server does not support range "
                            + "requests, so a transfer cannot start or resume at byte " + pos, null);
                }
                rb.header("Range", "bytes=" + pos + "-" + (end < 0 ? "" : String.valueOf(end - 1)));
                if (res.validator() != null) {
                    rb.header("If-Range", res.validator());
                }
            }
            HttpResponse<InputStream> r = send(rb, HttpResponse.BodyHandlers.ofInputStream());
            int st = r.statusCode();
            if (whole && st == 200) {
                body = r.body();
                return;
            }
            if (!whole && st == 206) {
                long[] cr = contentRange(r.headers()).orElse(null);
                if (cr == null || cr[0] != pos) {
                    r.body().close();
                    throw new PackageException(res.uri().toString(), null, pos, "the server answered a range request "
                            + "for byte " + pos + " with another range (" + r.headers().firstValue("Content-Range")
                            .orElse("no Content-Range") + ")", null);
                }
                body = r.body();
                return;
            }
            if (!whole && st == 200) {
                String v = validator(r.headers());
                if (res.validator() != null && v != null && !res.validator().equals(v)) {
                    r.body().close();
                    throw new PackageException(res.uri().toString(), null, pos, "the file changed on the server "
                            + "while it was being read (the range request was answered with the whole, new file)", null);
                }
                // The server ignored the Range header: read the whole file and skip to pos, up to MAX_SKIP.
                if (pos > MAX_SKIP) {
                    r.body().close();
                    throw new PackageException(res.uri().toString(), null, pos, "the server ignored a range request "
                            + "(answered 200 with the whole file); skipping " + pos + " bytes to reach the range is "
                            + "refused (more than " + MAX_SKIP + ")", null);
                }
                body = r.body();
                long skip = pos;
                byte[] sink = new byte[8192];
                while (skip > 0) {
                    int n = timedRead(sink, 0, (int) Math.min(sink.length, skip));
                    if (n < 0) {
                        closeBody();
                        throw new IOException("the whole file sent instead of a range ended at byte " + (pos - skip));
                    }
                    skip -= n;
                }
                return;
            }
            r.body().close();
            throw statusError(res.uri(), st);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (eof) {
                return -1;
            }
            int want = end < 0 ? len : (int) Math.min(len, end - pos);
            if (want <= 0) {
                eof = true;
                return -1;
            }
            while (true) {
                try {
                    if (body == null) {
                        connect();
                    }
                    int n = timedRead(b, off, want);
                    if (n < 0) {
                        if (end >= 0 && pos < end) {
                            throw new IOException("the transfer ended at byte " + pos + " of " + end);
                        }
                        eof = true;
                        return -1;
                    }
                    pos += n;
                    failures = 0;
                    return n;
                } catch (IOException e) {
                    closeBody();
                    if (e instanceof InterruptedIOException || !res.ranges() || ++failures > options.retries()) {
                        throw new PackageException(res.uri().toString(), null, pos, "download failed"
                                + (res.ranges() ? " after " + (failures - 1) + " resumed attempts" : " and the server "
                                + "does not support range requests to resume it") + ": " + e.getMessage(), e);
                    }
                    // resume from pos with a range request
                }
            }
        }

        /**
         * One read of the body that fails with {@link java.net.http.HttpTimeoutException} when no byte
         * arrives within {@link HttpOptions#readTimeout()}: the watchdog closes the body, which ends the read.
         */
        private int timedRead(byte[] b, int off, int len) throws IOException {
            InputStream in = body;
            boolean[] fired = new boolean[1];
            ScheduledFuture<?> f = WATCHDOG.schedule(() -> {
                synchronized (fired) {
                    fired[0] = true;
                }
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the read fails anyway
                }
            }, options.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                f.cancel(false);
                synchronized (fired) {
                    if (fired[0]) {
                        throw timeout();
                    }
                }
                throw e;
            }
            f.cancel(false);
            synchronized (fired) {
                if (fired[0]) {
                    throw timeout();
                }
            }
            return n;
        }

        private java.net.http.HttpTimeoutException timeout() {
            return new java.net.http.HttpTimeoutException("no data for " + options.readTimeout().toMillis()
                    + " ms (read timeout)");
        }

        /** Bytes delivered so far, counted from the start of the range. */
        long delivered() {
            return pos - start;
        }

        private void closeBody() {
            if (body != null) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the connection is being dropped anyway
                }
                body = null;
            }
        }

        @Override
        public void close() {
            closeBody();
            eof = true;
        }
    }

    /** The size of a resource given by a 200 response, if its headers tell. */
    static OptionalLong length(HttpResponse<?> r) {
        return r.headers().firstValueAsLong("Content-Length");
    }
}
