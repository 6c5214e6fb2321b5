package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.signing.DigestAlgorithm;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageOptionsTest {
    @Test
    void defaultsAreSha256ManifestUnsignedUncompressedStreamOptimized() {
        PackageOptions o = PackageOptions.defaults();
        assertThat(o.manifestDigest()).contains(DigestAlgorithm.SHA256);
        assertThat(o.signer()).isEmpty();
        assertThat(o.gzipLevel()).isZero();
        assertThat(o.chunkSize()).isEmpty();
        assertThat(o.streamChunkSize()).isEqualTo(64L << 20);
        assertThat(o.diskEncoding()).isEqualTo(DiskEncoding.STREAM_OPTIMIZED);
        assertThat(o.contentSeed()).isEmpty();
        assertThat(o.reproducible()).isFalse();
    }

    @Test
    void reproducibleTakesTheTimeAndSeedFromSourceDateEpoch() {
        PackageOptions o = PackageOptions.builder().reproducible(true)
                .environment(Map.of("SOURCE_DATE_EPOCH", " 1700000000 ")).build();
        assertThat(o.modificationTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(o.contentSeed()).contains(1_700_000_000L);
    }

    @Test
    void reproducibleWithoutSourceDateEpochUsesTheEpoch() {
        PackageOptions o = PackageOptions.builder().reproducible(true).environment(Map.of()).build();
        assertThat(o.modificationTime()).isEqualTo(Instant.EPOCH);
        assertThat(o.contentSeed()).contains(0L);
    }

    @Test
    void explicitTimeWinsOverSourceDateEpoch() {
        PackageOptions o = PackageOptions.builder().reproducible(true).modificationTime(Instant.ofEpochSecond(5, 999))
                .environment(Map.of("SOURCE_DATE_EPOCH", "1700000000")).build();
        assertThat(o.modificationTime()).isEqualTo(Instant.ofEpochSecond(5));
    }

    @Test
    void sourceDateEpochIsIgnoredOutsideReproducibleMode() {
        PackageOptions o = PackageOptions.builder().environment(Map.of("SOURCE_DATE_EPOCH", "1")).build();
        assertThat(o.modificationTime()).isAfter(Instant.ofEpochSecond(1_000_000_000L));
        assertThat(o.contentSeed()).isEmpty();
    }

    @Test
    void sourceDateEpochThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> PackageOptions.builder().reproducible(true)
                .environment(Map.of("SOURCE_DATE_EPOCH", "yesterday")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOURCE_DATE_EPOCH=\"yesterday\"");
    }

    @Test
    void signatureWithoutManifestIsRefused() {
        assertThatThrownBy(() -> PackageOptions.builder().noManifest().signer(TestKeys.rsa().signer()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manifest");
    }

    @Test
    void signatureDigestDefaultsToTheManifestDigest() {
        assertThat(PackageOptions.builder().digest(DigestAlgorithm.SHA512).build().signatureDigest())
                .isEqualTo(DigestAlgorithm.SHA512);
        assertThat(PackageOptions.builder().digest(DigestAlgorithm.SHA512).signatureDigest(DigestAlgorithm.SHA1).build()
                .signatureDigest()).isEqualTo(DigestAlgorithm.SHA1);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> PackageOptions.builder().gzipLevel(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageOptions.builder().chunkSize(0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageOptions.builder().streamChunkSize((1L << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageOptions.builder().threads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diskEncodingParsesItsNamesAndRefusesOthersWithTheReason() {
        assertThat(DiskEncoding.parse("vmdk")).isEqualTo(DiskEncoding.STREAM_OPTIMIZED);
        assertThat(DiskEncoding.parse("StreamOptimized")).isEqualTo(DiskEncoding.STREAM_OPTIMIZED);
        assertThatThrownBy(() -> DiskEncoding.parse("qcow2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamOptimized");
    }
}
