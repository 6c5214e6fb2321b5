package io.ovfkit.ova;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.signing.SigningException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of OVA reading: the tar index of a file opened at random
 * ({@link OvfPackage#open(Path)}) and the front-to-back reader of a stream
 * ({@link OvfPackage#openStream}), each followed by what {@code ovfkit info} and {@code verify}
 * read: the descriptor, the members, manifest and certificate, and a verification that reads every
 * file and disk. Contract: the package opens and verifies (a verdict, whatever it is), or a typed
 * exception says why ({@link PackageException}, or the leaves' {@link OvfException},
 * {@link SigningException}, {@link DiskFormatException}), or an {@link IOException}; nothing else.
 *
 * <p>An OVA is mostly zeros (tar padding, a VMDK's reserved head), so an input is a list of pieces
 * of the archive, as for the disk-format fuzz tests: records of a 4-byte big-endian offset (modulo
 * {@link #MAX_FILE}), a 2-byte big-endian length and that many bytes, laid on zeros; the seeds are
 * a few KiB where the archives are 76 KiB. Seeds: {@code OvaFuzzTestInputs/} (docs/fuzzing.md).
 */
class OvaFuzzTest {
    private static final Path FILE = fuzzFile();
    private static final VerifyOptions VERIFY = VerifyOptions.defaults().withThreads(1)
            .withNow(Instant.parse("2026-06-01T12:00:00Z"));

    @FuzzTest
    void openOva(byte[] input) throws IOException {
        Path file = FILE;
        byte[] ova = decode(input);
        Files.write(file, ova);
        try (OvfPackage p = OvfPackage.open(file)) {
            use(p);
        } catch (PackageException | OvfException | SigningException | DiskFormatException | IOException refused) {
            // a clear refusal
        }
        try (OvfPackage p = OvfPackage.openStream(new ByteArrayInputStream(ova), "fuzz.ova")) {
            use(p);
        } catch (PackageException | OvfException | SigningException | DiskFormatException | IOException refused) {
            // a clear refusal
        }
    }

    /** The largest archive an input describes. */
    static final int MAX_FILE = 1 << 20;

    /** The archive {@code input} describes (see the class comment). */
    static byte[] decode(byte[] input) {
        byte[] out = new byte[0];
        int i = 0;
        while (i + 6 <= input.length) {
            int offset = (int) ((((input[i] & 0xFFL) << 24) | ((input[i + 1] & 0xFF) << 16) | ((input[i + 2] & 0xFF) << 8)
                    | (input[i + 3] & 0xFF)) % MAX_FILE);
            int length = ((input[i + 4] & 0xFF) << 8) | (input[i + 5] & 0xFF);
            i += 6;
            length = Math.min(Math.min(length, input.length - i), MAX_FILE - offset);
            if (offset + length > out.length) {
                out = java.util.Arrays.copyOf(out, offset + length);
            }
            System.arraycopy(input, i, out, offset, length);
            i += length;
        }
        return out;
    }

    /** The input that describes {@code archive}: its nonzero 512-byte blocks and its length. */
    static byte[] encode(byte[] f) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        for (int s = 0; s < f.length; s += 512) {
            int end = Math.min(s + 512, f.length);
            while (end > s && f[end - 1] == 0) {
                end--;
            }
            if (end > s) {
                out.writeInt(s);
                out.writeShort(end - s);
                out.write(f, s, end - s);
            }
        }
        out.writeInt(f.length);
        out.writeShort(0);
        return bytes.toByteArray();
    }

    private static Path fuzzFile() {
        try {
            Path dir = Files.createTempDirectory("ovfkit-fuzz-ova");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("fuzz.ova");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void use(OvfPackage p) throws IOException {
        p.descriptor();
        p.members();
        p.warnings();
        if (p.randomAccess()) {
            p.manifest();
            p.certificate();
        }
        p.verify(VERIFY);
    }
}
