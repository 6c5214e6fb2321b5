package io.ovfkit.convert;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Packages with real disks for the retarget tests, built in a temporary folder. */
final class RetargetFixtures {
    /** The guest size of the constructed disks. */
    static final long CAPACITY = 64L << 20;

    private RetargetFixtures() {
    }

    /** A sparse raw disk of {@link #CAPACITY} with recognisable data at a few places. */
    static Path rawDisk(Path dir) throws IOException {
        Path raw = dir.resolve("guest.raw");
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long at : new long[] {0, 1 << 20, 37L << 20, CAPACITY - 4096}) {
                byte[] b = ("ovfkit retarget test block at " + at + " ").repeat(200).getBytes(StandardCharsets.US_ASCII);
                ch.write(ByteBuffer.wrap(b, 0, 4096), at);
            }
            ch.truncate(CAPACITY);
            if (ch.size() < CAPACITY) {
                ch.write(ByteBuffer.allocate(1), CAPACITY - 1);
            }
        }
        return raw;
    }

    /** {@code raw} converted into a VMDK of {@code subformat} (monolithicSparse, streamOptimized). */
    static Path vmdk(Path raw, String subformat) throws IOException {
        Path out = raw.resolveSibling("disk-" + subformat + ".vmdk");
        try (DiskImage src = DiskImages.open(raw);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VMDK, src.capacity())
                        .subformat(subformat).build())) {
            DiskConverter.builder().threads(2).build().convert(src, w);
        }
        return out;
    }

    /**
     * A VirtualBox-style OVA that several targets refuse: {@code virtualbox-2.2}, a PIIX4 IDE
     * controller, a required sound card, a {@code /disk/} host resource, a VmxNet3 NIC, a
     * monolithicSparse disk, a manifest in {@code SHA256 (f) = h} syntax written last, and an extra
     * member no File names.
     */
    static Path messyOva(Path dir) throws IOException {
        Path disk = vmdk(rawDisk(dir), "monolithicSparse");
        byte[] diskBytes = Files.readAllBytes(disk);
        String ovf = Fixtures.descriptor("app-disk1.vmdk", "MegaBytes", "/disk/vmdisk1",
                "      <Item>\n"
                + "        <rasd:ElementName>ide</rasd:ElementName>\n"
                + "        <rasd:InstanceID>5</rasd:InstanceID>\n"
                + "        <rasd:ResourceSubType>PIIX4</rasd:ResourceSubType>\n"
                + "        <rasd:ResourceType>5</rasd:ResourceType>\n"
                + "      </Item>\n"
                + "      <Item>\n"
                + "        <rasd:ElementName>sound</rasd:ElementName>\n"
                + "        <rasd:InstanceID>6</rasd:InstanceID>\n"
                + "        <rasd:ResourceSubType>ensoniq1371</rasd:ResourceSubType>\n"
                + "        <rasd:ResourceType>35</rasd:ResourceType>\n"
                + "      </Item>\n")
                .replace("vmx-07", "virtualbox-2.2")
                .replace("<rasd:ResourceSubType>E1000</rasd:ResourceSubType>",
                        "<rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>")
                .replace("ovf:capacity=\"1\" ovf:capacityAllocationUnits=\"byte * 2^30\"",
                        "ovf:capacity=\"" + CAPACITY + "\"");
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("app.ovf", Fixtures.utf8(ovf));
        m.put("app-disk1.vmdk", diskBytes);
        m.put("readme.txt", Fixtures.utf8("not named by the descriptor\n"));
        m.put("app.mf", Fixtures.utf8("SHA256 (app.ovf) = " + sha256(Fixtures.utf8(ovf)) + "\n"
                + "SHA256 (app-disk1.vmdk) = " + sha256(diskBytes) + "\n"));
        return Fixtures.ova(dir, "messy.ova", m, false);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
