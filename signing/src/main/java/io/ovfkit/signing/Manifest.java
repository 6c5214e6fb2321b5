package io.ovfkit.signing;

import io.ovfkit.signing.ManifestSyntax.Deviation;
import io.ovfkit.signing.ManifestSyntax.Line;
import io.ovfkit.signing.ManifestSyntax.Parsed;
import io.ovfkit.signing.ManifestSyntax.Warnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OVF manifest ({@code .mf}): an ordered list of entries, each a file name and the digest of the
 * file's bytes as stored in the package. Immutable and safe to share between threads.
 *
 * <p>{@link #parse} is lenient like VirtualBox's and govmomi's readers: it accepts ovftool's
 * {@code SHA256(name)= hex}, the BSD-tag form {@code SHA256 (name) = hex} that VirtualBox and
 * {@code sha256sum --tag} write, other spacing, CRLF, blank or whitespace-only padding lines, upper
 * case hex, {@code sha256}/{@code SHA-256} spellings, and names holding spaces and parentheses (a
 * name ends at the last {@code )} before the last {@code =}). Each kind of deviation from the strict
 * form becomes one {@link ParseWarning}. {@link #parseStrict} refuses them all, as ESXi/vSphere does.
 * {@link #write()} always produces the strict form.
 *
 * <p>Anything that cannot be read as an entry is a {@link ManifestException} naming the file and
 * line: a line without {@code (}, {@code )} or {@code =}, an unknown algorithm, a value that is not
 * hex or not of the algorithm's length, a duplicate name, more than {@value ManifestSyntax#MAX_LINES}
 * lines or more than 16 MiB. {@code MD5}, {@code SIZE} and {@code CRC32} lines (which VirtualBox's
 * IPRT understands) are skipped with a warning.
 */
public final class Manifest {
    /** Largest manifest accepted: 16 MiB. */
    public static final int MAX_BYTES = ManifestSyntax.MAX_BYTES;
    /** Largest number of lines accepted: 100,000. */
    public static final int MAX_LINES = ManifestSyntax.MAX_LINES;

    private static final Manifest EMPTY = new Manifest(List.of(), List.of(), null);

    private final List<Entry> entries;
    private final Map<String, Entry> byName;
    private final List<ParseWarning> warnings;
    private final String sourceName;

    /**
     * One line of a manifest: a file name and its digest.
     *
     * @param name the file name as stored in the package (an href, e.g. {@code disk1.vmdk.gz})
     * @param digest the digest of the file's stored bytes
     */
    public record Entry(String name, Digest digest) {
        /**
         * @param name the file name: not empty, no line break, no NUL
         * @param digest the digest
         * @throws IllegalArgumentException when the name cannot be written on a manifest line
         */
        public Entry {
            checkName(name);
            Objects.requireNonNull(digest, "digest");
        }

        /** {@return the digest's algorithm} */
        public DigestAlgorithm algorithm() {
            return digest.algorithm();
        }

        /** {@return the entry in the strict form, without line end: {@code SHA256(name)= hex}} */
        public String toLine() {
            return digest.algorithm().manifestName() + "(" + name + ")= " + digest.hex();
        }
    }

    /** A file name that can stand on a manifest or signature line: non-empty, one line, no NUL. */
    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a file name in a manifest or certificate must be non-empty, on one"
                    + " line and without NUL: '" + name + "'");
        }
    }

    private Manifest(List<Entry> entries, List<ParseWarning> warnings, String sourceName) {
        this.entries = List.copyOf(entries);
        Map<String, Entry> m = new HashMap<>();
        for (Entry e : this.entries) {
            m.put(e.name(), e);
        }
        this.byName = m;
        this.warnings = List.copyOf(warnings);
        this.sourceName = sourceName;
    }

    /**
     * A manifest with no entries.
     *
     * @return the empty manifest
     */
    public static Manifest empty() {
        return EMPTY;
    }

    /**
     * A manifest of the given entries, in that order.
     *
     * @param entries the entries; names must be unique
     * @return the manifest
     * @throws IllegalArgumentException when two entries have the same name
     */
    public static Manifest of(List<Entry> entries) {
        Map<String, Entry> seen = new HashMap<>();
        for (Entry e : entries) {
            if (seen.put(e.name(), e) != null) {
                throw new IllegalArgumentException("duplicate manifest entry for '" + e.name() + "'");
            }
        }
        return new Manifest(entries, List.of(), null);
    }

    /**
     * A manifest of the given names and digests, in the map's iteration order.
     *
     * @param digests file name to digest
     * @return the manifest
     */
    public static Manifest of(Map<String, Digest> digests) {
        List<Entry> list = new ArrayList<>();
        digests.forEach((name, d) -> list.add(new Entry(name, d)));
        return of(list);
    }

    /**
     * Reads a manifest leniently; deviations from the strict form become {@link #warnings()}.
     *
     * @param text the manifest's bytes (UTF-8; ISO-8859-1 accepted with a warning)
     * @param sourceName the file name used in messages, e.g. {@code appliance.mf}; may be {@code null}
     * @return the manifest
     * @throws ManifestException naming the line when a line is not an entry, a name is repeated, or
     *     the text is too large
     */
    public static Manifest parse(byte[] text, String sourceName) {
        return parse(text, sourceName, false);
    }

    /**
     * Reads a manifest in the strict form only, {@code ALG(name)= hex} with lowercase hex and LF line
     * ends, as ESXi/vSphere requires; any deviation is a {@link ManifestException}.
     *
     * @param text the manifest's bytes
     * @param sourceName the file name used in messages; may be {@code null}
     * @return the manifest (whose {@link #warnings()} can only mention mixed algorithms)
     * @throws ManifestException naming the line of the first deviation
     */
    public static Manifest parseStrict(byte[] text, String sourceName) {
        return parse(text, sourceName, true);
    }

    /**
     * Reads a manifest file leniently, named by its file name in messages.
     *
     * @param file the {@code .mf} file
     * @return the manifest
     * @throws IOException when the file cannot be read
     * @throws ManifestException when it is malformed or larger than 16 MiB
     */
    public static Manifest read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (Files.size(file) > MAX_BYTES) {
            throw new ManifestException(name, 0, "is " + Files.size(file) + " bytes; a manifest is at most "
                    + MAX_BYTES + " bytes (16 MiB)");
        }
        return parse(BoundedFiles.read(file, MAX_BYTES, "a manifest"), name);
    }

    private static Manifest parse(byte[] bytes, String source, boolean strict) {
        Objects.requireNonNull(bytes, "text");
        ManifestSyntax.checkSize(bytes, source, "manifest");
        Warnings w = new Warnings(source, strict);
        String text = ManifestSyntax.decode(bytes, w);
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Set<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        for (Line line : ManifestSyntax.lines(text, w, source)) {
            if (line.text().isBlank()) {
                w.note(Deviation.BLANK_LINE, line.number(), null);
                continue;
            }
            Parsed p = ManifestSyntax.parse(line, w, source);
            DigestAlgorithm alg = ManifestSyntax.algorithm(p, line.number(), w, source, true);
            if (alg == null) {
                continue;
            }
            if (p.value().length() != alg.hexLength()) {
                throw new ManifestException(source, line.number(), "a " + alg.manifestName() + " digest is "
                        + alg.hexLength() + " hexadecimal digits, found " + p.value().length());
            }
            Integer first = lineOf.putIfAbsent(p.name(), line.number());
            if (first != null) {
                throw new ManifestException(source, line.number(), "duplicate entry for '" + p.name()
                        + "' (first at line " + first + ")");
            }
            if (!algorithms.isEmpty() && !algorithms.contains(alg)) {
                w.note(Deviation.MIXED_ALGORITHMS, line.number(), alg.manifestName() + " after "
                        + algorithms.iterator().next().manifestName());
            }
            algorithms.add(alg);
            entries.add(new Entry(p.name(), new Digest(alg, p.value())));
        }
        return new Manifest(entries, w.list(), source);
    }

    /**
     * The entries in file order.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry for a file name (exact, case-sensitive match).
     *
     * @param name the file name, e.g. {@code disk1.vmdk}
     * @return the entry, or empty when the manifest does not cover that file
     */
    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The file names, in file order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * The number of entries.
     *
     * @return the count
     */
    public int size() {
        return entries.size();
    }

    /**
     * Whether there are no entries (a manifest of only padding reads as empty).
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The algorithms the entries use; more than one is allowed and also reported as a warning.
     *
     * @return an unmodifiable set, empty for an empty manifest
     */
    public Set<DigestAlgorithm> algorithms() {
        Set<DigestAlgorithm> s = EnumSet.noneOf(DigestAlgorithm.class);
        entries.forEach(e -> s.add(e.algorithm()));
        return Collections.unmodifiableSet(s);
    }

    /**
     * Deviations from the strict form found while parsing, one per kind with its first line.
     *
     * @return an unmodifiable list, empty for strict input or a manifest built with {@code of}
     */
    public List<ParseWarning> warnings() {
        return warnings;
    }

    /**
     * The name given to {@link #parse}, for messages.
     *
     * @return the source name, or {@code null}
     */
    public String sourceName() {
        return sourceName;
    }

    /**
     * The manifest in the strict form every importer accepts: {@code ALG(name)= hex}, lowercase hex,
     * one entry per line, each ended by LF, UTF-8.
     *
     * @return the bytes of the {@code .mf} file
     */
    public byte[] write() {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            b.append(e.toLine()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@return whether {@code o} is a manifest with the same entries in the same order} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** {@return the strict text of the manifest} */
    @Override
    public String toString() {
        return new String(write(), StandardCharsets.UTF_8);
    }
}
