package io.ovfkit.disk.vmdk;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 3 GiB sparse source of {@link VmdkWriterOracleTest#largeSparseSource} in every subformat, with
 * libvmdk reading and hashing all 3 GiB of each output as well (about a minute on two cores, hence
 * an integration test: run it with {@code -Dtest=VmdkWriterLargeIT}).
 */
class VmdkWriterLargeIT {
    @TempDir
    static Path sources;

    @ParameterizedTest(name = "3 GiB sparse as {0}, read by qemu-img and libvmdk")
    @ValueSource(strings = {"streamOptimized", "monolithicSparse", "monolithicFlat", "twoGbMaxExtentSparse",
        "twoGbMaxExtentFlat"})
    void largeSparseSource(String subformat, @TempDir Path out) throws IOException {
        VmdkWriterOracleTest.largeSparse(sources, subformat, out, true);
    }
}
