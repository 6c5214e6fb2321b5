package io.ovfkit.ovf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * govmomi's OVF parser (VMware's Go implementation, an independent reader) as a test oracle:
 * {@code shared/tools/govmomi-ovf} built with Debian's {@code go} and govmomi sources into a
 * binary that prints a JSON summary of a descriptor.
 *
 * <p>Skips the test without the shared folder; without go or govmomi's sources it skips, or fails
 * under {@code CI=true} like every missing oracle. The binary is built once per source version into
 * the temporary folder and reused by later tests and test runs.
 */
public final class Govmomi {
    /** Where Debian's golang-github-vmware-govmomi-dev puts the sources. */
    private static final Path SOURCES = Path.of("/usr/share/gocode/src/github.com/vmware/govmomi");
    private static Path binary;

    private Govmomi() {
    }

    /**
     * The govmomi-ovf program, built on first use.
     *
     * @return its path
     */
    public static synchronized Path require() {
        if (binary != null) {
            return binary;
        }
        Path tool = SharedCorpus.root().resolve("tools/govmomi-ovf");
        Assumptions.assumeTrue(Files.isRegularFile(tool.resolve("build.sh")), () -> tool + " not found; skipping");
        Oracle.require("go");
        if (!Files.isDirectory(SOURCES)) {
            String why = "govmomi's sources not found at " + SOURCES + " (Debian package golang-github-vmware-govmomi-dev)";
            Assertions.assertFalse("true".equals(System.getenv("CI")), why);
            Assumptions.abort(why + "; skipping");
        }
        try {
            Path out = Path.of(System.getProperty("java.io.tmpdir"), "ovfkit-govmomi-ovf-" + hash(tool.resolve("main.go")));
            Path program = out.resolve("govmomi-ovf");
            if (!Files.isExecutable(program)) {
                Oracle.Result b = Oracle.run(List.of("bash", tool.resolve("build.sh").toString(), out.toString()), null,
                        Duration.ofMinutes(5));
                Assertions.assertEquals(0, b.exitCode(), () -> "building govmomi-ovf: " + b.describe());
            }
            binary = program;
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses {@code descriptor} with govmomi and returns its JSON summary (virtualSystem, files,
     * disks, networks, properties, itemTypes, configurations); fails the test when govmomi refuses it.
     *
     * @param descriptor an .ovf file
     * @return the JSON text govmomi-ovf printed
     */
    public static String summary(Path descriptor) {
        Oracle.Result r = Oracle.run(List.of(require().toString(), descriptor.toString()), null, Duration.ofSeconds(60));
        Assertions.assertEquals(0, r.exitCode(), () -> "govmomi refused " + descriptor + ": " + r.describe());
        return r.stdout();
    }

    private static String hash(Path file) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
