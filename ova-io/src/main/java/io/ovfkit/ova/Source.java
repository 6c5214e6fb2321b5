package io.ovfkit.ova;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a package's bytes come from: a tar archive read at random (file or range-capable URL), a
 * tar stream read once (standard input, a server without ranges), or a folder (local or URL).
 * {@link OvfPackage} puts the descriptor, manifest and files together on top of it.
 */
abstract class Source implements Closeable {
    /** The package as named in messages: a path or URL. */
    final String name;
    /** What was noticed while indexing (descriptor not first, directory entries …). */
    final List<String> warnings = new ArrayList<>();

    Source(String name) {
        this.name = name;
    }

    abstract PackageForm form();

    /** Whether members can be opened in any order, several at once. */
    abstract boolean randomAccess();

    /** The descriptor's member. */
    abstract Member descriptor() throws IOException;

    /** The members known now, in archive order (a stream source knows those it has read past). */
    abstract List<Member> members();

    /** The member named {@code name}; a stream source reads forward until it is found or the archive ends. */
    abstract Optional<Member> find(String name) throws IOException;

    /**
     * Whether the member after {@code previous} is {@code name} (chunks follow each other). Random-access
     * sources look it up by name.
     */
    boolean follows(String previous, String name) throws IOException {
        return find(name).isPresent();
    }

    /** The member's stored bytes. */
    abstract ReadableByteChannel open(Member m) throws IOException;

    /** The member opened as a disk image in place, when the source can read it at random. */
    Optional<DiskImage> openDisk(Member m, String displayName) throws IOException {
        return Optional.empty();
    }

    /** Size, digests and first bytes of the member. */
    Scan scan(Member m, Set<DigestAlgorithm> algorithms) throws IOException {
        try (ReadableByteChannel in = open(m)) {
            Scan s = Scan.of(in, algorithms);
            if (s.size() != m.size()) {
                throw new PackageException(name, m.name(), m.offset() + s.size(), "the member ends after " + s.size()
                        + " of its " + m.size() + " bytes", null);
            }
            return s;
        }
    }

    /** A stream source reads the rest of the archive, scanning each member; random sources do nothing. */
    void drain(Set<DigestAlgorithm> algorithms) throws IOException {
    }

    /** The name members are shown with in messages: {@code package!/member} for archives. */
    String display(String member) {
        return form() == PackageForm.OVA ? name + "!/" + member : member;
    }
}
