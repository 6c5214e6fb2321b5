package io.ovfkit.ova;

import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar archive read once, front to back ({@link TarArchiveInputStream}): standard input, a server
 * without range support, a gzip-compressed OVA. Members are handed out in archive order. A member
 * read past without being opened is kept in memory when small (at most {@value #KEEP} bytes, or
 * the descriptor, manifest and certificate up to {@value #KEEP_SPECIAL} bytes) and otherwise only
 * scanned as it goes by (size, digests, first bytes), so that {@code verify} can still judge it; it
 * can no longer be opened.
 */
final class StreamTarSource extends Source {
    /** Members up to this size are kept in memory when read past. */
    static final int KEEP = 1 << 20;
    /** Descriptors, manifests and certificates up to this size are kept. */
    static final int KEEP_SPECIAL = 16 << 20;

    private final TarArchiveInputStream in;
    private final TarEntries entries;
    private final Map<String, byte[]> kept = new HashMap<>();
    private final Map<String, Scan> scans = new HashMap<>();
    private Member current;
    private boolean currentTaken;
    private boolean ended;
    private Set<DigestAlgorithm> passAlgorithms = EnumSet.allOf(DigestAlgorithm.class);
    private final Member descriptor;

    StreamTarSource(String name, InputStream stream) throws IOException {
        super(name);
        this.in = new TarArchiveInputStream(stream, StandardCharsets.UTF_8.name());
        this.entries = new TarEntries(name, warnings);
        Member d = null;
        while (d == null && advance()) {
            if (current.name().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
                d = current;
            }
        }
        if (d == null) {
            TarEntries.descriptor(name, entries.members(), warnings, false); // throws: no descriptor
        }
        this.descriptor = d;
        if (entries.members().get(0) != d) {
            warnings.add(name + ": the descriptor " + d.name() + " is not the first member (DSP0243 wants it first so "
                    + "that it can be read without scanning)");
        }
        keep(d, KEEP_SPECIAL);
    }

    /** Moves to the next member, passing the current one. */
    private boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        if (current != null && !currentTaken) {
            pass(current);
        }
        current = null;
        currentTaken = false;
        while (true) {
            TarArchiveEntry e;
            try {
                e = in.getNextEntry();
            } catch (IOException | IllegalArgumentException x) {
                throw new PackageException(name, null, in.getBytesRead(), "not a readable tar stream: "
                        + x.getMessage(), x);
            }
            if (e == null) {
                ended = true;
                if (entries.size() == 0) {
                    throw new PackageException(name, "the stream holds no tar member: not an OVA");
                }
                return false;
            }
            Member m = entries.add(e, in.getBytesRead());
            if (m != null) {
                current = m;
                return true;
            }
        }
    }

    private void pass(Member m) throws IOException {
        String lower = m.name().toLowerCase(Locale.ROOT);
        boolean special = lower.endsWith(".ovf") || lower.endsWith(".mf") || lower.endsWith(".cert");
        if (m.size() <= KEEP || (special && m.size() <= KEEP_SPECIAL)) {
            keep(m, KEEP_SPECIAL);
        } else {
            scans.put(m.name(), scanCurrent(m, passAlgorithms));
        }
    }

    private void keep(Member m, int cap) throws IOException {
        if (m.size() > cap) {
            throw new PackageException(name, m.name(), m.offset(), "larger than " + cap + " bytes; refused", null);
        }
        byte[] b = new byte[(int) m.size()];
        int n = readFully(b);
        if (n < b.length) {
            throw truncated(m, n);
        }
        kept.put(m.name(), b);
        currentTaken = true;
    }

    private int readFully(byte[] b) throws IOException {
        try {
            return in.readNBytes(b, 0, b.length);
        } catch (IOException e) {
            throw new PackageException(name, current == null ? null : current.name(), in.getBytesRead(),
                    "the archive is truncated or the stream broke off inside this member: " + e.getMessage(), e);
        }
    }

    private PackageException truncated(Member m, long got) {
        return new PackageException(name, m.name(), m.offset() + got, "the archive is truncated: it ends inside this "
                + "member after " + got + " of its " + m.size() + " bytes", null);
    }

    private Scan scanCurrent(Member m, Set<DigestAlgorithm> algorithms) throws IOException {
        currentTaken = true;
        Scan s;
        try {
            s = Scan.of(Channels.newChannel(new EntryStream()), algorithms);
        } catch (IOException e) {
            throw new PackageException(name, m.name(), in.getBytesRead(), "the archive is truncated or the stream broke "
                    + "off inside this member: " + e.getMessage(), e);
        }
        if (s.size() < m.size()) {
            throw truncated(m, s.size());
        }
        return s;
    }

    @Override
    PackageForm form() {
        return PackageForm.OVA;
    }

    @Override
    boolean randomAccess() {
        return false;
    }

    @Override
    Member descriptor() {
        return descriptor;
    }

    @Override
    List<Member> members() {
        return entries.members();
    }

    @Override
    Optional<Member> find(String member) throws IOException {
        Member m = entries.get(member);
        while (m == null && advance()) {
            if (current.name().equals(member)) {
                m = current;
            }
        }
        return Optional.ofNullable(m);
    }

    @Override
    boolean follows(String previous, String next) throws IOException {
        Member m = entries.get(next);
        if (m != null) {
            return true;
        }
        if (current != null && current.name().equals(previous) && advance()) {
            return current.name().equals(next);
        }
        return false;
    }

    @Override
    ReadableByteChannel open(Member m) throws IOException {
        byte[] b = kept.get(m.name());
        if (b != null) {
            return Channels.newChannel(new java.io.ByteArrayInputStream(b));
        }
        if (current == null || !current.name().equals(m.name())) {
            find(m.name());
        }
        if (current != null && current.name().equals(m.name()) && !currentTaken) {
            currentTaken = true;
            return Channels.newChannel(new EntryStream());
        }
        b = kept.get(m.name());
        if (b != null) {
            return Channels.newChannel(new java.io.ByteArrayInputStream(b));
        }
        throw new PackageException(name, m.name(), m.offset(), "already read past: a stream (standard input, a "
                + "server without range requests) is read once, in archive order", null);
    }

    @Override
    Scan scan(Member m, Set<DigestAlgorithm> algorithms) throws IOException {
        byte[] b = kept.get(m.name());
        if (b != null) {
            return Scan.of(b, algorithms);
        }
        Scan s = scans.get(m.name());
        if (s == null) {
            if (current == null || !current.name().equals(m.name())) {
                find(m.name());
            }
            if (current != null && current.name().equals(m.name()) && !currentTaken) {
                s = scanCurrent(m, algorithms);
                scans.put(m.name(), s);
            } else if (kept.containsKey(m.name())) {
                return Scan.of(kept.get(m.name()), algorithms);
            } else {
                s = scans.get(m.name());
            }
        }
        if (s == null) {
            throw new PackageException(name, m.name(), m.offset(), "already opened and read: a stream is read once, "
                    + "so it cannot be verified afterwards", null);
        }
        if (!s.digests().keySet().containsAll(algorithms)) {
            throw new PackageException(name, m.name(), m.offset(), "was read past before the manifest named its "
                    + "digest algorithm", null);
        }
        return s;
    }

    @Override
    void drain(Set<DigestAlgorithm> algorithms) throws IOException {
        passAlgorithms = algorithms.isEmpty() ? EnumSet.noneOf(DigestAlgorithm.class) : EnumSet.copyOf(algorithms);
        while (advance()) {
            // pass() keeps or scans each member
        }
    }

    /** Moves to the next member and returns it, or {@code null} at the end of the archive. */
    Member next() throws IOException {
        return advance() ? current : null;
    }

    /** The member the stream stands at, when nobody has read it yet (a chunk reader looked one past its file). */
    Member pending() {
        return current != null && !currentTaken ? current : null;
    }

    /** Kept bytes of a member (descriptor, manifest, certificate), if it was kept. */
    Optional<byte[]> kept(String member) {
        return Optional.ofNullable(kept.get(member));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The current entry's data; ends at the entry's end. */
    private final class EntryStream extends InputStream {
        private final Member m = current;
        private long read;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (current != m) {
                throw new PackageException(name, m.name(), -1, "the stream has moved on to another member", null);
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw new PackageException(name, m.name(), m.offset() + read, "the archive is truncated or the stream "
                        + "broke off inside this member after " + read + " of its " + m.size() + " bytes: "
                        + e.getMessage(), e);
            }
            if (n > 0) {
                read += n;
            } else if (n < 0 && read < m.size()) {
                throw truncated(m, read);
            }
            return n;
        }
    }
}
