package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.signing.Manifest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member larger than 8 GiB - 1, the largest size a ustar header holds in octal: its size goes in
 * GNU base-256, which GNU tar and Python read. The source is a sparse file of zeros and the OVA is
 * written sparse where the data is zero, so the test needs little disk space; reading and hashing
 * 8 GiB takes about a minute, hence an integration test: {@code mvn -pl ova-io test -Dtest=BigMemberIT}.
 */
class BigMemberIT {
    private static final long SIZE = (8L << 30) + (1L << 20) + 7;

    @TempDir
    Path dir;

    @Test
    void memberOver8GiBHasABase256SizeThatGnuTarAndPythonRead() throws IOException {
        Path big = dir.resolve("zeros.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        OvfDescriptor d = Fixtures.appliance("big");
        d.envelope().references().orElseThrow().children().add(new FileReference("file1", "zeros.img"));
        Path ova = dir.resolve("big.ova");
        PackageResult r;
        try (PackageWriter w = PackageWriter.toOva(ova, PackageOptions.builder().modificationTime(Instant.EPOCH).build())) {
            r = w.descriptor(d, "big.ovf").file("zeros.img", big).finish();
        }
        Fixtures.Header h = Fixtures.headers(ova).get(2);
        assertThat(h.name()).isEqualTo("zeros.img");
        assertThat(h.size()).isEqualTo(SIZE);
        assertThat(h.magic()).isEqualTo("ustar\0");
        assertThat(h.checksumOk()).isTrue();
        assertThat(Fixtures.slice(ova, h.offset() + 124, 1)[0] & 0xff).isEqualTo(0x80);

        Oracle.Result tar = Fixtures.run(List.of(Oracle.require("tar").toString(), "tvf", ova.toString()), null);
        assertThat(tar.stdout()).contains(Long.toString(SIZE)).contains("zeros.img");

        Manifest mf = r.manifest().orElseThrow();
        Oracle.Result py = Fixtures.python("import sys, tarfile, hashlib\n"
                + "with tarfile.open(sys.argv[1]) as t:\n"
                + "    m = t.getmember('zeros.img')\n"
                + "    h = hashlib.sha256()\n"
                + "    f = t.extractfile(m)\n"
                + "    while True:\n"
                + "        b = f.read(1 << 24)\n"
                + "        if not b: break\n"
                + "        h.update(b)\n"
                + "    print(m.size, h.hexdigest())\n", ova.toString());
        assertThat(py.stdout().strip()).isEqualTo(SIZE + " " + mf.entry("zeros.img").orElseThrow().digest().hex());
        // Zeros were skipped, not written: the OVA occupies far less than its length.
        long allocated = (Long) Files.getAttribute(ova, "unix:size") > 0
                ? Long.parseLong(Fixtures.run(List.of("stat", "-c", "%b", ova.toString()), null).stdout().strip()) * 512 : 0;
        assertThat(allocated).isLessThan(1L << 30);
    }
}
