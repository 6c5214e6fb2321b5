package io.ovfkit.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.raw.RawImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskComparisonTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path raw(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private static DiskComparison.Result compare(Path a, Path b) throws IOException {
        try (DiskImage ia = RawImage.open(a); DiskImage ib = RawImage.open(b)) {
            return DiskComparison.compare(ia, ib);
        }
    }

    @Test
    void identicalRawImagesCompareEqual() throws IOException {
        byte[] content = random(3 * MIB + 512, 1);
        DiskComparison.Result r = compare(raw("a.raw", content), raw("b.raw", content));
        assertThat(r.identical()).isTrue();
        assertThat(r.firstDifference()).isEqualTo(-1);
    }

    @Test
    void reportsTheExactOffsetOfTheFirstDifferingByte() throws IOException {
        byte[] a = random(3 * MIB, 2);
        byte[] b = a.clone();
        b[1_234_567] ^= 0x40;
        b[2_500_000] ^= 0x01;
        assertThat(compare(raw("a.raw", a), raw("b.raw", b))).isEqualTo(DiskComparison.Result.differsAt(1_234_567));
    }

    @Test
    void findsADifferenceInTheVeryLastByte() throws IOException {
        byte[] a = random(MIB + 4096, 3);
        byte[] b = a.clone();
        b[b.length - 1]++;
        assertThat(compare(raw("a.raw", a), raw("b.raw", b)).firstDifference()).isEqualTo(b.length - 1);
    }

    @Test
    void differentSizesAreEqualWhenTheLargerOnesTailIsZero() throws IOException {
        byte[] small = random(MIB, 4);
        byte[] large = new byte[3 * MIB];
        System.arraycopy(small, 0, large, 0, small.length);
        Path s = raw("small.raw", small);
        Path l = raw("large.raw", large);
        assertThat(compare(s, l).identical()).isTrue();
        assertThat(compare(l, s).identical()).isTrue();
    }

    @Test
    void differentSizesDifferWhereTheLargerOnesTailIsNotZero() throws IOException {
        byte[] small = random(MIB, 5);
        byte[] large = new byte[3 * MIB];
        System.arraycopy(small, 0, large, 0, small.length);
        large[2 * MIB + 77] = 1;
        Path s = raw("small.raw", small);
        Path l = raw("large.raw", large);
        assertThat(compare(s, l).firstDifference()).isEqualTo(2 * MIB + 77);
        assertThat(compare(l, s).firstDifference()).isEqualTo(2 * MIB + 77);
    }

    @Test
    void aDifferenceBeyondTheFirstMapWindowIsFound() throws IOException {
        // 600 MiB sparse files: three 256 MiB allocation-map windows.
        long size = 600L * MIB;
        long at = 513L * MIB + 3;
        Path a = tmp.resolve("a.raw");
        Path b = tmp.resolve("b.raw");
        try (RandomAccessFile fa = new RandomAccessFile(a.toFile(), "rw");
                RandomAccessFile fb = new RandomAccessFile(b.toFile(), "rw")) {
            fa.setLength(size);
            fb.setLength(size);
            fb.seek(at);
            fb.write(9);
        }
        assertThat(compare(a, b).firstDifference()).isEqualTo(at);
    }

    @Test
    void rangesUnallocatedOnBothSidesAreNotRead() throws IOException {
        byte[] content = random(4 * MIB, 6);
        java.util.Arrays.fill(content, MIB, 3 * MIB, (byte) 0);
        List<Extent> map = List.of(new Extent(0, MIB, Extent.Kind.DATA),
                new Extent(MIB, 2L * MIB, Extent.Kind.UNALLOCATED),
                new Extent(3L * MIB, MIB, Extent.Kind.DATA));
        MemoryImage a = MemoryImage.of(content, map);
        MemoryImage b = MemoryImage.of(content.clone(), List.of(new Extent(0, MIB, Extent.Kind.DATA),
                new Extent(MIB, MIB, Extent.Kind.ZERO), new Extent(2L * MIB, MIB, Extent.Kind.UNALLOCATED),
                new Extent(3L * MIB, MIB, Extent.Kind.DATA)));
        assertThat(DiskComparison.compare(a, b).identical()).isTrue();
        assertThat(a.readAny(MIB, 3 * MIB)).isFalse();
        assertThat(b.readAny(MIB, 3 * MIB)).isFalse();
        assertThat(a.readAny(0, MIB)).isTrue();
        assertThat(a.readAny(3 * MIB, 4 * MIB)).isTrue();
    }

    @Test
    void unallocatedRangesOfADifferencingDiskAreRead() throws IOException {
        byte[] content = new byte[2 * MIB];
        List<Extent> map = List.of(new Extent(0, 2L * MIB, Extent.Kind.UNALLOCATED));
        MemoryImage child = MemoryImage.of(content, map).withParent();
        MemoryImage other = MemoryImage.of(content.clone(), map);
        assertThat(DiskComparison.compare(child, other).identical()).isTrue();
        assertThat(child.readAny(0, 2 * MIB)).isTrue();
    }

    @Test
    void whereOneSideIsZeroOnlyTheOtherIsReadAndCheckedForZeros() throws IOException {
        byte[] zeros = new byte[2 * MIB];
        MemoryImage hole = MemoryImage.of(zeros, List.of(new Extent(0, 2L * MIB, Extent.Kind.ZERO)));
        MemoryImage stored = MemoryImage.of(zeros.clone());
        assertThat(DiskComparison.compare(hole, stored).identical()).isTrue();
        assertThat(hole.reads).isEmpty();

        byte[] data = zeros.clone();
        data[MIB + 5] = 7;
        assertThat(DiskComparison.compare(MemoryImage.of(data), hole).firstDifference()).isEqualTo(MIB + 5);
    }

    @Test
    void aMapThatLeavesGapsIsReadWhereItSaysNothing() throws IOException {
        byte[] a = new byte[2 * MIB];
        byte[] b = a.clone();
        b[MIB + 100] = 1;
        // b's map says nothing about [1 MiB, 2 MiB): that range must be read, not assumed zero.
        MemoryImage ib = MemoryImage.of(b, List.of(new Extent(0, MIB, Extent.Kind.UNALLOCATED)));
        MemoryImage ia = MemoryImage.of(a, List.of(new Extent(0, 2L * MIB, Extent.Kind.UNALLOCATED)));
        assertThat(DiskComparison.compare(ia, ib).firstDifference()).isEqualTo(MIB + 100);
    }

    @Test
    void reportsProgressInOrderUpToTheLargerCapacity() throws IOException {
        MemoryImage a = MemoryImage.of(new byte[3 * MIB]);
        MemoryImage b = MemoryImage.of(new byte[5 * MIB]);
        List<long[]> reports = new ArrayList<>();
        assertThat(DiskComparison.compare(a, b, (done, total) -> reports.add(new long[] {done, total})).identical()).isTrue();
        assertThat(reports).isNotEmpty();
        long last = -1;
        for (long[] r : reports) {
            assertThat(r[1]).isEqualTo(5L * MIB);
            assertThat(r[0]).isGreaterThanOrEqualTo(last);
            last = r[0];
        }
        assertThat(last).isEqualTo(5L * MIB);
    }

    @Test
    void aReadErrorPropagates() {
        MemoryImage failing = MemoryImage.of(random(2 * MIB, 7)).failingFrom(MIB);
        MemoryImage same = MemoryImage.of(random(2 * MIB, 7));
        assertThatThrownBy(() -> DiskComparison.compare(failing, same)).isInstanceOf(IOException.class)
                .hasMessageContaining("simulated read error");
    }

    @Test
    void resultComponentsMustAgree() {
        assertThatThrownBy(() -> new DiskComparison.Result(true, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiskComparison.Result(false, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
