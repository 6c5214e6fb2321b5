package io.ovfkit.ova;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.Packages.FileSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member over 8 GiB, faked cheaply: a GNU tar header with a base-256 size, the data left as a hole
 * of a sparse file (zeros cost no disk space), then the end-of-archive blocks. Not in the default run
 * ({@code mvn -Dtest=LargeMemberIT test} runs it).
 */
class LargeMemberIT {
    @TempDir
    Path tmp;

    @Test
    void aMemberOver8GibIsIndexedAndOpensInPlace() throws IOException {
        long size = (9L << 30) + 512;
        byte[] ovf = Packages.descriptor(FileSpec.plain("huge.img", size));
        Path ova = tmp.resolve("huge.ova");
        byte[] header = new byte[512];
        TarArchiveEntry e = new TarArchiveEntry("huge.img", true);
        e.setSize(size);
        e.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name()), true); // star/GNU base-256
        byte[] head = Packages.tar(java.util.List.of(Packages.Entry.file("huge.ovf", ovf)));
        int headLength = head.length - 1024; // without its end-of-archive blocks
        try (RandomAccessFile f = new RandomAccessFile(ova.toFile(), "rw")) {
            f.write(head, 0, headLength);
            f.write(header);
            long dataStart = f.getFilePointer();
            f.seek(dataStart + size - 4);
            f.write("TAIL".getBytes(StandardCharsets.US_ASCII));
            long padded = ((size + 511) / 512) * 512;
            f.seek(dataStart + padded);
            f.write(new byte[1024]);
        }
        assertThat(header[124] & 0xff).isEqualTo(0x80); // the base-256 flag
        try (OvfPackage p = OvfPackage.open(ova)) {
            Member m = p.member("huge.img").orElseThrow();
            assertThat(m.size()).isEqualTo(size);
            assertThat(m.offset()).isEqualTo(headLength + 512L);
            try (DiskImage img = p.openDisk("huge.img")) {
                assertThat(img.format()).isEqualTo(DiskFormat.RAW);
                assertThat(img.capacity()).isEqualTo(size);
                ByteBuffer b = ByteBuffer.allocate(8);
                img.read(size - 8, b);
                assertThat(new String(b.array(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("TAIL");
            }
            VerifyReport r = p.verify(VerifyOptions.defaults().withCheckDisks(false));
            assertThat(r.failures()).isEmpty();
        }
        assertThat(TarConstants.MAXSIZE).isLessThan(size);
        assertThat(TarArchiveOutputStream.BIGNUMBER_STAR).isNotNegative();
    }
}
