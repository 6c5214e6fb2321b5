package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block size, logical sector size and sync reach the writers through {@link WriteOptions}. */
class WriteOptionsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static WriteOptions.Builder opts(DiskFormat f) {
        return WriteOptions.builder(f, 8L * MIB);
    }

    private Path write(Path out, WriteOptions o) throws IOException {
        byte[] data = new byte[(int) o.capacity()];
        java.util.Random r = new java.util.Random(11);
        for (long at : new long[] {0, 3L * MIB + 512, 8L * MIB - 4096}) {
            byte[] block = new byte[4096];
            r.nextBytes(block);
            System.arraycopy(block, 0, data, (int) at, block.length);
        }
        MemoryImage src = MemoryImage.of(data);
        try (DiskWriter w = DiskWriters.create(out, o)) {
            DiskConverter.builder().threads(2).build().convert(src, w);
        }
        try (DiskImage back = DiskImages.open(out)) {
            assertThat(DiskComparison.compare(src, back).identical()).isTrue();
        }
        return out;
    }

    @Test
    void defaultsAreTheFormatsOwnAndNoSync() {
        WriteOptions o = opts(DiskFormat.VHDX).build();
        assertThat(o.blockSize()).isZero();
        assertThat(o.logicalSectorSize()).isZero();
        assertThat(o.sectorSize()).isEqualTo(512);
        assertThat(o.sync()).isFalse();
        WriteOptions old = new WriteOptions(DiskFormat.RAW, null, 4096, 6, "lsilogic", "4", null);
        assertThat(old.blockSize()).isZero();
        assertThat(old.sync()).isFalse();
    }

    @Test
    void vhdxTakesBlockAndSectorSize() throws IOException {
        Path out = write(tmp.resolve("a.vhdx"), opts(DiskFormat.VHDX).blockSize(MIB).logicalSectorSize(4096).sync(true).build());
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.details()).containsEntry("blockSize", (long) MIB).containsEntry("logicalSectorSize", 4096L);
        }
    }

    @Test
    void qcow2TakesTheBlockSizeAsItsClusterSize() throws IOException {
        Path out = write(tmp.resolve("a.qcow2"), opts(DiskFormat.QCOW2).blockSize(4096).build());
        try (DiskImage img = DiskImages.open(out)) {
            assertThat(img.details()).containsEntry("clusterSize", 4096L);
        }
        assertThatThrownBy(() -> DiskWriters.create(tmp.resolve("b.qcow2"),
                opts(DiskFormat.QCOW2).subformat("cluster_size=65536").blockSize(4096).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536-byte clusters");
        // The same size named twice is no contradiction.
        write(tmp.resolve("c.qcow2"), opts(DiskFormat.QCOW2).subformat("v2,cluster_size=4096").blockSize(4096).build());
    }

    @Test
    void formatsWithAFixedUnitRefuseAnother() {
        for (DiskFormat f : new DiskFormat[] {DiskFormat.RAW, DiskFormat.VMDK, DiskFormat.VHD, DiskFormat.VDI}) {
            assertThatThrownBy(() -> DiskWriters.create(tmp.resolve("x." + f.id()), opts(f).blockSize(MIB).build()))
                    .as(f.id()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed allocation unit");
            assertThatThrownBy(() -> DiskWriters.create(tmp.resolve("x." + f.id()), opts(f).logicalSectorSize(4096).build()))
                    .as(f.id()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vhdx only");
        }
        assertThat(tmp).isEmptyDirectory();
        assertThatThrownBy(() -> opts(DiskFormat.VHDX).logicalSectorSize(1024).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opts(DiskFormat.VHDX).blockSize(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncedOutputIsCompleteUnderItsFinalName() throws IOException {
        for (DiskFormat f : new DiskFormat[] {DiskFormat.RAW, DiskFormat.VMDK, DiskFormat.VHD, DiskFormat.VHDX, DiskFormat.VDI,
            DiskFormat.QCOW2}) {
            Path out = write(tmp.resolve("s." + f.id()), opts(f).sync(true).build());
            assertThat(Files.size(out)).isPositive();
        }
        // monolithicFlat writes two files and forces both.
        write(tmp.resolve("flat.vmdk"), opts(DiskFormat.VMDK).subformat("monolithicFlat").sync(true).build());
        assertThat(tmp.resolve("flat-flat.vmdk")).exists();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void atomicOutputSyncFlagIsKept() throws IOException {
        try (AtomicOutput a = AtomicOutput.create(tmp.resolve("a.bin"), true); AtomicOutput b = AtomicOutput.create(tmp.resolve("b.bin"))) {
            assertThat(a.sync()).isTrue();
            assertThat(b.sync()).isFalse();
            a.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            a.commit();
        }
        assertThat(Files.readAllBytes(tmp.resolve("a.bin"))).containsExactly(1, 2, 3);
        assertThat(tmp.resolve("b.bin")).doesNotExist();
    }
}
