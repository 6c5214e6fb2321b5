package io.ovfkit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTest {
    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "sha256", "SHA-256", "sha-256", "Sha_256", " SHA256 "})
    void parseIsLenient(String name) {
        assertThat(DigestAlgorithm.parse(name)).isEqualTo(DigestAlgorithm.SHA256);
    }

    @Test
    void namesForManifestAndJdk() {
        assertThat(DigestAlgorithm.SHA1.manifestName()).isEqualTo("SHA1");
        assertThat(DigestAlgorithm.SHA1.jdkName()).isEqualTo("SHA-1");
        assertThat(DigestAlgorithm.SHA512.manifestName()).isEqualTo("SHA512");
        assertThat(DigestAlgorithm.SHA512.jdkName()).isEqualTo("SHA-512");
        assertThat(DigestAlgorithm.SHA512.hexLength()).isEqualTo(128);
        assertThat(DigestAlgorithm.SHA256.newMessageDigest().getDigestLength()).isEqualTo(32);
    }

    @Test
    void defaultIsSha256() {
        assertThat(DigestAlgorithm.DEFAULT).isEqualTo(DigestAlgorithm.SHA256);
    }

    @Test
    void unknownNameIsRefusedWithTheAcceptedValues() {
        assertThatThrownBy(() -> DigestAlgorithm.parse("MD5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHA1, SHA256 or SHA512");
        assertThat(DigestAlgorithm.find("SHA384")).isEmpty();
    }

    @Test
    void signatureAlgorithmForRsaAndEc() {
        assertThat(DigestAlgorithm.SHA1.signatureAlgorithm("RSA")).isEqualTo("SHA1withRSA");
        assertThat(DigestAlgorithm.SHA512.signatureAlgorithm("EC")).isEqualTo("SHA512withECDSA");
        assertThatThrownBy(() -> DigestAlgorithm.SHA256.signatureAlgorithm("DSA"))
                .isInstanceOf(SigningException.class).hasMessageContaining("RSA or EC");
    }
}
