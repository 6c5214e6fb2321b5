package io.ovfkit.disk.vmdk;

import io.ovfkit.disk.DiskFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The text descriptor of a VMDK (disk-formats.md §2.5), embedded in a sparse extent or in its own
 * file: header keys, extent lines and the disk database ({@code ddb.*}). Immutable and safe to share between
 * threads; {@link #render()}
 * writes the order and spelling every consumer accepts (VirtualBox's order, {@code CID} before
 * {@code parentCID}, {@code key="value"} without spaces where qemu needs it).
 *
 * @param version descriptor version (1)
 * @param cid content id, 32 bits
 * @param parentCid the parent's content id, {@code 0xffffffff} for a base disk
 * @param createType the subformat, such as {@code streamOptimized}
 * @param parentFileNameHint the parent's file for a delta link, or {@code null}
 * @param extents the extent lines in order
 * @param ddb the disk database entries in order (keys with the {@code ddb.} prefix)
 */
public record VmdkDescriptor(int version, long cid, long parentCid, String createType, String parentFileNameHint,
        List<ExtentLine> extents, Map<String, String> ddb) {
    /** parentCID of a disk without parent. */
    public static final long NO_PARENT = 0xffffffffL;
    /** Largest descriptor text accepted (qemu reads at most 1 MiB). */
    public static final int MAX_BYTES = 1 << 20;
    /** Most extent lines accepted. */
    public static final int MAX_EXTENTS = 1 << 16;
    /** An extent line's access word and the whitespace after it (spaces or tabs, as qemu's scanf allows). */
    private static final java.util.regex.Pattern EXTENT_LINE =
            java.util.regex.Pattern.compile("(?i)(RW|RDONLY|NOACCESS)\\s");

    /**
     * One extent line: {@code ACCESS SECTORS TYPE "FILE" [OFFSET]}.
     *
     * @param access RW, RDONLY or NOACCESS
     * @param sectors guest sectors the extent covers
     * @param type FLAT, SPARSE, ZERO, VMFS, VMFSSPARSE, VMFSRDM, VMFSRAW or SESPARSE
     * @param file the extent file relative to the descriptor's folder ({@code null} for ZERO)
     * @param offset sector offset in the file (FLAT), 0 otherwise
     */
    public record ExtentLine(String access, long sectors, String type, String file, long offset) {
        /** Checks the components. */
        public ExtentLine {
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(type, "type");
        }

        /** The line as written in a descriptor. */
        public String render() {
            StringBuilder b = new StringBuilder().append(access).append(' ').append(sectors).append(' ').append(type);
            if (file != null) {
                b.append(" \"").append(file).append('"');
                if (type.equals("FLAT") || offset != 0) {
                    b.append(' ').append(offset);
                }
            }
            return b.toString();
        }
    }

    /** Copies the collections. */
    public VmdkDescriptor {
        Objects.requireNonNull(createType, "createType");
        extents = List.copyOf(extents);
        ddb = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ddb));
    }

    /** The guest size in sectors: the sum of the extents. */
    public long sectors() {
        long s = 0;
        for (ExtentLine e : extents) {
            s += e.sectors();
        }
        return s;
    }

    /** The descriptor text, LF line ends, ASCII/UTF-8. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Disk DescriptorFile\n");
        b.append("version=").append(version).append('\n');
        b.append("encoding=\"UTF-8\"\n");
        b.append("CID=").append(String.format("%08x", cid)).append('\n');
        b.append("parentCID=").append(String.format("%08x", parentCid)).append('\n');
        b.append("createType=\"").append(createType).append("\"\n");
        if (parentFileNameHint != null) {
            b.append("parentFileNameHint=\"").append(parentFileNameHint).append("\"\n");
        }
        b.append("\n# Extent description\n");
        for (ExtentLine e : extents) {
            b.append(e.render()).append('\n');
        }
        b.append("\n# The Disk Data Base\n#DDB\n\n");
        for (Map.Entry<String, String> d : ddb.entrySet()) {
            b.append(d.getKey()).append(" = \"").append(d.getValue()).append("\"\n");
        }
        return b.toString();
    }

    /**
     * Parses descriptor text (NUL padding after it is ignored).
     *
     * @param file for messages
     * @throws DiskFormatException when a line does not parse, a required key is missing or the text is too large
     */
    public static VmdkDescriptor parse(byte[] bytes, int length, Path file) {
        int n = length;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                n = i;
                break;
            }
        }
        if (n > MAX_BYTES) {
            throw new DiskFormatException(file, -1, "the VMDK descriptor is larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
        int version = 1;
        Long cid = null;
        long parentCid = NO_PARENT;
        String createType = null;
        String parentHint = null;
        List<ExtentLine> extents = new ArrayList<>();
        Map<String, String> ddb = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n|\r")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (EXTENT_LINE.matcher(line).lookingAt()) {
                if (extents.size() >= MAX_EXTENTS) {
                    throw new DiskFormatException(file, -1, "more than " + MAX_EXTENTS + " extent lines");
                }
                extents.add(parseExtent(line, lineNo, file));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new DiskFormatException(file, -1, "descriptor line " + lineNo + " \"" + shorten(line)
                        + "\" is neither key=value nor an extent line");
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            try {
                switch (key) {
                    case "version" -> version = Integer.parseInt(value);
                    case "CID" -> cid = Long.parseLong(value, 16);
                    case "parentCID" -> parentCid = Long.parseLong(value, 16);
                    case "createType" -> createType = value;
                    case "parentFileNameHint" -> parentHint = value;
                    default -> {
                        if (key.startsWith("ddb.")) {
                            ddb.put(key, value);
                        }
                    }
                }
            } catch (NumberFormatException e) {
                throw new DiskFormatException(file, -1, "descriptor line " + lineNo + ": " + key + " \"" + shorten(value)
                        + "\" is not a number" + (key.endsWith("CID") ? " (expected 8 hex digits)" : ""));
            }
        }
        if (createType == null) {
            throw new DiskFormatException(file, -1, "the VMDK descriptor has no createType");
        }
        if (cid == null) {
            cid = 0L;
        }
        return new VmdkDescriptor(version, cid & 0xffffffffL, parentCid & 0xffffffffL, createType, parentHint, extents, ddb);
    }

    private static ExtentLine parseExtent(String line, int lineNo, Path file) {
        // ACCESS SECTORS TYPE ["FILE" [OFFSET]]
        String[] head = line.split("\\s+", 4);
        if (head.length < 3) {
            throw new DiskFormatException(file, -1, "extent line " + lineNo + " \"" + shorten(line) + "\": expected ACCESS SECTORS TYPE \"FILE\" [OFFSET]");
        }
        long sectors;
        try {
            sectors = Long.parseLong(head[1]);
        } catch (NumberFormatException e) {
            throw new DiskFormatException(file, -1, "extent line " + lineNo + ": size \"" + shorten(head[1]) + "\" is not a number of sectors");
        }
        if (sectors <= 0 || sectors > (Long.MAX_VALUE >> 10)) {
            throw new DiskFormatException(file, -1, "extent line " + lineNo + ": size " + sectors + " sectors is out of range");
        }
        String type = head[2].toUpperCase(Locale.ROOT);
        String fileName = null;
        long offset = 0;
        if (head.length == 4) {
            String rest = head[3].strip();
            if (rest.startsWith("\"")) {
                int close = rest.indexOf('"', 1);
                if (close < 0) {
                    throw new DiskFormatException(file, -1, "extent line " + lineNo + ": unterminated file name");
                }
                fileName = rest.substring(1, close);
                String tail = rest.substring(close + 1).strip();
                if (!tail.isEmpty()) {
                    try {
                        offset = Long.parseLong(tail.split("\\s+")[0]);
                    } catch (NumberFormatException e) {
                        throw new DiskFormatException(file, -1, "extent line " + lineNo + ": offset \"" + shorten(tail) + "\" is not a number");
                    }
                }
            } else {
                fileName = rest.split("\\s+")[0];
            }
        }
        if (!type.equals("ZERO") && fileName == null) {
            throw new DiskFormatException(file, -1, "extent line " + lineNo + ": a " + type + " extent needs a file name");
        }
        if (offset < 0) {
            throw new DiskFormatException(file, -1, "extent line " + lineNo + ": negative offset");
        }
        return new ExtentLine(head[0].toUpperCase(Locale.ROOT), sectors, type, fileName, offset);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
