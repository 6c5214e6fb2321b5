package io.ovfkit.ova;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.raw.RawImage;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Test fixtures: descriptors, manifests, VMDKs and tar archives built in memory or a temporary folder. */
final class Packages {
    static final String STREAM_OPTIMIZED = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

    private Packages() {
    }

    /** A {@code File} of References, with the {@code Disk} that uses it when {@code capacity} is not null. */
    record FileSpec(String id, String href, Long size, String compression, Long chunkSize, Long capacity,
            String format) {
        static FileSpec disk(String href, long size, long capacity) {
            return new FileSpec("file-" + href, href, size, null, null, capacity, STREAM_OPTIMIZED);
        }

        static FileSpec plain(String href, Long size) {
            return new FileSpec("file-" + href, href, size, null, null, null, null);
        }

        FileSpec compressed(String c) {
            return new FileSpec(id, href, size, c, chunkSize, capacity, format);
        }

        FileSpec chunked(long c) {
            return new FileSpec(id, href, size, compression, c, capacity, format);
        }

        FileSpec format(String f) {
            return new FileSpec(id, href, size, compression, chunkSize, capacity, f);
        }
    }

    /** A small OVF 1.0 descriptor with these files and disks. */
    static byte[] descriptor(FileSpec... files) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" ")
                .append("xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\">\n  <References>\n");
        for (FileSpec f : files) {
            b.append("    <File ovf:id=\"").append(f.id()).append("\" ovf:href=\"").append(f.href()).append('"');
            if (f.size() != null) {
                b.append(" ovf:size=\"").append(f.size()).append('"');
            }
            if (f.compression() != null) {
                b.append(" ovf:compression=\"").append(f.compression()).append('"');
            }
            if (f.chunkSize() != null) {
                b.append(" ovf:chunkSize=\"").append(f.chunkSize()).append('"');
            }
            b.append("/>\n");
        }
        b.append("  </References>\n  <DiskSection>\n    <Info>Virtual disks</Info>\n");
        int i = 1;
        for (FileSpec f : files) {
            if (f.capacity() != null) {
                b.append("    <Disk ovf:diskId=\"vmdisk").append(i++).append("\" ovf:fileRef=\"").append(f.id())
                        .append("\" ovf:capacity=\"").append(f.capacity()).append("\" ovf:format=\"")
                        .append(f.format()).append("\"/>\n");
            }
        }
        b.append("  </DiskSection>\n  <VirtualSystem ovf:id=\"vm\">\n    <Info>A virtual machine</Info>\n")
                .append("  </VirtualSystem>\n</Envelope>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code SHA256(name)= hex} lines for these members. */
    static byte[] manifest(Map<String, byte[]> members) {
        StringBuilder b = new StringBuilder();
        members.forEach((n, bytes) -> b.append("SHA256(").append(n).append(")= ")
                .append(Digests.of(bytes, DigestAlgorithm.SHA256).hex()).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** A VMDK of {@code subformat} holding {@code content} (its capacity), made by disk-formats. */
    static byte[] vmdk(Path tmp, byte[] content, String subformat) throws IOException {
        Path raw = Files.createTempFile(tmp, "src", ".raw");
        Files.write(raw, content);
        Path out = tmp.resolve("made-" + System.nanoTime() + ".vmdk");
        try (DiskImage in = RawImage.open(raw);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(DiskFormat.VMDK, content.length)
                        .subformat(subformat).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        Files.delete(raw);
        return b;
    }

    /** One tar entry to write. */
    record Entry(String name, byte[] data, byte type, String link) {
        static Entry file(String name, byte[] data) {
            return new Entry(name, data, TarConstants.LF_NORMAL, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, new byte[0], TarConstants.LF_SYMLINK, target);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, new byte[0], TarConstants.LF_LINK, target);
        }

        static Entry dir(String name) {
            return new Entry(name, new byte[0], TarConstants.LF_DIR, null);
        }

        static Entry device(String name) {
            return new Entry(name, new byte[0], TarConstants.LF_CHR, null);
        }
    }

    /** An ordered set of members, for building archives and manifests. */
    static final class Members {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final List<Entry> extra = new ArrayList<>();

        Members put(String name, byte[] data) {
            files.put(name, data);
            return this;
        }

        List<Entry> entries() {
            List<Entry> out = new ArrayList<>();
            files.forEach((n, d) -> out.add(Entry.file(n, d)));
            out.addAll(extra);
            return out;
        }
    }

    static byte[] tar(List<Entry> entries) throws IOException {
        return tar(entries, TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.BIGNUMBER_STAR);
    }

    static byte[] tar(List<Entry> entries, int longFileMode, int bigNumberMode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, entries, longFileMode, bigNumberMode);
        return out.toByteArray();
    }

    static void write(OutputStream os, List<Entry> entries, int longFileMode, int bigNumberMode) throws IOException {
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(os, StandardCharsets.UTF_8.name())) {
            t.setLongFileMode(longFileMode);
            t.setBigNumberMode(bigNumberMode);
            for (Entry e : entries) {
                TarArchiveEntry te = e.type() == TarConstants.LF_NORMAL
                        ? new TarArchiveEntry(e.name(), true)
                        : new TarArchiveEntry(e.name(), e.type(), true);
                if (e.link() != null) {
                    te.setLinkName(e.link());
                }
                if (e.type() == TarConstants.LF_NORMAL) {
                    te.setSize(e.data().length);
                }
                t.putArchiveEntry(te);
                if (e.data().length > 0) {
                    t.write(e.data());
                }
                t.closeArchiveEntry();
            }
        }
    }

    static Path ova(Path dir, String name, List<Entry> entries) throws IOException {
        return Files.write(dir.resolve(name), tar(entries));
    }
}
