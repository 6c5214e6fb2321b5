package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovfkit.cli.CreateCommandTest.Fixtures;
import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the trust of a signed package can fail, with the verdict and exit code of {@code ovfkit verify}:
 * the rows of the trust table in {@code signing/README.md}. Keys and certificates are made by openssl (and
 * keytool, for certificates with validity in the past or the future); signatures by openssl over the manifest.
 */
class TrustMatrixTest {
    @TempDir
    Path tmp;

    Path ova;
    Path[] key;

    @BeforeEach
    void signedPackage() {
        Path disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk, "--name", "web", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        key = CreateCommandTest.opensslEcKey(tmp);
    }

    private Path signedOva(String digest) {
        Path out = tmp.resolve("signed-" + digest + ".ova");
        Cli.Result r = Cli.run("sign", ova, "--key", key[0], "--cert", key[1], "-o", out, "--digest", digest, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return out;
    }

    /** The signed package as a folder. */
    private Path signedFolder() {
        Path dir = tmp.resolve("folder");
        Cli.Result r = Cli.run("unpack", signedOva("sha256"), dir, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    /** Writes {@code web.cert} anew: openssl's signature of {@code web.mf} with this key, then this certificate. */
    private static void resign(Path dir, Path keyPem, Path certPem, String digest) throws IOException {
        Path sig = dir.resolve("sig.bin");
        Fixtures.run(List.of(Oracle.require("openssl").toString(), "dgst", "-" + digest, "-sign",
                keyPem.toAbsolutePath().toString(), "-out", sig.toString(), "web.mf"), dir);
        String hex = HexFormat.of().formatHex(Files.readAllBytes(sig));
        Files.delete(sig);
        String cert = Files.readString(certPem, StandardCharsets.US_ASCII);
        cert = cert.substring(cert.indexOf("-----BEGIN CERTIFICATE-----"));
        Files.writeString(dir.resolve("web.cert"), digest.toUpperCase() + "(web.mf)= " + hex + "\n" + cert,
                StandardCharsets.US_ASCII);
    }

    /** keytool's EC key and self-signed certificate valid from {@code start} ({@code 2020/01/01}, {@code +1y}) for a day. */
    private Path[] keytoolKey(String name, String start) {
        Path dir = tmp.resolve(name);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String openssl = Oracle.require("openssl").toString();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Fixtures.run(List.of(keytool, "-genkeypair", "-keystore", "ks.p12", "-storetype", "pkcs12", "-storepass",
                "changeit", "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-startdate", start, "-validity", "1"), dir);
        Fixtures.run(List.of(openssl, "pkcs12", "-in", "ks.p12", "-passin", "pass:changeit", "-nocerts", "-nodes", "-out",
                "key.pem"), dir);
        Fixtures.run(List.of(openssl, "pkcs12", "-in", "ks.p12", "-passin", "pass:changeit", "-nokeys", "-clcerts",
                "-out", "cert.pem"), dir);
        return new Path[] {dir.resolve("key.pem"), dir.resolve("cert.pem")};
    }

    /** A CA made by openssl and a leaf it signs: {caCert, leafKey, leafCert}. */
    private Path[] caAndLeaf(String name) {
        Path dir = tmp.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ext.cnf"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n");
            Files.writeString(dir.resolve("leaf.cnf"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String openssl = Oracle.require("openssl").toString();
        Fixtures.run(List.of(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=" + name + " root",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"), dir);
        Fixtures.run(List.of(openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "leaf-key.pem", "-out", "leaf.csr", "-subj", "/CN=" + name + " signer"), dir);
        Fixtures.run(List.of(openssl, "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-days", "2", "-extfile", "leaf.cnf", "-out", "leaf.pem"), dir);
        return new Path[] {dir.resolve("ca.pem"), dir.resolve("leaf-key.pem"), dir.resolve("leaf.pem")};
    }

    private static String failures(Cli.Result r) {
        return r.json().get("failures").toString();
    }

    // ------------------------------------------------------------------------------------------ the rows

    @Test
    void anIntactSignedPackageTrustedByItsCertificateVerifies() {
        Path signed = signedOva("sha256");
        Cli.Result r = Cli.run("verify", signed, "--trust", key[1], "--json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        JsonNode s = r.json().get("signature");
        assertThat(s.get("valid").asBoolean()).isTrue();
        assertThat(s.get("trusted").asBoolean()).isTrue();
        assertThat(Cli.run("verify", signed, "--trust", key[1], "--strict", "--min-digest", "sha256").exitCode())
                .isZero();
    }

    @Test
    void aMemberAddedAfterSigningFails() throws IOException {
        Path signed = signedOva("sha256");
        Files.writeString(tmp.resolve("extra.txt"), "added later\n");
        Fixtures.run(List.of("tar", "-rf", signed.toString(), "extra.txt"), tmp);
        Cli.Result r = Cli.run("verify", signed, "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(r.json().get("signature").get("valid").asBoolean()).as("the signature itself still holds").isTrue();
        assertThat(failures(r)).contains("extra.txt").contains("the package is signed");
    }

    @Test
    void anUnsignedPackageWithAnAddedMemberOnlyWarns() throws IOException {
        Files.writeString(tmp.resolve("extra.txt"), "added later\n");
        Fixtures.run(List.of("tar", "-rf", ova.toString(), "extra.txt"), tmp);
        Cli.Result r = Cli.run("verify", ova, "--json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.json().get("warnings").toString()).contains("extra.txt");
    }

    @Test
    void aManifestLineRemovedAfterSigningFails() throws IOException {
        Path dir = signedFolder();
        Path mf = dir.resolve("web.mf");
        List<String> lines = Files.readAllLines(mf);
        Files.write(mf, lines.stream().filter(l -> !l.contains("web-disk1.vmdk")).toList());
        Cli.Result r = Cli.run("verify", dir, "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("signature").get("valid").asBoolean()).isFalse();
        assertThat(failures(r)).contains("does not verify").contains("web-disk1.vmdk");
    }

    @Test
    void aManifestLineRemovedAndSignedAgainStillFails() throws IOException {
        Path dir = signedFolder();
        Path mf = dir.resolve("web.mf");
        Files.write(mf, Files.readAllLines(mf).stream().filter(l -> !l.contains("web-disk1.vmdk")).toList());
        resign(dir, key[0], key[1], "sha256");
        Cli.Result r = Cli.run("verify", dir, "--trust", key[1], "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("signature").get("valid").asBoolean()).as("a valid signature over too little").isTrue();
        assertThat(r.json().get("files").toString()).contains("not-in-manifest");
        assertThat(failures(r)).contains("web-disk1.vmdk").contains("not listed in the manifest")
                .contains("the package is signed");
    }

    @Test
    void aCertificateSwappedFails() throws IOException {
        Path dir = signedFolder();
        Path[] other = CreateCommandTest.opensslKey(Files.createDirectories(tmp.resolve("other")), "pw");
        String cert = Files.readString(dir.resolve("web.cert"));
        String otherCert = Files.readString(other[1]);
        Files.writeString(dir.resolve("web.cert"), cert.substring(0, cert.indexOf("-----BEGIN CERTIFICATE-----"))
                + otherCert.substring(otherCert.indexOf("-----BEGIN CERTIFICATE-----")));
        Cli.Result r = Cli.run("verify", dir, "--trust", other[1], "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.json().get("signature").get("valid").asBoolean()).isFalse();
        assertThat(failures(r)).contains("does not verify");
    }

    @Test
    void aSha1SignatureFailsUnderMinDigestSha256() {
        Path signed = signedOva("sha1");
        Cli.Result plain = Cli.run("verify", signed, "--trust", key[1], "--json");
        assertThat(plain.exitCode()).as(plain.out()).isZero();
        assertThat(plain.json().get("signature").get("digest").asText()).isEqualTo("SHA1");
        assertThat(Cli.run("verify", signed, "--trust", key[1], "--min-digest", "sha1").exitCode()).isZero();
        Cli.Result r = Cli.run("verify", signed, "--trust", key[1], "--min-digest", "sha256", "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(failures(r)).contains("the signature uses SHA1, weaker than the minimum digest SHA256")
                .contains("web.mf: uses SHA1");
    }

    @Test
    void aSha1ManifestUnderASha256SignatureFailsUnderMinDigestSha256() throws IOException {
        Path dir = tmp.resolve("sha1mf");
        assertThat(Cli.run("unpack", signedOva("sha1"), dir, "-q").exitCode()).isZero();
        resign(dir, key[0], key[1], "sha256");
        Cli.Result ok = Cli.run("verify", dir, "--trust", key[1], "--json");
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.json().get("signature").get("digest").asText()).isEqualTo("SHA256");
        Cli.Result r = Cli.run("verify", dir, "--trust", key[1], "--min-digest", "sha256", "--json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(failures(r)).contains("web.mf: uses SHA1, weaker than the minimum digest SHA256")
                .doesNotContain("the signature uses");
        assertThat(Cli.run("verify", dir, "--trust", key[1], "--min-digest", "sha512").exitCode()).isEqualTo(1);
    }

    @Test
    void anUnknownMinDigestIsAUsageError() {
        Cli.Result r = Cli.run("verify", signedOva("sha256"), "--min-digest", "md5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--min-digest").contains("md5");
    }

    @Test
    void anExpiredCertificateWarnsAndStrictFails() throws IOException {
        Path dir = signedFolder();
        Path[] old = keytoolKey("expired", "2020/01/01");
        resign(dir, old[0], old[1], "sha256");
        Cli.Result r = Cli.run("verify", dir, "--trust", old[1], "--json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.json().get("signature").get("valid").asBoolean()).isTrue();
        assertThat(r.json().get("signature").get("expired").asBoolean()).isTrue();
        assertThat(r.json().get("warnings").toString()).contains("expired");
        assertThat(Cli.run("verify", dir, "--trust", old[1], "--strict").exitCode()).isEqualTo(1);
    }

    @Test
    void aNotYetValidCertificateWarnsAndStrictFails() throws IOException {
        Path dir = signedFolder();
        Path[] future = keytoolKey("future", "+1y");
        resign(dir, future[0], future[1], "sha256");
        Cli.Result r = Cli.run("verify", dir, "--trust", future[1], "--json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.json().get("signature").get("valid").asBoolean()).isTrue();
        assertThat(r.json().get("warnings").toString()).contains("not valid before");
        assertThat(Cli.run("verify", dir, "--trust", future[1], "--strict").exitCode()).isEqualTo(1);
    }

    @Test
    void aChainToAnUntrustedRootWarnsAndStrictFails() throws IOException {
        Path dir = signedFolder();
        Path[] pki = caAndLeaf("vendor");
        Path[] stranger = caAndLeaf("stranger");
        resign(dir, pki[1], pki[2], "sha256");
        Cli.Result trusted = Cli.run("verify", dir, "--trust", pki[0], "--strict", "--json");
        assertThat(trusted.exitCode()).as(trusted.out()).isZero();
        assertThat(trusted.json().get("signature").get("trusted").asBoolean()).isTrue();
        Cli.Result r = Cli.run("verify", dir, "--trust", stranger[0], "--json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.json().get("signature").get("valid").asBoolean()).isTrue();
        assertThat(r.json().get("signature").get("trusted").asBoolean()).isFalse();
        assertThat(r.json().get("warnings").toString()).contains("not chained to a trust anchor");
        assertThat(Cli.run("verify", dir, "--trust", stranger[0], "--strict").exitCode()).isEqualTo(1);
        assertThat(Cli.run("verify", dir, "--trust", stranger[0], "--require-signature").exitCode())
                .as("--require-signature asks for a signature, not for trust").isZero();
    }
}
