package io.ovfkit.ova;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Manifest;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * An OVF package opened for reading, without extracting it: an {@code .ova} archive, an
 * {@code .ovf} descriptor with its files beside it (in a folder or under a URL), a URL of an OVA, or
 * an OVA read from a stream such as standard input.
 *
 * <pre>{@code
 * try (OvfPackage p = OvfPackage.open("appliance.ova")) {
 *     OvfDescriptor d = p.descriptor();
 *     try (InputStream disk = p.openFile("appliance-disk1.vmdk")) { ... } // gzip and chunks undone
 *     try (DiskImage img = p.openDisk("appliance-disk1.vmdk")) { ... }  // in place, random access
 *     VerifyReport r = p.verify(VerifyOptions.defaults());
 * }
 * }</pre>
 *
 * <h2>Sources</h2>
 * <ul>
 * <li><b>OVA file</b>: indexed once with Commons Compress's {@code TarFile} (ustar, GNU, PAX, GNU
 * base-256 sizes, VMware's hybrid {@code ustar\0}+{@code " \0"} magic, any padding); members are read
 * from their offsets, several at once. A gzip-compressed OVA ({@code .ova.gz}, recognised by its
 * magic) is read as a stream.</li>
 * <li><b>Folder</b>: {@code x.ovf} and the files beside it; a folder given by itself must hold exactly
 * one {@code .ovf}.</li>
 * <li><b>URL</b> ({@code http}, {@code https}): an {@code .ovf} URL is a folder on the server; any
 * other URL is an OVA, read at random with range requests when the server supports them
 * ({@code Accept-Ranges: bytes} or a 206 answer to a one-byte probe), as one stream otherwise. See
 * {@link HttpOptions} for proxies, trust store, credentials and resuming.</li>
 * <li><b>Stream</b> ({@link #openStream}): read once, front to back; members must be opened in
 * archive order, and a member read past can no longer be opened (small ones, the manifest and the
 * certificate are kept).</li>
 * </ul>
 * The descriptor is the first {@code .ovf} member (a warning when it is not the first member or not
 * the only descriptor); the manifest is {@code <base>.mf} and the certificate {@code <base>.cert},
 * wherever they are in the archive.
 *
 * <h2>Safety</h2>
 * Member names and hrefs must stay inside the package: absolute paths, drive letters, backslashes,
 * {@code ..}, links, device entries, sparse entries and duplicate members are refused with a
 * {@link PackageException} naming the member; a truncated archive fails with the offset where it
 * ends. Descriptors are capped at {@link Ovf#DEFAULT_MAX_DESCRIPTOR_BYTES}.
 *
 * <p>Not thread-safe, except that members of a random-access package may be read concurrently (the
 * manifest and certificate are looked up lazily, so read them before sharing the package);
 * {@link #verify} hashes members on a pool of its own ({@code ovfkit-verify} threads), shut down before it returns.
 * Messages name members as {@code PACKAGE!/MEMBER}.
 */
public final class OvfPackage implements Closeable {
    private final Source source;
    private final Member descriptorMember;
    private final OvfDescriptor descriptor;
    private final List<String> warnings = new ArrayList<>();
    private boolean manifestLooked;
    private Member manifestMember;
    private byte[] manifestBytes;
    private Manifest manifest;
    private boolean certificateLooked;
    private Member certificateMember;
    private CertificateFile certificate;

    private OvfPackage(Source source) throws IOException {
        this.source = source;
        this.descriptorMember = source.descriptor();
        long cap = Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES;
        if (descriptorMember.size() > cap) {
            throw new PackageException(source.name, descriptorMember.name(), descriptorMember.offset(),
                    "the descriptor is " + descriptorMember.size() + " bytes; descriptors larger than " + cap
                            + " bytes are refused", null);
        }
        byte[] bytes = readAll(descriptorMember, (int) cap);
        this.descriptor = Ovf.read(bytes, source.display(descriptorMember.name()));
        if (source.randomAccess()) {
            manifestMember();
            certificateMember();
        }
    }

    private static OvfPackage create(Source s) throws IOException {
        try {
            return new OvfPackage(s);
        } catch (IOException | RuntimeException | Error e) {
            try {
                s.close();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------ opening

    /**
     * Opens a package named the way a user names it: {@code -} for standard input, an
     * {@code http(s)://} URL (with {@link HttpOptions#fromEnvironment()}), or a path (an OVA, an
     * {@code .ovf}, or a folder holding one {@code .ovf}).
     *
     * @param pathOrUrl the package
     * @return the open package; close it
     * @throws IOException when it cannot be read
     * @throws PackageException when it is not a package ovfkit can read safely
     */
    public static OvfPackage open(String pathOrUrl) throws IOException {
        if (pathOrUrl.equals("-")) {
            return openStream(System.in, "(standard input)");
        }
        if (isUrl(pathOrUrl)) {
            return open(URI.create(pathOrUrl), HttpOptions.fromEnvironment());
        }
        return open(Path.of(pathOrUrl));
    }

    /**
     * Whether {@code text} is an {@code http} or {@code https} URL.
     *
     * @param text a package name as a user wrote it
     * @return true for an http(s) URL
     */
    public static boolean isUrl(String text) {
        String l = text.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /**
     * Opens an OVA file, an {@code .ovf} file with its folder, or a folder holding one {@code .ovf}.
     * Files are told apart by content: a tar archive is an OVA, gzip data a compressed OVA (read as a
     * stream), XML a descriptor.
     *
     * @param path the package
     * @return the open package
     * @throws IOException when it cannot be read
     * @throws PackageException when it is not a package ovfkit can read safely
     */
    public static OvfPackage open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return create(new FolderSource(FolderSource.descriptorIn(path)));
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
            return create(new FolderSource(path));
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            InputStream in = Files.newInputStream(path);
            try {
                return create(new StreamTarSource(path.toString(), new GZIPInputStream(new BufferedInputStream(in,
                        1 << 16), 1 << 16)));
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
        if (looksLikeXml(head, n)) {
            return create(new FolderSource(path));
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return create(new TarSource(path.toString(), ch, (off, len) -> TarSource.fileRange(ch, off, len)));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static boolean looksLikeXml(byte[] h, int n) {
        int i = 0;
        if (n >= 3 && (h[0] & 0xff) == 0xef && (h[1] & 0xff) == 0xbb && (h[2] & 0xff) == 0xbf) {
            i = 3;
        } else if (n >= 2 && ((h[0] & 0xff) == 0xfe || (h[0] & 0xff) == 0xff)) {
            return true; // UTF-16 byte order mark
        }
        while (i < n && (h[i] == ' ' || h[i] == '\n' || h[i] == '\r' || h[i] == '\t')) {
            i++;
        }
        return i < n && h[i] == '<';
    }

    /**
     * Opens a package on a web server: a URL ending in {@code .ovf} is a descriptor with its files
     * beside it; any other URL an OVA, read with range requests when the server supports them and
     * as one stream otherwise.
     *
     * @param url the package's URL ({@code http} or {@code https})
     * @param options proxies, trust store, credentials, retries
     * @return the open package
     * @throws IOException when the server cannot be reached or the transfer fails
     * @throws PackageException when the server refuses the request or the package cannot be read
     */
    public static OvfPackage open(URI url, HttpOptions options) throws IOException {
        Http.check(url);
        Http http = new Http(options, url);
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        if (path.endsWith(".ovf")) {
            return create(new UrlFolderSource(http, url));
        }
        Http.Resource r = http.probe(url);
        if (!r.exists()) {
            throw Http.statusError(url, r.status());
        }
        String shown = Http.redact(url);
        if (r.ranges() && r.size() >= 0) {
            HttpRangeChannel ch = new HttpRangeChannel(http, r, Math.min(64 << 10, options.readAhead()));
            try {
                ByteBuffer head = ByteBuffer.allocate(2);
                ch.read(head);
                ch.position(0);
                if (head.position() == 2 && (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b) {
                    ch.close();
                    return streamOf(shown, http.open(r, 0, -1));
                }
                TarSource s = new TarSource(shown, ch, (off, len) -> Channels.newChannel(http.open(r, off, len)));
                ch.readAhead(options.readAhead());
                return create(s);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
        return streamOf(shown, http.open(r, 0, -1));
    }

    /**
     * Reads an OVA from a stream (standard input, a socket), once, front to back. A gzip-compressed
     * archive is recognised by its magic. The stream is closed with the package.
     *
     * @param in the archive's bytes
     * @param name how messages name the package
     * @return the open package
     * @throws IOException when the stream cannot be read
     * @throws PackageException when it holds no descriptor or is not a tar archive
     */
    public static OvfPackage openStream(InputStream in, String name) throws IOException {
        return streamOf(name, in);
    }

    private static OvfPackage streamOf(String name, InputStream raw) throws IOException {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int a = in.read();
            int b = in.read();
            in.reset();
            InputStream tar = a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
            return create(new StreamTarSource(name, tar));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------ what it holds

    /** @return the package as named in messages (path or URL, without credentials) */
    public String name() {
        return source.name;
    }

    /** @return how the package is stored */
    public PackageForm form() {
        return source.form();
    }

    /** @return whether members can be read in any order (false for streams and range-less servers) */
    public boolean randomAccess() {
        return source.randomAccess();
    }

    /** @return the descriptor, parsed when the package was opened */
    public OvfDescriptor descriptor() {
        return descriptor;
    }

    /** @return the descriptor's member */
    public Member descriptorMember() {
        return descriptorMember;
    }

    /**
     * The members known now, in archive order: every member of an OVA read at random; for a folder
     * or URL, the files looked up so far (descriptor, manifest, certificate, referenced files); for a
     * stream, those read so far.
     *
     * @return the members
     */
    public List<Member> members() {
        return source.members();
    }

    /**
     * The member named {@code name} (a stream reads forward to it).
     *
     * @param name the member name
     * @return the member, empty when the package has none of that name
     * @throws IOException when the package cannot be read
     */
    public Optional<Member> member(String name) throws IOException {
        String why = MemberNames.problem(name);
        if (why != null) {
            throw new PackageException(source.name, name, -1, "unsafe name: " + why, null);
        }
        return source.find(name);
    }

    /**
     * What was noticed while reading the package (descriptor not first, several descriptors,
     * directory entries skipped, a manifest under another base name, no end-of-archive marker …).
     *
     * @return the warnings, in the order noticed
     */
    public List<String> warnings() {
        return Collections.unmodifiableList(allWarnings());
    }

    private List<String> allWarnings() {
        List<String> all = new ArrayList<>(source.warnings);
        all.addAll(warnings);
        return all;
    }

    /** The {@code .mf} member: {@code <base>.mf}, else the only {@code .mf} of an archive (with a warning). */
    Optional<Member> manifestMember() throws IOException {
        if (!manifestLooked) {
            manifestMember = companion(".mf");
            manifestLooked = true;
        }
        return Optional.ofNullable(manifestMember);
    }

    /** The {@code .cert} member, found like the manifest. */
    Optional<Member> certificateMember() throws IOException {
        if (!certificateLooked) {
            certificateMember = companion(".cert");
            certificateLooked = true;
        }
        return Optional.ofNullable(certificateMember);
    }

    private Member companion(String ext) throws IOException {
        String d = descriptorMember.name();
        String base = d.substring(0, d.length() - 4);
        Optional<Member> m = source.find(base + ext);
        if (m.isPresent()) {
            return m.get();
        }
        if (source.form() == PackageForm.OVA) {
            if (!source.randomAccess()) {
                source.drain(java.util.EnumSet.allOf(io.ovfkit.signing.DigestAlgorithm.class));
            }
            List<Member> others = source.members().stream()
                    .filter(x -> x.name().toLowerCase(Locale.ROOT).endsWith(ext)).toList();
            if (others.size() == 1) {
                warnings.add(source.name + ": using " + others.get(0).name() + " as the " + (ext.equals(".mf")
                        ? "manifest" : "certificate") + "; it should be named " + base + ext
                        + " after the descriptor");
                return others.get(0);
            }
        }
        return null;
    }

    /**
     * The manifest's exact bytes, as signed by the certificate.
     *
     * @return the bytes, empty when the package has no manifest
     * @throws IOException when it cannot be read
     */
    public Optional<byte[]> manifestBytes() throws IOException {
        if (manifestBytes == null && manifestMember().isPresent()) {
            manifestBytes = readAll(manifestMember, io.ovfkit.signing.Manifest.MAX_BYTES);
        }
        return Optional.ofNullable(manifestBytes).map(byte[]::clone);
    }

    /**
     * The manifest, parsed leniently ({@link Manifest#parse}).
     *
     * @return the manifest, empty when the package has none
     * @throws IOException when it cannot be read
     * @throws io.ovfkit.signing.ManifestException when it cannot be parsed
     */
    public Optional<Manifest> manifest() throws IOException {
        if (manifest == null && manifestBytes().isPresent()) {
            manifest = Manifest.parse(manifestBytes, source.display(manifestMember.name()));
        }
        return Optional.ofNullable(manifest);
    }

    /**
     * The certificate file, parsed ({@link CertificateFile#parse}).
     *
     * @return the certificate, empty when the package is not signed
     * @throws IOException when it cannot be read
     * @throws io.ovfkit.signing.SigningException when it cannot be parsed
     */
    public Optional<CertificateFile> certificate() throws IOException {
        if (certificate == null && certificateMember().isPresent()) {
            byte[] b = readAll(certificateMember, 16 << 20);
            certificate = CertificateFile.parse(b, source.display(certificateMember.name()));
        }
        return Optional.ofNullable(certificate);
    }

    /** The member names a file is stored under: its href, or its chunks in order. Missing ones are absent. */
    List<String> storedNames(FileReference f) throws IOException {
        String base = memberNameOf(f.getHref());
        List<String> out = new ArrayList<>();
        Long chunk = f.getChunkSize();
        if (chunk == null || chunk <= 0) {
            if (source.find(base).isPresent()) {
                out.add(base);
            }
            return out;
        }
        String name = MemberNames.chunk(base, 0);
        if (source.find(name).isEmpty()) {
            return out;
        }
        out.add(name);
        for (long i = 1; i < 1_000_000_000L; i++) {
            String next = MemberNames.chunk(base, i);
            if (!source.follows(name, next)) {
                break;
            }
            out.add(next);
            name = next;
        }
        return out;
    }

    /** The member name an href stands for: itself, or its %-decoded form when only that exists. */
    String memberNameOf(String href) throws IOException {
        String n = MemberNames.fromHref(source.name, href);
        String dec = MemberNames.decoded(n);
        if (!dec.equals(n) && MemberNames.problem(dec) == null && source.randomAccess()
                && source.find(n).isEmpty() && source.find(dec).isPresent()) {
            return dec;
        }
        return n;
    }

    /** The descriptor's {@code File} elements. */
    List<FileReference> files() {
        return descriptor.envelope().references().map(References::files).orElse(List.of());
    }

    private Optional<FileReference> fileByHref(String href) {
        for (FileReference f : files()) {
            if (href.equals(f.getHref()) || href.equals(MemberNames.decoded(f.getHref()))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The source, for the verifier. */
    Source source() {
        return source;
    }

    // ------------------------------------------------------------------------------------------ reading files

    /**
     * Opens the file an href of {@code References} names, as the guest tools see it: a
     * {@code ovf:compression="gzip"} file is decompressed, an {@code ovf:chunkSize} file is read
     * chunk after chunk ({@code href.000000000}, {@code href.000000001}, …). A name that is not an
     * href of the descriptor but a member of the package (a {@code readme.txt}, the manifest) opens
     * as stored.
     *
     * @param href the {@code ovf:href}
     * @return the file's bytes; close the stream
     * @throws IOException when the package cannot be read
     * @throws PackageException when the file is missing, unsafe, or compressed with a method other than gzip
     */
    public InputStream openFile(String href) throws IOException {
        Optional<FileReference> f = fileByHref(href);
        if (f.isEmpty()) {
            String name = MemberNames.fromHref(source.name, href);
            Member m = source.find(name).orElseThrow(() -> missing(name));
            return Channels.newInputStream(source.open(m));
        }
        return decoded(f.get());
    }

    /**
     * The same as a channel.
     *
     * @param href the {@code ovf:href}
     * @return the file's bytes
     * @throws IOException when the package cannot be read
     */
    public ReadableByteChannel openFileChannel(String href) throws IOException {
        return Channels.newChannel(openFile(href));
    }

    /**
     * A member's stored bytes, exactly as in the package (compressed, one chunk).
     *
     * @param member the member name
     * @return its bytes; close the channel
     * @throws IOException when the package cannot be read
     * @throws PackageException when there is no such member, or a stream has read past it
     */
    public ReadableByteChannel openMember(String member) throws IOException {
        Member m = member(member).orElseThrow(() -> missing(member));
        return source.open(m);
    }

    InputStream decoded(FileReference f) throws IOException {
        String compression = f.getCompression() == null ? "" : f.getCompression().trim().toLowerCase(Locale.ROOT);
        if (!compression.isEmpty() && !compression.equals("gzip") && !compression.equals("identity")) {
            throw new PackageException(source.name, f.getHref(), -1, "ovf:compression=\"" + f.getCompression()
                    + "\" is not supported; expected gzip or none", null);
        }
        InputStream stored = storedStream(f);
        if (compression.equals("gzip")) {
            try {
                return new GZIPInputStream(stored, 1 << 16);
            } catch (IOException | RuntimeException e) {
                stored.close();
                throw new PackageException(source.name, f.getHref(), -1, "ovf:compression=\"gzip\" but the file is "
                        + "not gzip data: " + e.getMessage(), e);
            }
        }
        return stored;
    }

    private InputStream storedStream(FileReference f) throws IOException {
        Long chunk = f.getChunkSize();
        String base = memberNameOf(f.getHref());
        if (chunk == null || chunk <= 0) {
            Member m = source.find(base).orElseThrow(() -> missing(base));
            return Channels.newInputStream(source.open(m));
        }
        Member first = source.find(MemberNames.chunk(base, 0)).orElseThrow(() -> missing(MemberNames.chunk(base, 0)));
        return new java.io.SequenceInputStream(new Enumeration<InputStream>() {
            private long index;
            private Member next = first;

            @Override
            public boolean hasMoreElements() {
                if (next == null && index > 0) {
                    try {
                        String prev = MemberNames.chunk(base, index - 1);
                        String name = MemberNames.chunk(base, index);
                        if (source.follows(prev, name)) {
                            next = source.find(name).orElse(null);
                        }
                    } catch (IOException e) {
                        throw new PackageException(source.name, MemberNames.chunk(base, index), -1,
                                "cannot be read: " + e.getMessage(), e);
                    }
                }
                return next != null;
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                Member m = next;
                next = null;
                index++;
                try {
                    return Channels.newInputStream(source.open(m));
                } catch (IOException e) {
                    throw new PackageException(source.name, m.name(), m.offset(), "cannot be read: " + e.getMessage(), e);
                }
            }
        });
    }

    private PackageException missing(String member) {
        return new PackageException(source.name, member, -1, "no such file in the package", null);
    }

    /**
     * Opens a disk stored plain (not compressed, not chunked) in place, with random access and
     * without copying it: a single-file VMDK (sparse or streamOptimized) or raw content inside an
     * OVA file or behind a range-capable URL, or any image ovfkit reads in a folder.
     *
     * @param href the disk file's {@code ovf:href}
     * @return the image; close it before the package
     * @throws IOException when the package cannot be read
     * @throws PackageException when the file is gzip-compressed or chunked (sequential only: use
     *     {@link #openFile(String)}), the package is a stream, or the file is missing
     * @throws io.ovfkit.disk.DiskFormatException when the image is corrupt
     */
    public DiskImage openDisk(String href) throws IOException {
        Optional<FileReference> f = fileByHref(href);
        if (f.isPresent()) {
            String c = f.get().getCompression() == null ? "" : f.get().getCompression().trim();
            if (c.equalsIgnoreCase("gzip")) {
                throw new PackageException(source.name, href, -1, "stored gzip-compressed (ovf:compression=\"gzip\"): "
                        + "gzip cannot seek, so the disk can only be read as a stream (convert or hash it in one pass)",
                        null);
            }
            if (f.get().getChunkSize() != null && f.get().getChunkSize() > 0) {
                throw new PackageException(source.name, href, -1, "stored in chunks (ovf:chunkSize): it can only be "
                        + "read as a stream", null);
            }
        }
        if (!source.randomAccess()) {
            throw new PackageException(source.name, href, -1, "the package is read as a stream (standard input, a "
                    + "server without range requests, a compressed OVA): disks cannot be opened in place", null);
        }
        String name = f.isPresent() ? memberNameOf(href) : MemberNames.fromHref(source.name, href);
        Member m = source.find(name).orElseThrow(() -> missing(name));
        return source.openDisk(m, source.display(m.name())).orElseThrow(() -> new PackageException(source.name,
                href, -1, "the server does not support range requests: the disk cannot be opened in place", null));
    }

    /**
     * Opens a disk to be read once, front to back (as {@link io.ovfkit.disk.DiskConverter} reads it),
     * however the package stores it: in place with random access when {@link #openDisk} can; otherwise
     * decoded as a stream ({@link io.ovfkit.disk.DiskImages#openStream}: gzip inflated, chunks joined,
     * a package read from standard input or a range-less server read in archive order), which works
     * for a streamOptimized VMDK and for raw content (its capacity from the {@code Disk} element that
     * names the file). Other formats need random access and are refused from a stream with the
     * reason. The returned image may be {@linkplain DiskImage#sequential() sequential}.
     *
     * @param href the disk file's {@code ovf:href}
     * @return the image; close it before the package
     * @throws IOException when the package cannot be read
     * @throws PackageException when the file is missing or unsafe
     * @throws io.ovfkit.disk.DiskFormatException when the image is corrupt or cannot be read from a stream
     */
    public DiskImage openDiskStream(String href) throws IOException {
        Optional<FileReference> f = fileByHref(href);
        if (source.randomAccess() && (f.isEmpty() || !Expander.encoded(f.get()))) {
            return openDisk(href);
        }
        String shown = source.display(f.isPresent() ? memberNameOf(f.get().getHref())
                : MemberNames.fromHref(source.name, href));
        long capacity = f.map(this::declaredCapacity).orElse(-1L);
        return io.ovfkit.disk.DiskImages.openStream(openFile(href), shown, capacity);
    }

    /** The capacity in bytes of the {@code Disk} that names {@code f}, or -1. */
    private long declaredCapacity(FileReference f) {
        for (io.ovfkit.ovf.model.DiskSection ds : descriptor.envelope().sectionsOf(io.ovfkit.ovf.model.DiskSection.class)) {
            for (io.ovfkit.ovf.model.VirtualDisk d : ds.getDisks()) {
                if (f.getId() != null && f.getId().equals(d.getFileRef())) {
                    try {
                        return io.ovfkit.ovf.value.Capacity.parse(d.getCapacity(), d.getCapacityAllocationUnits())
                                .bytes().orElse(-1);
                    } catch (RuntimeException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------ verify

    /**
     * Checks the package: manifest digests, files missing or unlisted, sizes, disks against their
     * {@code Disk} elements, the signature and its certificate. See {@link VerifyReport} for what fails
     * and what warns.
     *
     * @param options trust anchors, strictness, whether a signature is required
     * @return the report
     * @throws IOException when the package cannot be read
     */
    public VerifyReport verify(VerifyOptions options) throws IOException {
        return new Verifier(this, options).run();
    }

    // ------------------------------------------------------------------------------------------ unpack

    /**
     * Extracts every member, as stored, into {@code dir} (created when missing): the package's folder
     * form, whose manifest and signature stay valid. Each file is written under a temporary name in
     * its folder and renamed when complete; names are checked again against {@code dir} (a symbolic
     * link already in {@code dir} cannot lead a member out of it); modes, owners and times are not
     * taken from the archive.
     *
     * @param dir the target folder
     * @param overwrite whether existing files may be replaced
     * @return the files written, in archive order
     * @throws IOException when a file cannot be written
     * @throws PackageException when a file exists and {@code overwrite} is false
     */
    public List<Path> unpack(Path dir, boolean overwrite) throws IOException {
        Files.createDirectories(dir);
        Path real = dir.toRealPath();
        List<Member> all = new ArrayList<>();
        if (source.randomAccess()) {
            if (source.form() == PackageForm.FOLDER) {
                all.add(descriptorMember);
                manifestMember().ifPresent(all::add);
                certificateMember().ifPresent(all::add);
                for (FileReference f : files()) {
                    for (String n : storedNames(f)) {
                        all.add(source.find(n).orElseThrow());
                    }
                }
            } else {
                all.addAll(source.members());
            }
        }
        List<Path> written = new ArrayList<>();
        if (source instanceof StreamTarSource stream) {
            for (Member m : stream.members()) {
                written.add(extract(real, m, overwrite));
            }
            for (Member m = stream.next(); m != null; m = stream.next()) {
                written.add(extract(real, m, overwrite));
            }
        } else {
            for (Member m : all) {
                written.add(extract(real, m, overwrite));
            }
        }
        return written;
    }

    /**
     * Extracts the package into {@code dir} (created when missing) with every file as the guest tools
     * see it: files stored gzip-compressed ({@code ovf:compression}) are inflated and files stored in
     * chunks ({@code ovf:chunkSize}) joined, as they stream by, in one pass over the package (a
     * stream or a URL too). The descriptor is rewritten through the lossless model without those two
     * attributes, with {@code ovf:size} giving the plain size where it was present; nothing else in
     * it changes. The manifest is computed anew with the package's digest algorithm (none when the
     * package had none); a certificate, which signed the old manifest, cannot hold and is left out
     * with a warning in the result. Other members are copied as stored. Files are written as by
     * {@link #unpack}: under temporary names, renamed when complete, never outside {@code dir}.
     * A package without such files is unpacked as {@link #unpack} does, manifest and signature kept.
     *
     * @param dir the target folder
     * @param overwrite whether existing files may be replaced
     * @param progress bytes written so far; the total is -1 (a decoded size is known only at its end)
     * @return the files written and the warnings
     * @throws IOException when the package cannot be read or a file cannot be written
     * @throws PackageException when a file exists and {@code overwrite} is false, or the package is unsafe
     */
    public ExpandResult unpackExpanded(Path dir, boolean overwrite, io.ovfkit.disk.ProgressListener progress)
            throws IOException {
        if (files().stream().noneMatch(Expander::encoded)) {
            return new ExpandResult(unpack(dir, overwrite), List.of(), List.of());
        }
        return new Expander(this, source, dir, overwrite,
                progress == null ? io.ovfkit.disk.ProgressListener.NONE : progress).run();
    }

    private Path extract(Path realDir, Member m, boolean overwrite) throws IOException {
        String why = MemberNames.problem(m.name());
        if (why != null) {
            throw new PackageException(source.name, m.name(), m.offset(), "unsafe name: " + why, null);
        }
        Path target = realDir.resolve(m.name()).normalize();
        if (!target.startsWith(realDir)) {
            throw new PackageException(source.name, m.name(), m.offset(), "would be written outside " + realDir, null);
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(realDir)) {
            throw new PackageException(source.name, m.name(), m.offset(), "its folder leads out of " + realDir
                    + " through a symbolic link", null);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new PackageException(source.name, m.name(), m.offset(), target + " exists; refusing to overwrite it",
                    null);
        }
        Path tmp = io.ovfkit.disk.TemporaryFiles.create(parent, target.getFileName().toString());
        try {
            try (ReadableByteChannel in = source.open(m);
                    FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long done = 0;
                while (done < m.size()) {
                    long n = out.transferFrom(in, done, Math.min(m.size() - done, 8 << 20));
                    if (n <= 0) {
                        ByteBuffer probe = ByteBuffer.allocate(1);
                        if (in.read(probe) < 0) {
                            throw new PackageException(source.name, m.name(), m.offset() + done, "the member ends after "
                                    + done + " of its " + m.size() + " bytes", null);
                        }
                        probe.flip();
                        out.write(probe, done);
                        n = 1;
                    }
                    done += n;
                }
                out.force(false);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new PackageException(source.name, m.name(), m.offset(), target + " exists", e);
        } finally {
            Files.deleteIfExists(tmp);
            io.ovfkit.disk.TemporaryFiles.release(tmp);
        }
        return target;
    }

    private byte[] readAll(Member m, int cap) throws IOException {
        if (m.size() > cap) {
            throw new PackageException(source.name, m.name(), m.offset(), "is " + m.size() + " bytes; at most " + cap
                    + " are accepted", null);
        }
        try (ReadableByteChannel in = source.open(m); InputStream s = Channels.newInputStream(in)) {
            byte[] b = s.readNBytes((int) m.size());
            if (b.length < m.size()) {
                throw new PackageException(source.name, m.name(), m.offset() + b.length, "the member ends after "
                        + b.length + " of its " + m.size() + " bytes", null);
            }
            return b;
        }
    }

    /** Closes the archive or connection; open streams and disk images of the package stop working. */
    @Override
    public void close() throws IOException {
        source.close();
    }

    @Override
    public String toString() {
        return "OvfPackage[" + source.name + ", " + source.form() + (source.randomAccess() ? "" : ", stream") + "]";
    }
}
