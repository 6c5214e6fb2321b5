package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unpack --expand}: a signed OVA with a gzip-compressed, chunked disk becomes a folder of plain
 * files that {@code ovfkit verify} passes, whose manifest a {@link MessageDigest} recomputes and
 * whose disk qemu-img finds equal to the original; the old signature is dropped with a warning.
 */
class UnpackExpandCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aSignedCompressedChunkedPackageUnpacksPlainAndVerifies() throws IOException, NoSuchAlgorithmException {
        Path raw = DiskFixtures.raw(tmp.resolve("src.raw"), 4L * DiskFixtures.MIB, 9, 0, 2L * DiskFixtures.MIB);
        Path[] key = CreateCommandTest.opensslKey(tmp, "pw words");
        Path pw = Files.writeString(tmp.resolve("pw.txt"), "pw words\n");
        Path ova = tmp.resolve("web.ova");
        Cli.Result c = Cli.run("create", ova, "--disk", raw, "--name", "web", "--compress", "--chunk-size", "1MiB",
                "--digest", "sha512", "--sign-key", key[0], "--sign-cert", key[1], "--key-password-file", pw, "-q");
        assertThat(c.exitCode()).as(c.err()).isZero();
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("unpack", "--expand", ova, out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning:").contains("web.cert").contains("removed the signature");
        try (var l = Files.list(out)) {
            assertThat(l.map(p -> p.getFileName().toString()).sorted()).containsExactly("web-disk1.vmdk", "web.mf", "web.ovf");
        }
        String ovf = Files.readString(out.resolve("web.ovf"));
        assertThat(ovf).doesNotContain("ovf:compression").doesNotContain("ovf:chunkSize")
                .contains("ovf:size=\"" + Files.size(out.resolve("web-disk1.vmdk")) + "\"");
        for (String line : Files.readAllLines(out.resolve("web.mf"))) {
            Matcher m = Pattern.compile("SHA512\\((.+)\\)= ([0-9a-f]{128})").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                    .digest(Files.readAllBytes(out.resolve(m.group(1)))))).isEqualTo(m.group(2));
        }
        Cli.Result v = Cli.run("verify", out);
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        Oracle.Result q = Oracle.run(List.of(Oracle.require("qemu-img").toString(), "compare", "-f", "raw", "-F", "vmdk",
                raw.toString(), out.resolve("web-disk1.vmdk").toString()), tmp, Duration.ofMinutes(2));
        assertThat(q.exitCode()).as(q.stdout() + q.stderr()).isZero();
    }

    @Test
    void withoutExpandMembersStayAsStored() throws IOException {
        Path raw = DiskFixtures.raw(tmp.resolve("src.raw"), DiskFixtures.MIB, 9, 0);
        Path ova = tmp.resolve("web.ova");
        assertThat(Cli.run("create", ova, "--disk", raw, "--name", "web", "--compress", "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("unpack", ova, tmp.resolve("out"), "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        byte[] stored = Files.readAllBytes(tmp.resolve("out/web-disk1.vmdk"));
        assertThat(stored[0] & 0xff).isEqualTo(0x1f);
        assertThat(stored[1] & 0xff).isEqualTo(0x8b);
        assertThat(Files.readString(tmp.resolve("out/web.ovf"))).contains("ovf:compression=\"gzip\"");
    }

    @Test
    void progressJsonReportsTheUnpackedBytes() throws IOException {
        Path raw = DiskFixtures.raw(tmp.resolve("src.raw"), DiskFixtures.MIB, 9, 0);
        Path ova = tmp.resolve("web.ova");
        assertThat(Cli.run("create", ova, "--disk", raw, "--name", "web", "--compress", "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("unpack", "--expand", ova, tmp.resolve("out"), "-q", "--progress", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        var last = mapper.readTree(lines.get(lines.size() - 1));
        assertThat(last.get("phase").asText()).isEqualTo("unpacking");
        assertThat(last.get("bytesDone").asLong()).isEqualTo(last.get("bytesTotal").asLong()).isPositive();
        assertThat(mapper.readTree(lines.get(0)).get("bytesTotal").isNull()).isTrue();
    }
}
