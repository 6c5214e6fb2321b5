package io.ovfkit.maven;

import io.ovfkit.signing.KeySigner;
import io.ovfkit.signing.Keys;
import io.ovfkit.signing.PasswordSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Where the goals get a signing key: a file named on the command line or in settings (never a key
 * in the POM), or an environment variable holding the PEM text (a CI secret). The key's password
 * comes from a file or from the environment variable {@code OVFKIT_KEY_PASSWORD}.
 */
final class SigningKeys {
    private SigningKeys() {
    }

    /**
     * The signer, or null when neither a key file nor a set key variable is given.
     *
     * @param keyFile a PEM or PKCS#12 key file (with its certificate, unless {@code certFile})
     * @param keyVariable the name of an environment variable holding a PEM key and certificate
     */
    static KeySigner load(File keyFile, File certFile, String keyVariable, File passwordFile, Map<String, String> env)
            throws IOException, MojoFailureException {
        PasswordSource passwords = passwordFile != null ? PasswordSource.file(passwordFile.toPath())
                : PasswordSource.environment();
        if (keyFile != null) {
            return Keys.load(keyFile.toPath(), certFile == null ? null : certFile.toPath(), passwords);
        }
        if (keyVariable == null || keyVariable.isBlank()) {
            return null;
        }
        String pem = env.get(keyVariable);
        if (pem == null || pem.isBlank()) {
            return null;
        }
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        String name = "$" + keyVariable;
        PrivateKey key = Keys.readPrivateKey(bytes, name, passwords);
        List<X509Certificate> chain = certFile != null
                ? Keys.readCertificates(java.nio.file.Files.readAllBytes(certFile.toPath()), certFile.toString())
                : Keys.readCertificates(bytes, name);
        if (chain.isEmpty()) {
            throw new MojoFailureException(name + " holds a key but no certificate; add the certificate's PEM block to it"
                    + " or name a certificate file with signCertificate");
        }
        return KeySigner.of(key, chain);
    }
}
