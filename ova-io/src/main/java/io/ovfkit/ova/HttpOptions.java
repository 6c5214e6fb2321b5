package io.ovfkit.ova;

import java.net.ProxySelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How packages are fetched over {@code http(s)}. Immutable (the password is copied in and out) and safe
 * to share between threads; start from {@link #defaults()} or
 * {@link #fromEnvironment()} and change what you need with the {@code with…} methods.
 *
 * <ul>
 * <li><b>Proxies</b>: a {@link ProxySelector}, by default the JDK's
 * ({@link ProxySelector#getDefault()}: the {@code http.proxyHost}, {@code https.proxyHost},
 * {@code http.nonProxyHosts} system properties, or the system's settings with
 * {@code java.net.useSystemProxies=true}).</li>
 * <li><b>Trust</b>: the JDK's trust store, or the CA certificates of a PEM bundle
 * ({@link #withTrustedCertificates(Path)}; environment: {@code OVFKIT_HTTP_CA}).</li>
 * <li><b>Credentials</b>: HTTP basic authentication, answered when the server asks (a 401
 * challenge) and only to the host the package is on; from the environment with
 * {@code OVFKIT_HTTP_USER} and {@code OVFKIT_HTTP_PASSWORD}. Never put a password on a command
 * line.</li>
 * <li><b>Timeouts</b>: {@link #connectTimeout()} (30 s) to open a connection,
 * {@link #requestTimeout()} (5 min) for a response's status and headers, {@link #readTimeout()}
 * (60 s) for each read of a body: a server that stalls mid-body fails the read with an error
 * naming the URL instead of hanging.</li>
 * <li><b>Resuming</b>: a download cut short is resumed with a range request, at most
 * {@link #retries()} times in a row, when the server supports ranges.</li>
 * </ul>
 */
public final class HttpOptions {
    /** Environment variable naming a PEM bundle of CA certificates to trust instead of the JDK's. */
    public static final String ENV_CA = "OVFKIT_HTTP_CA";
    /** Environment variable holding the user name for HTTP basic authentication. */
    public static final String ENV_USER = "OVFKIT_HTTP_USER";
    /** Environment variable holding the password for HTTP basic authentication. */
    public static final String ENV_PASSWORD = "OVFKIT_HTTP_PASSWORD";

    private static final HttpOptions DEFAULTS = new HttpOptions(null, null, null, null, Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofSeconds(60), 5, 1 << 20);

    private final ProxySelector proxy;
    private final Path trustedCertificates;
    private final String user;
    private final char[] password;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final int retries;
    private final int readAhead;

    private HttpOptions(ProxySelector proxy, Path trustedCertificates, String user, char[] password,
            Duration connectTimeout, Duration requestTimeout, Duration readTimeout, int retries, int readAhead) {
        this.proxy = proxy;
        this.trustedCertificates = trustedCertificates;
        this.user = user;
        this.password = password;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.readTimeout = readTimeout;
        this.retries = retries;
        this.readAhead = readAhead;
    }

    /**
     * The JDK's proxy selector and trust store, no credentials, 30 s to connect, 5 min for the
     * response headers of a request, 60 s for each read of a response's body, 5 retries, 1 MiB
     * read-ahead.
     *
     * @return the defaults
     */
    public static HttpOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with the trust store and credentials the environment gives ({@value #ENV_CA},
     * {@value #ENV_USER}, {@value #ENV_PASSWORD}).
     *
     * @return the options
     */
    public static HttpOptions fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The same from the given variables (for tests and embedding programs).
     *
     * @param env the variables
     * @return the options
     */
    public static HttpOptions fromEnvironment(Map<String, String> env) {
        HttpOptions o = DEFAULTS;
        String ca = env.get(ENV_CA);
        if (ca != null && !ca.isBlank()) {
            o = o.withTrustedCertificates(Path.of(ca));
        }
        String u = env.get(ENV_USER);
        if (u != null && !u.isEmpty()) {
            String p = env.get(ENV_PASSWORD);
            o = o.withCredentials(u, p == null ? new char[0] : p.toCharArray());
        }
        return o;
    }

    /**
     * @param selector the proxy selector to use, {@code null} for the JDK's default
     * @return a copy with that selector
     */
    public HttpOptions withProxy(ProxySelector selector) {
        return new HttpOptions(selector, trustedCertificates, user, password, connectTimeout, requestTimeout,
                readTimeout, retries, readAhead);
    }

    /**
     * @param pemBundle a file of PEM CA certificates to trust instead of the JDK's store, or {@code null}
     * @return a copy trusting those certificates
     */
    public HttpOptions withTrustedCertificates(Path pemBundle) {
        return new HttpOptions(proxy, pemBundle, user, password, connectTimeout, requestTimeout, readTimeout, retries,
                readAhead);
    }

    /**
     * @param userName the user name for basic authentication
     * @param pass the password (copied)
     * @return a copy with those credentials
     */
    public HttpOptions withCredentials(String userName, char[] pass) {
        return new HttpOptions(proxy, trustedCertificates, Objects.requireNonNull(userName, "userName"),
                pass.clone(), connectTimeout, requestTimeout, readTimeout, retries, readAhead);
    }

    /**
     * @param connect the time allowed to connect
     * @param request the time allowed for a response's headers
     * @return a copy with those timeouts
     */
    public HttpOptions withTimeouts(Duration connect, Duration request) {
        return new HttpOptions(proxy, trustedCertificates, user, password, Objects.requireNonNull(connect),
                Objects.requireNonNull(request), readTimeout, retries, readAhead);
    }

    /**
     * @param read the longest a read of a response's body may wait for the next bytes (a server that
     *     stalls mid-body); the read then fails, and is resumed like a broken transfer
     * @return a copy with that read timeout
     */
    public HttpOptions withReadTimeout(Duration read) {
        if (read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive");
        }
        return new HttpOptions(proxy, trustedCertificates, user, password, connectTimeout, requestTimeout, read,
                retries, readAhead);
    }

    /**
     * @param count how many times in a row a download cut short is resumed (0: never)
     * @return a copy with that count
     */
    public HttpOptions withRetries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
        return new HttpOptions(proxy, trustedCertificates, user, password, connectTimeout, requestTimeout, readTimeout, count,
                readAhead);
    }

    /**
     * @param bytes how much a random-access read fetches at least (range requests are this large), 4 KiB to 64 MiB
     * @return a copy with that read-ahead
     */
    public HttpOptions withReadAhead(int bytes) {
        if (bytes < 4096 || bytes > (64 << 20)) {
            throw new IllegalArgumentException("read-ahead must be between 4 KiB and 64 MiB");
        }
        return new HttpOptions(proxy, trustedCertificates, user, password, connectTimeout, requestTimeout, readTimeout,
                retries, bytes);
    }

    /** @return the proxy selector, empty for the JDK's default */
    public Optional<ProxySelector> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** @return the PEM bundle of trusted CA certificates, empty for the JDK's trust store */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /** @return the user name for basic authentication, if any */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** @return a copy of the password (empty array without credentials) */
    char[] password() {
        return password == null ? new char[0] : password.clone();
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the time allowed for a response's headers */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the longest a read of a response's body waits for the next bytes */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** @return how many times in a row an interrupted download is resumed */
    public int retries() {
        return retries;
    }

    /** @return the smallest range fetched by a random-access read */
    public int readAhead() {
        return readAhead;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "HttpOptions[proxy=" + (proxy == null ? "default" : proxy) + ", trust="
                + (trustedCertificates == null ? "jdk" : trustedCertificates) + ", user=" + (user == null ? "-" : user)
                + ", retries=" + retries + "]";
    }
}
