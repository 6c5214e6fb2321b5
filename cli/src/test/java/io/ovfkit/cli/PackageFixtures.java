package io.ovfkit.cli;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.raw.RawImage;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small OVAs for the package commands' tests: a descriptor, a streamOptimized disk, a SHA-256 manifest. */
final class PackageFixtures {
    static final long CAPACITY = 1 << 20;

    private PackageFixtures() {
    }

    static byte[] descriptor(String diskHref, long diskSize, long capacity) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n"
                + "  <References>\n    <File ovf:id=\"file1\" ovf:href=\"" + diskHref + "\" ovf:size=\"" + diskSize + "\"/>\n"
                + "  </References>\n  <DiskSection>\n    <Info>Virtual disks</Info>\n"
                + "    <Disk ovf:diskId=\"vmdisk1\" ovf:fileRef=\"file1\" ovf:capacity=\"" + capacity + "\" "
                + "ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>\n"
                + "  </DiskSection>\n  <VirtualSystem ovf:id=\"vm\">\n    <Info>A virtual machine</Info>\n"
                + "    <Name>vm</Name>\n  </VirtualSystem>\n</Envelope>\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] vmdk(Path tmp) throws IOException {
        byte[] content = new byte[(int) CAPACITY];
        new Random(1).nextBytes(content);
        Path raw = Files.write(tmp.resolve("src.raw"), content);
        Path out = tmp.resolve("made.vmdk");
        try (DiskImage in = RawImage.open(raw);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VMDK, CAPACITY)
                        .subformat("streamOptimized").build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        Files.delete(raw);
        return b;
    }

    /** {@code app.ova}: app.ovf, app.mf, app-disk1.vmdk; {@code tamper} flips a byte of the disk after the manifest is made. */
    static Path ova(Path tmp, String name, boolean tamper) throws IOException {
        byte[] disk = vmdk(tmp);
        byte[] ovf = descriptor("app-disk1.vmdk", disk.length, CAPACITY);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("app.ovf", ovf);
        members.put("app-disk1.vmdk", disk);
        StringBuilder mf = new StringBuilder();
        members.forEach((n, b) -> mf.append("SHA256(").append(n).append(")= ")
                .append(Digests.of(b, DigestAlgorithm.SHA256).hex()).append('\n'));
        if (tamper) {
            disk = disk.clone();
            disk[disk.length - 2000] ^= 0x55;
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        ordered.put("app.ovf", ovf);
        ordered.put("app.mf", mf.toString().getBytes(StandardCharsets.UTF_8));
        ordered.put("app-disk1.vmdk", disk);
        Path p = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); TarArchiveOutputStream t = new TarArchiveOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : ordered.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return p;
    }
}
