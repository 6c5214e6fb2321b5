package io.ovfkit.ova;

import static io.ovfkit.ova.Packages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ova.Packages.FileSpec;
import io.ovfkit.ova.Packages.Members;
import io.ovfkit.ova.VerifyReport.DiskStatus;
import io.ovfkit.ova.VerifyReport.FileResult;
import io.ovfkit.ova.VerifyReport.FileStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What verify fails, what it warns about, on packages built for each case, read at random and as streams. */
class VerifyTest {
    @TempDir
    Path tmp;

    private VerifyReport verify(Members m, boolean stream, VerifyOptions o) throws IOException {
        byte[] tar = Packages.tar(m.entries());
        try (OvfPackage p = stream ? OvfPackage.openStream(new ByteArrayInputStream(tar), "stdin")
                : OvfPackage.open(Files.write(tmp.resolve("p.ova"), tar))) {
            return p.verify(o);
        }
    }

    private VerifyReport verify(Members m, boolean stream) throws IOException {
        return verify(m, stream, VerifyOptions.defaults());
    }

    private static FileStatus status(VerifyReport r, String href) {
        return r.files().stream().filter(f -> f.href().equals(href)).map(FileResult::status).findFirst().orElseThrow();
    }

    /** A package with a descriptor, a data file and a complete SHA-256 manifest. */
    private static Members good(byte[] data) {
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", (long) data.length));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.put("data.bin", data);
        return new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered)).put("data.bin", data);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCompletePackagePasses(boolean stream) throws IOException {
        VerifyReport r = verify(good(Packages.random(3 << 20, 1)), stream);
        assertThat(r.ok()).isTrue();
        assertThat(r.descriptorCovered()).isTrue();
        assertThat(r.files()).extracting(FileResult::href).containsExactly("p.ovf", "data.bin");
        assertThat(r.files()).extracting(FileResult::status).containsOnly(FileStatus.OK);
        assertThat(r.failures()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.signature().present()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChangedByteIsADigestMismatchNamingTheFile(boolean stream) throws IOException {
        byte[] data = Packages.random(100_000, 2);
        Members m = good(data);
        byte[] changed = data.clone();
        changed[50_000] ^= 1;
        m.put("data.bin", changed);
        VerifyReport r = verify(m, stream);
        assertThat(r.ok()).isFalse();
        assertThat(status(r, "data.bin")).isEqualTo(FileStatus.MISMATCH);
        assertThat(r.failures()).singleElement().asString().contains("data.bin").contains("digest mismatch");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMissingFileFails(boolean stream) throws IOException {
        Members m = good(new byte[10]);
        m.files.remove("data.bin");
        VerifyReport r = verify(m, stream);
        assertThat(r.ok()).isFalse();
        assertThat(status(r, "data.bin")).isEqualTo(FileStatus.MISSING);
        assertThat(r.failures()).anyMatch(f -> f.contains("data.bin") && f.contains("missing"));
    }

    @Test
    void aManifestLineNamingAnAbsentFileFails() throws IOException {
        byte[] data = new byte[10];
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 10L));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.put("data.bin", data);
        covered.put("readme.txt", new byte[1]);
        Members m = new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered)).put("data.bin", data);
        VerifyReport r = verify(m, false);
        assertThat(r.ok()).isFalse();
        assertThat(status(r, "readme.txt")).isEqualTo(FileStatus.MISSING);
        assertThat(r.failures()).singleElement().asString().contains("readme.txt").contains("manifest lists it");
    }

    @Test
    void anExtraFileListedInTheManifestIsCheckedToo() throws IOException {
        byte[] ovf = Packages.descriptor();
        byte[] readme = "hello".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.put("readme.txt", readme);
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered))
                .put("readme.txt", readme), false);
        assertThat(r.ok()).isTrue();
        assertThat(status(r, "readme.txt")).isEqualTo(FileStatus.OK);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSizeOtherThanOvfSizeFails(boolean stream) throws IOException {
        byte[] data = new byte[100];
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 99L));
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("data.bin", data), stream);
        assertThat(r.ok()).isFalse();
        assertThat(status(r, "data.bin")).isEqualTo(FileStatus.SIZE_MISMATCH);
        assertThat(r.failures()).singleElement().asString().contains("data.bin").contains("ovf:size says 99");
    }

    @Test
    void noManifestIsAWarningAndStrictMakesItAFailure() throws IOException {
        Members m = new Members().put("p.ovf", Packages.descriptor(FileSpec.plain("data.bin", 3L)))
                .put("data.bin", new byte[3]);
        VerifyReport lax = verify(m, false);
        assertThat(lax.ok()).isTrue();
        assertThat(lax.descriptorCovered()).isFalse();
        assertThat(lax.warnings()).singleElement().asString().contains("no manifest");
        VerifyReport strict = verify(m, false, VerifyOptions.defaults().withStrict(true));
        assertThat(strict.ok()).isFalse();
        assertThat(strict.failures()).isEmpty();
    }

    @Test
    void aDescriptorNotCoveredIsAWarning() throws IOException {
        byte[] data = new byte[10];
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 10L));
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(Map.of("data.bin", data)))
                .put("data.bin", data), false);
        assertThat(r.ok()).isTrue();
        assertThat(r.descriptorCovered()).isFalse();
        assertThat(status(r, "p.ovf")).isEqualTo(FileStatus.NOT_IN_MANIFEST);
        assertThat(r.warnings()).anyMatch(w -> w.contains("not covered by the manifest"));
    }

    @Test
    void aFileNotInTheManifestIsAWarning() throws IOException {
        byte[] ovf = Packages.descriptor(FileSpec.plain("data.bin", 10L));
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(Map.of("p.ovf", ovf)))
                .put("data.bin", new byte[10]), false);
        assertThat(r.ok()).isTrue();
        assertThat(status(r, "data.bin")).isEqualTo(FileStatus.NOT_IN_MANIFEST);
        assertThat(r.warnings()).anyMatch(w -> w.contains("data.bin") && w.contains("not listed in the manifest"));
    }

    @Test
    void requireSignatureFailsAnUnsignedPackage() throws IOException {
        VerifyReport r = verify(good(new byte[5]), false, VerifyOptions.defaults().withRequireSignature(true));
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).singleElement().asString().contains("not signed");
    }

    @Test
    void chunksAreEachCheckedAndAShortMiddleChunkFails() throws IOException {
        byte[] data = Packages.random(10_000, 3);
        byte[] ovf = Packages.descriptor(FileSpec.plain("big.bin", 10_000L).chunked(4096));
        Map<String, byte[]> chunks = new LinkedHashMap<>();
        chunks.put("big.bin.000000000", Arrays.copyOfRange(data, 0, 4096));
        chunks.put("big.bin.000000001", Arrays.copyOfRange(data, 4096, 8192));
        chunks.put("big.bin.000000002", Arrays.copyOfRange(data, 8192, 10_000));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        covered.putAll(chunks);
        Members m = new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(covered));
        chunks.forEach(m::put);
        VerifyReport r = verify(m, false);
        assertThat(r.ok()).isTrue();
        assertThat(r.files()).extracting(FileResult::href).containsExactly("p.ovf", "big.bin.000000000",
                "big.bin.000000001", "big.bin.000000002");

        Members bad = new Members().put("p.ovf", ovf).put("big.bin.000000000", Arrays.copyOfRange(data, 0, 4096))
                .put("big.bin.000000001", Arrays.copyOfRange(data, 4096, 8000))
                .put("big.bin.000000002", Arrays.copyOfRange(data, 8000, 10_000));
        VerifyReport r2 = verify(bad, false);
        assertThat(r2.ok()).isFalse();
        assertThat(status(r2, "big.bin.000000001")).isEqualTo(FileStatus.SIZE_MISMATCH);
        assertThat(r2.failures()).anyMatch(f -> f.contains("big.bin.000000001") && f.contains("chunk"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDiskThatIsNotWhatItsDiskElementSaysFails(boolean stream) throws IOException {
        byte[] notVmdk = new byte[1 << 20];
        byte[] ovf = Packages.descriptor(FileSpec.disk("d.vmdk", notVmdk.length, 1 << 20));
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("d.vmdk", notVmdk), stream);
        assertThat(r.ok()).isFalse();
        assertThat(r.disks()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DiskStatus.MISMATCH);
            assertThat(d.format()).isEqualTo("raw");
        });
        assertThat(r.failures()).singleElement().asString().contains("d.vmdk").contains("disk mismatch");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aVmdkOfAnotherCapacityFailsAndTheRightOnePasses(boolean stream) throws IOException {
        byte[] content = Packages.random(1 << 20, 4);
        byte[] vmdk = Packages.vmdk(tmp, content, "streamOptimized");
        byte[] wrong = Packages.descriptor(FileSpec.disk("d.vmdk", vmdk.length, 2 << 20));
        VerifyReport r = verify(new Members().put("p.ovf", wrong).put("d.vmdk", vmdk), stream);
        assertThat(r.disks()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DiskStatus.MISMATCH);
            assertThat(d.capacity()).isEqualTo(1L << 20);
            assertThat(d.declaredCapacity()).isEqualTo(2L << 20);
        });
        byte[] right = Packages.descriptor(FileSpec.disk("d.vmdk", vmdk.length, 1 << 20));
        VerifyReport ok = verify(new Members().put("p.ovf", right).put("d.vmdk", vmdk), stream);
        assertThat(ok.disks()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DiskStatus.OK);
            assertThat(d.format()).isEqualTo("vmdk-streamOptimized");
        });
    }

    @Test
    void aGzipDiskIsJudgedFromTheHeadOfItsStream() throws IOException {
        byte[] content = Packages.random(1 << 20, 5);
        byte[] gz = Packages.gzip(Packages.vmdk(tmp, content, "streamOptimized"));
        byte[] ovf = Packages.descriptor(FileSpec.disk("d.vmdk.gz", gz.length, 1 << 20).compressed("gzip"));
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("d.vmdk.gz", gz), false);
        assertThat(r.disks()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DiskStatus.OK);
            assertThat(d.note()).contains("gzip");
        });
    }

    @Test
    void membersAreHashedInParallelWithTheSameResult() throws IOException {
        Members m = new Members();
        byte[] ovf = Packages.descriptor(FileSpec.plain("a.bin", null), FileSpec.plain("b.bin", null),
                FileSpec.plain("c.bin", null));
        Map<String, byte[]> covered = new LinkedHashMap<>();
        covered.put("p.ovf", ovf);
        for (String n : new String[] {"a.bin", "b.bin", "c.bin"}) {
            covered.put(n, Packages.random(2 << 20, n.charAt(0)));
        }
        m.put("p.ovf", ovf).put("p.mf", Packages.manifest(covered));
        covered.forEach((n, b) -> {
            if (!n.equals("p.ovf")) {
                m.put(n, b);
            }
        });
        VerifyReport one = verify(m, false, VerifyOptions.defaults().withThreads(1));
        VerifyReport four = verify(m, false, VerifyOptions.defaults().withThreads(4));
        assertThat(four).isEqualTo(one);
        assertThat(four.ok()).isTrue();
    }

    @Test
    void aMemberNeitherReferencedNorListedIsAWarning() throws IOException {
        byte[] ovf = Packages.descriptor();
        VerifyReport r = verify(new Members().put("p.ovf", ovf).put("p.mf", Packages.manifest(Map.of("p.ovf", ovf)))
                .put("pad", new byte[4096]), false);
        assertThat(r.ok()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("pad") && w.contains("neither referenced"));
    }
}
