package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key, certificate, trust-anchor, manifest and password files are read with a cap (docs/limits.md). */
class FileSizeLimitTest {
    @TempDir
    Path dir;

    private Path sparse(String name, long size) throws Exception {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    @Test
    void aKeyFileOverTheCapIsRefusedBeforeItIsRead() throws Exception {
        Path key = sparse("huge.pem", BoundedFiles.MAX_BYTES + 1L);
        assertThatThrownBy(() -> Keys.load(key, null, PasswordSource.none())).isInstanceOf(SigningException.class)
                .hasMessageContaining("huge.pem").hasMessageContaining("a key file is at most");
    }

    @Test
    void aTrustAnchorFileOverTheCapIsRefused() throws Exception {
        Path pem = sparse("anchors.pem", BoundedFiles.MAX_BYTES + 1L);
        assertThatThrownBy(() -> TrustAnchors.fromPem(pem)).isInstanceOf(SigningException.class)
                .hasMessageContaining("anchors.pem");
    }

    @Test
    void aPasswordFileOverTheCapIsRefused() throws Exception {
        Path pw = sparse("password.txt", BoundedFiles.PASSWORD_MAX_BYTES + 1L);
        assertThatThrownBy(() -> PasswordSource.file(pw).password("key.pem")).isInstanceOf(SigningException.class)
                .hasMessageContaining("password.txt");
    }

    /** A device reports size 0: the cap holds while reading, not only against the reported size. */
    @Test
    void aFileWithoutASizeIsReadOnlyUpToTheCap() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertThatThrownBy(() -> TrustAnchors.fromPem(zero)).isInstanceOf(SigningException.class)
                .hasMessageContaining("holds more than");
        assertThatThrownBy(() -> Manifest.read(zero)).isInstanceOf(SigningException.class)
                .hasMessageContaining("holds more than");
        assertThatThrownBy(() -> CertificateFile.read(zero)).isInstanceOf(SigningException.class)
                .hasMessageContaining("holds more than");
    }
}
