package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates VMDK {@link DiskWriter}s for every subformat; {@link io.ovfkit.disk.DiskWriters} calls it.
 *
 * <table>
 *   <caption>Subformats</caption>
 *   <tr><th>subformat</th><th>files</th><th>writer</th></tr>
 *   <tr><td>{@code streamOptimized} (default)</td><td>{@code NAME.vmdk}</td><td>{@link StreamOptimizedWriter}</td></tr>
 *   <tr><td>{@code monolithicSparse}</td><td>{@code NAME.vmdk}</td><td>{@link MonolithicSparseWriter}</td></tr>
 *   <tr><td>{@code monolithicFlat}</td><td>{@code NAME.vmdk} + {@code NAME-flat.vmdk}</td><td>{@link MultiExtentWriter}</td></tr>
 *   <tr><td>{@code twoGbMaxExtentSparse}</td><td>{@code NAME.vmdk} + {@code NAME-s001.vmdk} …</td><td>{@link MultiExtentWriter}</td></tr>
 *   <tr><td>{@code twoGbMaxExtentFlat}</td><td>{@code NAME.vmdk} + {@code NAME-f001.vmdk} …</td><td>{@link MultiExtentWriter}</td></tr>
 * </table>
 *
 * <p>Extent files are named as qemu names them: the target's name without its last extension, a
 * suffix, then that extension ({@code disk.vmdk → disk-flat.vmdk}); a name without extension gets
 * {@code .vmdk}. A capacity that is not a multiple of 512 bytes is rounded <em>up</em> to whole
 * sectors (VMDK sizes are in sectors); the tail reads as zeros. Every file is written under a
 * temporary name in the target's folder and renamed at {@link DiskWriter#finish()}; closing a
 * writer that did not finish deletes them all.
 *
 * <p>Stateless; safe to call from any thread (each call creates a new writer).
 */
public final class VmdkWriters {
    /** The subformats, in the spelling of {@code createType}. */
    public static final List<String> SUBFORMATS = List.of("streamOptimized", "monolithicSparse", "monolithicFlat",
            "twoGbMaxExtentSparse", "twoGbMaxExtentFlat");
    /** The adapter types qemu and VMware accept in {@code ddb.adapterType}. */
    public static final List<String> ADAPTER_TYPES = List.of("ide", "buslogic", "lsilogic", "legacyESX");

    static final int SECTOR = 512;
    /** Sectors per grain (64 KiB), the block size of every VMDK writer. */
    static final int GRAIN_SECTORS = 128;
    static final int GRAIN_BYTES = GRAIN_SECTORS * SECTOR;
    /** Grain table entries per grain table. */
    static final int GTES_PER_GT = 512;
    /** Sectors of an embedded descriptor area (as VMware and qemu). */
    static final int DESCRIPTOR_SECTORS = 20;
    /** Largest sector a 32-bit grain or table pointer can name, plus one: 2 TiB of file. */
    static final long MAX_POINTER_SECTORS = 1L << 32;
    /** Sectors of one extent of the twoGbMaxExtent* subformats (2 GiB, as qemu splits). */
    static final long SPLIT_SECTORS = 4194304;

    private VmdkWriters() {
    }

    /**
     * A writer of the VMDK subformat {@code options.subformat()} ({@code streamOptimized} when null)
     * at {@code target} (the descriptor, for multi-file subformats).
     *
     * @throws IllegalArgumentException for an unknown subformat or adapter type, or a file name a
     *     descriptor cannot name
     * @throws DiskFormatException when the subformat cannot address the capacity
     */
    public static DiskWriter create(Path target, WriteOptions options) throws IOException {
        String sub = subformat(options.subformat());
        Settings s = settings(target, options, sub);
        return switch (sub) {
            case "streamOptimized" -> StreamOptimizedWriter.create(target, s);
            case "monolithicSparse" -> MonolithicSparseWriter.create(target, s);
            default -> MultiExtentWriter.create(target, s);
        };
    }

    /** The canonical spelling of {@code name} (case-insensitive), {@code streamOptimized} for null. */
    public static String subformat(String name) {
        if (name == null) {
            return "streamOptimized";
        }
        for (String s : SUBFORMATS) {
            if (s.equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown VMDK subformat \"" + name + "\"; expected one of "
                + String.join(", ", SUBFORMATS));
    }

    /**
     * What every writer needs, resolved and checked once.
     *
     * @param subformat canonical subformat
     * @param sectors guest size in sectors (the byte capacity rounded up)
     * @param adapterType canonical adapter type
     * @param hardwareVersion {@code ddb.virtualHWVersion}
     * @param compressionLevel deflate level (streamOptimized)
     * @param ids CID and UUIDs
     * @param sync force the files to stable storage before they get their final names
     */
    record Settings(String subformat, long sectors, String adapterType, String hardwareVersion, int compressionLevel,
            ContentIds ids, boolean sync) {
        long capacityBytes() {
            return sectors * SECTOR;
        }
    }

    static Settings settings(Path target, WriteOptions o, String sub) {
        if (o.capacity() > Long.MAX_VALUE - SECTOR) {
            throw new DiskFormatException(target, -1, "capacity " + o.capacity() + " bytes is out of range");
        }
        long sectors = (o.capacity() + SECTOR - 1) / SECTOR;
        String adapter = null;
        for (String a : ADAPTER_TYPES) {
            if (a.equalsIgnoreCase(o.adapterType().trim())) {
                adapter = a;
            }
        }
        if (adapter == null) {
            throw new IllegalArgumentException("unknown VMDK adapter type \"" + o.adapterType() + "\"; expected one of "
                    + String.join(", ", ADAPTER_TYPES));
        }
        String hw = o.hardwareVersion().trim();
        if (!hw.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("VMDK virtual hardware version \"" + o.hardwareVersion()
                    + "\" is not a number (\"4\" is what every tool writes)");
        }
        checkName(target);
        return new Settings(sub, sectors, adapter, hw, o.compressionLevel(), ContentIds.of(o.contentSeed()), o.sync());
    }

    private static void checkName(Path target) {
        Path name = target.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("VMDK target " + target + " has no file name");
        }
        String n = name.toString();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '"' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("VMDK file name \"" + n + "\" cannot be named in a descriptor "
                        + "(it contains a quote or a control character)");
            }
        }
    }

    /**
     * The name of an extent file of {@code target}: qemu's rule, {@code prefix + suffix + extension}.
     *
     * @param suffix {@code -flat}, {@code -s001}, {@code -f001} …
     */
    static String extentName(Path target, String suffix) {
        String n = target.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String prefix = dot > 0 ? n.substring(0, dot) : n;
        String ext = dot > 0 ? n.substring(dot) : ".vmdk";
        return prefix + suffix + ext;
    }

    /** The descriptor of a disk with these extents, in the order and spelling of disk-formats.md §2.5. */
    static VmdkDescriptor descriptor(Settings s, List<VmdkDescriptor.ExtentLine> extents) {
        Geometry g = Geometry.of(s.sectors(), s.adapterType());
        Map<String, String> ddb = new LinkedHashMap<>();
        ddb.put("ddb.adapterType", s.adapterType());
        ddb.put("ddb.geometry.cylinders", Long.toString(g.cylinders()));
        ddb.put("ddb.geometry.heads", Integer.toString(g.heads()));
        ddb.put("ddb.geometry.sectors", Integer.toString(g.sectors()));
        ddb.put("ddb.longContentID", s.ids().longContentId());
        ddb.put("ddb.uuid", s.ids().uuid());
        ddb.put("ddb.virtualHWVersion", s.hardwareVersion());
        ddb.put("ddb.toolsInstallType", "4");
        ddb.put("ddb.toolsVersion", "2147483647");
        return new VmdkDescriptor(1, s.ids().cid(), VmdkDescriptor.NO_PARENT, s.subformat(), null, new ArrayList<>(extents), ddb);
    }

    /** The embedded descriptor of a single-file disk, checked to fit its 20-sector area. */
    static byte[] embeddedDescriptor(Path target, Settings s) {
        String name = target.getFileName().toString();
        VmdkDescriptor d = descriptor(s, List.of(new VmdkDescriptor.ExtentLine("RW", s.sectors(), "SPARSE", name, 0)));
        byte[] text = d.render().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text.length > DESCRIPTOR_SECTORS * SECTOR) {
            throw new IllegalArgumentException("the VMDK descriptor (" + text.length + " bytes) does not fit in "
                    + DESCRIPTOR_SECTORS * SECTOR + " bytes; use a shorter file name");
        }
        return text;
    }

    /**
     * Checks one block against the writers' contract: it starts on a grain boundary, lies inside
     * the disk, covers at most one grain (a shorter block is padded with zeros, as the disk's last
     * grain usually is) and comes after the previous one.
     *
     * @return the block's grain index
     */
    static long checkBlock(Path target, long offset, int length, long capacityBytes, long previousGrain) {
        if (offset < 0 || offset % GRAIN_BYTES != 0 || length <= 0 || length > GRAIN_BYTES || offset > capacityBytes - length) {
            throw new IllegalArgumentException(target + ": block of " + length + " bytes at " + offset
                    + " is not a grain of the disk (" + capacityBytes + " bytes, " + GRAIN_BYTES + "-byte grains)");
        }
        long grain = offset / GRAIN_BYTES;
        if (grain <= previousGrain) {
            throw new IllegalStateException(target + ": block at " + offset + " comes after the block at "
                    + previousGrain * GRAIN_BYTES + "; blocks must be written in ascending order");
        }
        return grain;
    }
}
