package io.ovfkit.ova;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The policy for tar entries, shared by the random-access and the stream reader: regular files are
 * members (ustar, GNU, PAX, GNU base-256 sizes, VMware's hybrid magic and long names are decoded by
 * Commons Compress); directory entries are skipped with a warning; links, devices, FIFOs, sparse
 * entries and anything else are refused; names must be safe ({@link MemberNames}) and unique.
 */
final class TarEntries {
    private final String source;
    /** Most members accepted in one archive. */
    static final int MAX_MEMBERS = 100_000;

    private final Map<String, Member> byName = new LinkedHashMap<>();
    private final Map<String, String> folded = new java.util.HashMap<>();
    private final List<Member> ordered = new ArrayList<>();
    private final List<String> warnings;

    TarEntries(String source, List<String> warnings) {
        this.source = source;
        this.warnings = warnings;
    }

    /**
     * Accepts {@code e}, whose data starts at {@code dataOffset}.
     *
     * @return the member, or {@code null} for a skipped directory entry
     * @throws PackageException when the entry is refused
     */
    Member add(TarArchiveEntry e, long dataOffset) {
        String raw = e.getName();
        String shown = raw.replaceAll("\\p{Cntrl}", "?");
        long headerOffset = Math.max(0, dataOffset - 512);
        if (e.isSymbolicLink() || e.isLink()) {
            throw new PackageException(source, shown, headerOffset, (e.isSymbolicLink() ? "a symbolic" : "a hard")
                    + " link (to \"" + e.getLinkName() + "\"); links are refused: a package holds plain files only", null);
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            throw new PackageException(source, shown, headerOffset, "a device or FIFO entry; a package holds plain "
                    + "files only", null);
        }
        if (e.isSparse()) {
            throw new PackageException(source, shown, headerOffset, "a sparse tar entry; OVA members are stored whole "
                    + "(VirtualBox and vSphere refuse sparse entries too)", null);
        }
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (e.isDirectory()) {
            String dir = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (!dir.isEmpty() && !dir.equals(".") && MemberNames.problem(dir) != null) {
                throw new PackageException(source, shown, headerOffset, "unsafe name: " + MemberNames.problem(dir), null);
            }
            if (!dir.isEmpty() && !dir.equals(".")) {
                warnings.add(source + ": directory entry \"" + shown + "\" ignored (OVAs hold no folders)");
            }
            return null;
        }
        if (!e.isFile()) {
            throw new PackageException(source, shown, headerOffset, "a tar entry of type '" + (char) e.getLinkFlag()
                    + "', which is not a regular file", null);
        }
        String why = MemberNames.problem(name);
        if (why != null) {
            throw new PackageException(source, shown, headerOffset, "unsafe member name: " + why
                    + "; members must stay inside the package", null);
        }
        Member same = byName.get(name);
        if (same != null) {
            throw new PackageException(source, shown, headerOffset, "a duplicate member: the name appears twice "
                    + "(first at offset " + Math.max(0, same.offset() - 512) + "); which one is meant is ambiguous", null);
        }
        String other = folded.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        if (other != null) {
            warnings.add(source + ": members \"" + other + "\" and \"" + name + "\" differ only in case; they "
                    + "collide on case-insensitive file systems");
        }
        if (ordered.size() >= MAX_MEMBERS) {
            throw new PackageException(source, shown, headerOffset, "more than " + MAX_MEMBERS + " members; "
                    + "refused", null);
        }
        Member m = new Member(name, e.getSize(), dataOffset);
        byName.put(name, m);
        ordered.add(m);
        return m;
    }

    List<Member> members() {
        return List.copyOf(ordered);
    }

    Member get(String name) {
        return byName.get(name);
    }

    int size() {
        return ordered.size();
    }

    /** The first {@code .ovf} member, with warnings when it is not first or not alone. */
    static Member descriptor(String source, List<Member> members, List<String> warnings, boolean complete) {
        Member first = null;
        List<String> others = new ArrayList<>();
        for (Member m : members) {
            if (m.name().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
                if (first == null) {
                    first = m;
                } else {
                    others.add(m.name());
                }
            }
        }
        if (first == null) {
            List<String> names = members.stream().map(Member::name).limit(10).toList();
            throw new PackageException(source, "no .ovf descriptor in the archive" + (complete ? "" : " stream")
                    + " (members: " + (names.isEmpty() ? "none" : String.join(", ", names))
                    + (members.size() > 10 ? ", …" : "") + "); an OVA holds one descriptor, normally its first member");
        }
        if (members.get(0) != first) {
            warnings.add(source + ": the descriptor " + first.name() + " is not the first member (DSP0243 wants it "
                    + "first so that it can be read without scanning)");
        }
        if (!others.isEmpty()) {
            warnings.add(source + ": several .ovf members; using the first, " + first.name() + " (also: "
                    + String.join(", ", others) + ")");
        }
        return first;
    }
}
