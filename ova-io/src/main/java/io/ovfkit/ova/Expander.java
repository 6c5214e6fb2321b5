package io.ovfkit.ova;

import io.ovfkit.disk.ProgressListener;
import io.ovfkit.disk.TemporaryFiles;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OvfPackage#unpackExpanded}: every member in archive order, files stored gzip-compressed or in
 * chunks decoded as they stream by, the descriptor rewritten through the lossless model without
 * {@code ovf:compression}/{@code ovf:chunkSize} (and with the plain {@code ovf:size} where it had
 * one), a manifest computed anew with the package's algorithm while the files are written, and the
 * certificate, which signed the old manifest, left out with a warning.
 */
final class Expander {
    private final OvfPackage pkg;
    private final Source source;
    private final Path dir;
    private final boolean overwrite;
    private final ProgressListener progress;
    private final Optional<DigestAlgorithm> algorithm;
    private final Map<String, Digest> digests = new LinkedHashMap<>();
    private final List<Path> written = new ArrayList<>();
    private final Set<String> handled = new HashSet<>();
    /** The first stored name of each file to decode, to its index in References. */
    private final Map<String, Integer> decodeAt = new HashMap<>();
    private final Map<Integer, Long> decodedSizes = new LinkedHashMap<>();
    private final List<FileReference> files;
    private long done;

    Expander(OvfPackage pkg, Source source, Path dir, boolean overwrite, ProgressListener progress) throws IOException {
        this.pkg = pkg;
        this.source = source;
        this.dir = dir;
        this.overwrite = overwrite;
        this.progress = progress;
        this.files = pkg.files();
        Optional<Manifest> m = pkg.manifest();
        this.algorithm = m.flatMap(x -> x.algorithms().stream().sorted().reduce((a, b) -> b));
    }

    /** Whether a file is stored in a way a plain reader cannot use: compressed or chunked. */
    static boolean encoded(FileReference f) {
        String c = f.getCompression() == null ? "" : f.getCompression().trim().toLowerCase(Locale.ROOT);
        return (!c.isEmpty() && !c.equals("identity")) || (f.getChunkSize() != null && f.getChunkSize() > 0);
    }

    ExpandResult run() throws IOException {
        Files.createDirectories(dir);
        Path real = dir.toRealPath();
        for (int i = 0; i < files.size(); i++) {
            FileReference f = files.get(i);
            if (encoded(f)) {
                String base = pkg.memberNameOf(f.getHref());
                boolean chunked = f.getChunkSize() != null && f.getChunkSize() > 0;
                decodeAt.put(chunked ? MemberNames.chunk(base, 0) : base, i);
            }
        }
        String descriptorName = pkg.descriptorMember().name();
        Optional<Member> manifest = pkg.manifestMember();
        Optional<Member> certificate = pkg.certificateMember();
        handled.add(descriptorName);
        manifest.ifPresent(x -> handled.add(x.name()));
        certificate.ifPresent(x -> handled.add(x.name()));
        if (source instanceof StreamTarSource stream) {
            for (Member m : new ArrayList<>(stream.members())) {
                if (!handled.contains(m.name()) && stream.kept(m.name()).isPresent()) {
                    take(real, m);
                }
            }
            for (Member m = stream.pending(); m != null; m = stream.pending()) {
                take(real, m);
            }
            for (Member m = stream.next(); m != null; m = next(stream)) {
                take(real, m);
            }
        } else if (source.form() == PackageForm.FOLDER) {
            for (FileReference f : files) {
                for (String n : pkg.storedNames(f)) {
                    take(real, source.find(n).orElseThrow());
                }
            }
        } else {
            for (Member m : source.members()) {
                take(real, m);
            }
        }
        // The descriptor, edited through the lossless model: only the attributes of decoded files change.
        OvfDescriptor copy = Ovf.read(pkg.descriptor().originalBytes(), pkg.descriptor().sourceName());
        List<FileReference> refs = copy.envelope().references().map(References::files).orElse(List.of());
        List<String> expanded = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : decodedSizes.entrySet()) {
            FileReference f = refs.get(e.getKey());
            expanded.add(f.getHref());
            f.setCompression(null);
            f.setChunkSize(null);
            if (f.getSize() != null) {
                f.setSize(e.getValue());
            }
        }
        byte[] descriptor = copy.toBytes();
        Map<String, Digest> entries = new LinkedHashMap<>();
        entries.put(descriptorName, null);
        entries.putAll(digests);
        written.add(write(real, descriptorName, new ByteArrayInputStream(descriptor), entries));
        List<String> warnings = new ArrayList<>();
        if (algorithm.isPresent()) {
            String mf = manifest.map(Member::name).orElse(descriptorName.substring(0, descriptorName.length() - 4) + ".mf");
            written.add(write(real, mf, new ByteArrayInputStream(Manifest.of(entries).write()), null));
        }
        if (certificate.isPresent()) {
            warnings.add(source.display(certificate.get().name()) + ": removed the signature: it signed the manifest of"
                    + " the package as stored, and the expanded files and descriptor differ from it");
        }
        return new ExpandResult(written, expanded, warnings);
    }

    /** The member after the current one, unless a chunked file's reader already moved to it. */
    private static Member next(StreamTarSource stream) throws IOException {
        Member p = stream.pending();
        return p != null ? p : stream.next();
    }

    private void take(Path real, Member m) throws IOException {
        if (!handled.add(m.name())) {
            return;
        }
        Integer i = decodeAt.get(m.name());
        if (i != null) {
            FileReference f = files.get(i);
            String name = pkg.memberNameOf(f.getHref());
            try (InputStream in = pkg.decoded(f)) {
                written.add(write(real, name, in, digests));
            }
            // After reading: on a stream, listing the chunks first would read past them.
            handled.addAll(pkg.storedNames(f));
            decodedSizes.put(i, lastSize);
            return;
        }
        if (isLaterChunk(m.name())) {
            return;
        }
        try (InputStream in = Channels.newInputStream(source.open(m))) {
            written.add(write(real, m.name(), in, digests));
        }
        if (lastSize != m.size()) {
            throw new PackageException(source.name, m.name(), m.offset(), "the member ends after " + lastSize
                    + " of its " + m.size() + " bytes", null);
        }
    }

    /** A chunk after the first of a file being decoded: its reader takes it. */
    private boolean isLaterChunk(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || name.length() - dot != 10 || !name.substring(dot + 1).chars().allMatch(Character::isDigit)) {
            return false;
        }
        return decodeAt.containsKey(name.substring(0, dot) + ".000000000");
    }

    private long lastSize;

    /** Writes {@code name} under {@code real} through a temporary name; its digest goes to {@code into}. */
    private Path write(Path real, String name, InputStream in, Map<String, Digest> into) throws IOException {
        String why = MemberNames.problem(name);
        if (why != null) {
            throw new PackageException(source.name, name, -1, "unsafe name: " + why, null);
        }
        Path target = real.resolve(name).normalize();
        if (!target.startsWith(real)) {
            throw new PackageException(source.name, name, -1, "would be written outside " + real, null);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(real)) {
            throw new PackageException(source.name, name, -1, "its folder leads out of " + real
                    + " through a symbolic link", null);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new PackageException(source.name, name, -1, target + " exists; refusing to overwrite it", null);
        }
        MessageDigest md = algorithm.map(DigestAlgorithm::newMessageDigest).orElse(null);
        Path tmp = TemporaryFiles.create(parent, target.getFileName().toString());
        try {
            long size = 0;
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (md != null) {
                        md.update(buf, 0, n);
                    }
                    size += n;
                    done += n;
                    progress.progress(done, -1);
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(false);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            lastSize = size;
            if (into != null && md != null) {
                into.put(name, Digest.of(algorithm.get(), md.digest()));
            }
        } finally {
            Files.deleteIfExists(tmp);
            TemporaryFiles.release(tmp);
        }
        return target;
    }
}
