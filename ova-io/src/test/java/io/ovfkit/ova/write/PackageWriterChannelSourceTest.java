package io.ovfkit.ova.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PackageWriter#file(String, long, PackageWriter.ChannelOpener)}: files copied from a channel, of known or unknown size. */
class PackageWriterChannelSourceTest {
    private static final long CAPACITY = 2L << 20;
    private static final byte[] DATA = "copied from a channel\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path write(long size) throws IOException {
        Path ova = dir.resolve("web.ova");
        OvfDescriptor d = Fixtures.appliance("web", CAPACITY);
        d.envelope().references().orElseThrow().children().add(new FileReference("file2", "tools.iso"));
        Path source = Fixtures.rawDisk(dir, "source.raw", CAPACITY, 1);
        try (DiskImage img = DiskImages.open(source); PackageWriter w = PackageWriter.toOva(ova, PackageOptions.defaults())) {
            w.descriptor(d, "web.ovf");
            w.disk("web-disk1.vmdk", img);
            w.file("tools.iso", size, () -> Channels.newChannel(new ByteArrayInputStream(DATA)));
            w.finish();
        }
        return ova;
    }

    @Test
    void aFileOfKnownSizeIsCopiedAndHashed() throws IOException {
        Path ova = write(DATA.length);
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(p.openFile("tools.iso").readAllBytes()).isEqualTo(DATA);
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void aFileOfUnknownSizeGetsItsSizeAfterItsData() throws IOException {
        Path ova = write(-1);
        try (OvfPackage p = OvfPackage.open(ova)) {
            assertThat(p.openFile("tools.iso").readAllBytes()).isEqualTo(DATA);
            assertThat(p.member("tools.iso").orElseThrow().size()).isEqualTo(DATA.length);
            assertThat(new String(p.descriptor().originalBytes(), StandardCharsets.UTF_8))
                    .contains("ovf:size=\"" + DATA.length + "\"");
            assertThat(p.verify(VerifyOptions.defaults()).ok()).isTrue();
        }
    }

    @Test
    void aChannelGivingOtherThanTheSizeStatedFailsAndLeavesNothing() {
        assertThatThrownBy(() -> write(DATA.length + 1L)).isInstanceOf(PackageException.class)
                .hasMessageContaining("tools.iso").hasMessageContaining("expected");
        assertThat(Files.exists(dir.resolve("web.ova"))).isFalse();
    }
}
