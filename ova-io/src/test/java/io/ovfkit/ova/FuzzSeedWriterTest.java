package io.ovfkit.ova;

import io.ovfkit.ova.Packages.Entry;
import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.KeySigner;
import io.ovfkit.signing.Signatures;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seed corpus of {@link OvaFuzzTest} into {@code src/test/resources}: small OVAs (a
 * descriptor, a manifest, a streamOptimized VMDK made by disk-formats, plain or gzip-compressed or
 * in chunks; long names in GNU and PAX form; signed with a certificate file). Runs only on request:
 * {@code mvn -pl ova-io -am test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
class FuzzSeedWriterTest {
    static final Path INPUTS = Path.of("src/test/resources/io/ovfkit/ova/OvaFuzzTestInputs/openOva");

    @TempDir
    Path tmp;

    @Test
    void writeSeeds() throws IOException {
        Files.createDirectories(INPUTS);
        byte[] content = new byte[64 << 10];
        System.arraycopy(Packages.random(1024, 3), 0, content, 0, 1024);
        byte[] vmdk = Packages.vmdk(tmp, content, "streamOptimized");

        write("plain", "disk1.vmdk", FileSpec.disk("disk1.vmdk", vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_ERROR);
        byte[] gz = Packages.gzip(vmdk);
        write("gzip", "disk1.vmdk", FileSpec.disk("disk1.vmdk", gz.length, content.length).compressed("gzip"), gz,
                TarArchiveOutputStream.LONGFILE_ERROR);
        String longName = "a-disk-name-longer-than-the-hundred-bytes-a-ustar-header-holds-"
                + "so-that-it-needs-a-gnu-or-pax-record.vmdk";
        write("long-name-gnu", longName, FileSpec.disk(longName, vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_GNU);
        write("long-name-pax", longName, FileSpec.disk(longName, vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_POSIX);

        signed(vmdk, content.length);

        // ovf:chunkSize: the disk in two members, disk1.vmdk.000000000 and .000000001.
        int half = vmdk.length / 2;
        byte[] a = java.util.Arrays.copyOfRange(vmdk, 0, half);
        byte[] b = java.util.Arrays.copyOfRange(vmdk, half, vmdk.length);
        byte[] ovf = Packages.descriptor(FileSpec.disk("disk1.vmdk", vmdk.length, content.length).chunked(half));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("vm.ovf", ovf);
        members.put("disk1.vmdk.000000000", a);
        members.put("disk1.vmdk.000000001", b);
        byte[] mf = Packages.manifest(members);
        Files.write(INPUTS.resolve("seed-chunked.ova"), OvaFuzzTest.encode(Packages.tar(List.of(Entry.file("vm.ovf", ovf),
                Entry.file("vm.mf", mf), Entry.file("disk1.vmdk.000000000", a), Entry.file("disk1.vmdk.000000001", b)))));
    }

    /**
     * A signed OVA as ovftool lays it out: descriptor, manifest (SHA256), certificate file (the
     * manifest's SHA256 signature by an EC P-256 key and its self-signed certificate, valid 2025 to
     * 2036, so {@link OvaFuzzTest}'s verification date lies inside it), disk.
     */
    private static void signed(byte[] vmdk, long capacity) throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.disk("disk1.vmdk", vmdk.length, capacity));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("vm.ovf", ovf);
        members.put("disk1.vmdk", vmdk);
        byte[] mf = Packages.manifest(members);
        byte[] cert;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = g.generateKeyPair();
            X500Principal name = new X500Principal("CN=ovfkit fuzz seed");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(Instant.parse("2025-01-01T00:00:00Z")), Date.from(Instant.parse("2036-01-01T00:00:00Z")), name,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate x = new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            cert = Signatures.sign(mf, "vm.mf", KeySigner.of(keys.getPrivate(), List.of(x)), DigestAlgorithm.SHA256).write();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        Files.write(INPUTS.resolve("seed-signed.ova"), OvaFuzzTest.encode(Packages.tar(List.of(Entry.file("vm.ovf", ovf),
                Entry.file("vm.mf", mf), Entry.file("vm.cert", cert), Entry.file("disk1.vmdk", vmdk)))));
    }

    private static void write(String seed, String href, FileSpec disk, byte[] data, int longFileMode) throws IOException {
        byte[] ovf = Packages.descriptor(disk);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("vm.ovf", ovf);
        members.put(href, data);
        byte[] mf = Packages.manifest(members);
        Files.write(INPUTS.resolve("seed-" + seed + ".ova"), OvaFuzzTest.encode(Packages.tar(List.of(Entry.file("vm.ovf", ovf),
                Entry.file("vm.mf", mf), Entry.file(href, data)), longFileMode, TarArchiveOutputStream.BIGNUMBER_STAR)));
    }
}
