package io.ovfkit.convert;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A KubeVirt containerDisk as an OCI image layout archive ({@code skopeo}'s {@code oci-archive:}):
 * one uncompressed layer holding {@code disk/NAME.qcow2} (owner 107:107, mode 0440, as CDI's
 * documentation asks), its config and manifest, written in one forward pass.
 *
 * <p>Archive order: {@code oci-layout}, {@code blobs/}, {@code blobs/sha256/}, the layer blob, the
 * config blob, the manifest blob, {@code index.json}. The layer's size is known before it is written
 * (the QCOW2's layout comes from the source's allocation map, {@link StreamingQcow2}), but its name
 * is its SHA-256, known only at its end: its header is written as a placeholder and filled in once,
 * by seeking back — the only seek. The config (whose {@code diff_ids} is that same digest: the
 * layer is not compressed), the manifest and the index come after the layer, so they are written
 * when the digests they name are known.
 */
final class OciArchiveWriter {
    static final int OWNER = 107;
    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private OciArchiveWriter() {
    }

    /** The file name of a disk inside {@code /disk}. */
    static String diskName(VmHardware.Disk d) {
        String base = d.diskId() == null || d.diskId().isBlank() ? "disk" : d.diskId();
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return safe + ".qcow2";
    }

    /** Writes the containerDisk of the boot disk to {@code out}. */
    static List<Path> write(OvfPackage pkg, VmHardware hw, Path out, RetargetOptions o) throws IOException {
        VmHardware.Disk boot = hw.disks().get(0);
        long mtime = o.reproducible() ? o.modificationTime().map(java.time.Instant::getEpochSecond).orElse(0L)
                : System.currentTimeMillis() / 1000;
        try (DiskImage img = DiskOutputs.openRandom(pkg, boot.href()); AtomicOutput a = AtomicOutput.create(out)) {
            FileChannel ch = a.channel();
            StreamingQcow2 q = StreamingQcow2.of(img);
            Writer w = new Writer(ch);
            w.member("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), mtime);
            w.directory("blobs/", mtime);
            w.directory("blobs/sha256/", mtime);

            String qcowName = "disk/" + diskName(boot);
            long layerSize = 2L * TarBlocks.BLOCK + q.size() + TarBlocks.padding(q.size()) + 2L * TarBlocks.BLOCK;
            long headerAt = ch.position();
            w.raw(ByteBuffer.allocate(TarBlocks.BLOCK)); // placeholder: the name is the digest, known at the end
            MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
            Sink layer = b -> {
                md.update(b.duplicate());
                w.raw(b);
            };
            layer.write(ByteBuffer.wrap(TarBlocks.header("disk/", 0, 0555, OWNER, mtime, TarBlocks.DIRECTORY)));
            layer.write(ByteBuffer.wrap(TarBlocks.header(qcowName, q.size(), 0440, OWNER, mtime, TarBlocks.FILE)));
            long[] done = {0};
            q.write(b -> {
                done[0] += b.remaining();
                layer.write(b);
                o.progress().progress(Math.min(done[0], img.capacity()), img.capacity());
            });
            layer.write(ByteBuffer.allocate(TarBlocks.padding(q.size()) + 2 * TarBlocks.BLOCK));
            w.raw(ByteBuffer.allocate(TarBlocks.padding(layerSize)));
            String layerDigest = HexFormat.of().formatHex(md.digest());
            ch.write(ByteBuffer.wrap(TarBlocks.header("blobs/sha256/" + layerDigest, layerSize, 0644, 0, mtime,
                    TarBlocks.FILE)), headerAt);

            String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + layerDigest + "\"]},"
                    + "\"history\":[{\"created_by\":\"ovfkit retarget --target kubevirt\"}]}";
            byte[] cfg = config.getBytes(StandardCharsets.UTF_8);
            String cfgDigest = sha256(cfg);
            w.member("blobs/sha256/" + cfgDigest, cfg, mtime);
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
                    + "\"config\":{\"mediaType\":\"" + CONFIG_TYPE + "\",\"digest\":\"sha256:" + cfgDigest + "\",\"size\":"
                    + cfg.length + "},"
                    + "\"layers\":[{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"sha256:" + layerDigest + "\",\"size\":"
                    + layerSize + "}],"
                    + "\"annotations\":{\"org.opencontainers.image.title\":" + VmHardware.str(hw.name()) + "}}";
            byte[] man = manifest.getBytes(StandardCharsets.UTF_8);
            String manDigest = sha256(man);
            w.member("blobs/sha256/" + manDigest, man, mtime);
            String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[{\"mediaType\":\"" + MANIFEST_TYPE + "\",\"digest\":\"sha256:" + manDigest
                    + "\",\"size\":" + man.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}";
            w.member("index.json", index.getBytes(StandardCharsets.UTF_8), mtime);
            w.raw(ByteBuffer.allocate(2 * TarBlocks.BLOCK));
            a.commit();
        }
        return List.of(out);
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newMessageDigest().digest(b));
    }

    private interface Sink {
        void write(ByteBuffer b) throws IOException;
    }

    /** Forward writes to the archive. */
    private static final class Writer {
        private final FileChannel ch;

        Writer(FileChannel ch) {
            this.ch = ch;
        }

        void raw(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        void member(String name, byte[] data, long mtime) throws IOException {
            raw(ByteBuffer.wrap(TarBlocks.header(name, data.length, 0644, 0, mtime, TarBlocks.FILE)));
            raw(ByteBuffer.wrap(data));
            raw(ByteBuffer.allocate(TarBlocks.padding(data.length)));
        }

        void directory(String name, long mtime) throws IOException {
            raw(ByteBuffer.wrap(TarBlocks.header(name, 0, 0755, 0, mtime, TarBlocks.DIRECTORY)));
        }
    }
}
