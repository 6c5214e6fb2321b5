package io.ovfkit.ova.write;

import io.ovfkit.ova.PackageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * The tar dialect ovfkit writes (ovf-spec.md §18): one 512-byte ustar header per member (magic
 * {@code ustar\0}, version {@code 00}), type '0', mode 0644, uid and gid 0, empty owner and group
 * names, one modification time for every member; sizes in octal, or in GNU base-256 (the star
 * convention commons-compress calls {@code BIGNUMBER_STAR}) when they pass 8 GiB - 1. Never PAX
 * headers and never GNU long-name entries: a name longer than 100 bytes is refused. The archive
 * ends with two zero blocks and is not padded to a 10 KiB record.
 */
final class TarFormat {
    /** The tar block. */
    static final int BLOCK = 512;
    /** The longest name a ustar header holds without its prefix field. */
    static final int MAX_NAME_BYTES = 100;
    /** Mode of every member: rw-r--r--. */
    static final int MODE = 0644;

    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name());

    private TarFormat() {
    }

    /**
     * The header block of a regular file member.
     *
     * @param name a name accepted by {@link #checkName}
     * @param size the data size in bytes
     * @param mtime the modification time (whole seconds are written)
     */
    static byte[] header(String name, long size, Instant mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(MODE);
        e.setIds(0, 0);
        e.setNames("", "");
        e.setModTime(FileTime.from(Instant.ofEpochSecond(mtime.getEpochSecond())));
        e.setSize(size);
        byte[] h = new byte[BLOCK];
        try {
            // starMode: numbers that do not fit their octal field are written in base-256.
            e.writeEntryHeader(h, UTF8, true);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return h;
    }

    /** Zero bytes after {@code size} bytes of data up to the next block boundary. */
    static int padding(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    /** {@code size} rounded up to whole blocks. */
    static long roundUp(long size) {
        return size + padding(size);
    }

    /**
     * Checks that {@code name} can be a member of an OVA written by ovfkit: relative, no {@code ..}
     * segment, no backslash, drive letter or control character, at most 100 bytes in UTF-8.
     *
     * @param target the package, for the message
     * @throws PackageException naming the member and the rule it breaks
     */
    static void checkName(String name, String target) {
        String why = problem(name);
        if (why != null) {
            throw new PackageException(target, name, -1, why, null);
        }
    }

    /** What is wrong with {@code name} as a member name, or {@code null}. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "an empty file name cannot be a package member";
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return "an absolute path cannot be a package member; expected a name relative to the descriptor";
        }
        if (name.indexOf('\\') >= 0) {
            return "a backslash in a member name is refused (it is a separator on Windows)";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "a control character in a member name is refused";
            }
        }
        for (String seg : name.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                return "the name has an empty, '.' or '..' segment; members must stay inside the package";
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            return "the name is " + bytes + " bytes in UTF-8; a ustar header holds at most " + MAX_NAME_BYTES
                    + " (ovfkit writes no PAX or GNU long-name entries, which vSphere and VirtualBox refuse)";
        }
        return null;
    }
}
