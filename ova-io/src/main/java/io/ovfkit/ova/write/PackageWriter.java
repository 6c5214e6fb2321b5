package io.ovfkit.ova.write;

import io.ovfkit.disk.DirectBuffers;
import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.ProgressListener;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.ManifestSigner;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes an OVF package in one pass over every input, with no temporary copy of any disk: to an
 * {@code .ova} file, to a folder, or to a stream such as a pipe.
 *
 * <pre>{@code
 * OvfDescriptor d = ApplianceBuilder.named("web").disk(new DiskSpec("web-disk1.vmdk", image.capacity(), null, null))
 *         .build(OvfVersion.V1_0);
 * try (PackageWriter w = PackageWriter.toOva(Path.of("web.ova"), PackageOptions.defaults())) {
 *     w.descriptor(d, "web.ovf");
 *     w.disk("web-disk1.vmdk", image);          // converted on the fly to streamOptimized VMDK
 *     w.file("web.iso", Path.of("tools.iso"));  // copied as it is
 *     PackageResult r = w.finish();
 * }
 * }</pre>
 *
 * <p>Members, in this order: the descriptor, the manifest ({@code NAME.mf}), the certificate
 * ({@code NAME.cert}), then every {@code File} of the descriptor's {@code References} in their
 * order (chunks in chunk order). Disks given with {@link #disk} are converted by the disk engine
 * (parallel compression, bounded memory) straight into their member; files given with
 * {@link #file} are copied. Every member is hashed as it is written.
 *
 * <h2>How one pass works</h2>
 * <ul>
 *   <li><b>OVA file.</b> The descriptor, manifest and certificate come first but are complete only
 *   at the end (file sizes, {@code populatedSize}, digests). Their place is reserved: the descriptor
 *   is measured with every unknown number written as 19 digits, the manifest's length follows from
 *   its names, the certificate's from the key. Each file's member gets a placeholder header, its
 *   data is streamed, and the header is written once its size is known. At the end the three are
 *   written into the reserved area; the descriptor takes what is left over as XML whitespace after
 *   its root element (still the same document), so its {@code ovf:size} and
 *   {@code populatedSize} values are exact and the manifest carries the digest of its final bytes.</li>
 *   <li><b>Stream.</b> A tar header needs the size before the data, so the descriptor is written
 *   first without the sizes that are not known yet, each file of unknown size (a converted disk, a
 *   gzip-compressed file) becomes {@code ovf:chunkSize} members built one chunk at a time in memory
 *   ({@link PackageOptions#streamChunkSize()}), and the manifest and certificate go at the end of the
 *   archive (DSP0243 allows either place).</li>
 *   <li><b>Folder.</b> One file per member, each under a temporary name until all are complete; a
 *   stale {@code NAME.mf} or {@code NAME.cert} that this package does not replace is removed.</li>
 * </ul>
 *
 * <p>The writer edits the descriptor's model: each {@code File}'s {@code ovf:size},
 * {@code ovf:compression} and {@code ovf:chunkSize}, and for converted disks the {@code Disk}'s
 * {@code ovf:format} and {@code ovf:populatedSize}; other content is written as it is. Output goes
 * under a temporary name and is renamed when complete; a failure, or {@link #close()} before
 * {@link #finish()}, leaves nothing (on a stream, what was sent cannot be recalled). Not
 * thread-safe: one thread adds the members and finishes; a disk is converted on the disk engine's own
 * worker threads, which end before the call that converts it returns.
 */
public final class PackageWriter implements Closeable {
    private static final long PLACEHOLDER = Long.MAX_VALUE;
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final int COPY_BUFFER = 1 << 20;

    private final PackageSink sink;
    private final PackageOptions options;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final StoredFileWriter.ChunkBuffer chunkBuffer = new StoredFileWriter.ChunkBuffer();
    private OvfDescriptor descriptor;
    private String descriptorName;
    private boolean done;
    private long progressBase;
    private long progressTotal;

    private sealed interface Source permits DiskSource, CopySource, ChannelCopySource {
    }

    /**
     * Opens the bytes of a file to copy into the package, once, when {@link #finish()} reaches it
     * (a member of another package, a decompressed stream). The writer closes the channel.
     */
    @FunctionalInterface
    public interface ChannelOpener {
        /**
         * Opens the bytes.
         *
         * @return a channel positioned at the first byte
         * @throws IOException when it cannot be opened
         */
        ReadableByteChannel open() throws IOException;
    }

    private record ChannelCopySource(ChannelOpener opener, long size) implements Source {
    }

    private record DiskSource(DiskImage image, DiskEncoding encoding) implements Source {
    }

    private record CopySource(List<Path> parts, long size) implements Source {
    }

    /** What will be written for one File. */
    private record FilePlan(FileReference ref, Source source, int gzipLevel, Long chunkSize, long knownSize,
            long maxSize, List<VirtualDisk> disks) {
        String href() {
            return ref.getHref();
        }

        long memberCountBound() {
            if (chunkSize == null) {
                return 1;
            }
            return Math.max(1, (maxSize + chunkSize - 1) / chunkSize);
        }
    }

    private PackageWriter(PackageSink sink, PackageOptions options) {
        this.sink = sink;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A writer of an OVA (a tar archive) at {@code target}, written under a temporary name in the
     * same folder and renamed over {@code target} by {@link #finish()}.
     */
    public static PackageWriter toOva(Path target, PackageOptions options) throws IOException {
        return new PackageWriter(OvaFileSink.create(target, options.modificationTime(), options.sync()), options);
    }

    /**
     * A writer of an OVF package as files in {@code folder} (created if needed): the descriptor, its
     * manifest and certificate beside it, and the files at their {@code href}s.
     */
    public static PackageWriter toFolder(Path folder, PackageOptions options) throws IOException {
        return new PackageWriter(FolderSink.create(folder, options.sync()), options);
    }

    /**
     * A writer of an OVA to a channel that need not seek (a pipe, a socket, standard output), written
     * strictly forward; the channel is not closed.
     *
     * @param name the stream's name in messages, such as {@code <stdout>}
     */
    public static PackageWriter toStream(WritableByteChannel out, String name, PackageOptions options) {
        return new PackageWriter(new OvaStreamSink(out, options.modificationTime(), name), options);
    }

    /**
     * The descriptor and its member name; the manifest and certificate are named after it
     * ({@code web.ovf → web.mf, web.cert}).
     *
     * @throws IllegalArgumentException when the name does not end with {@code .ovf} or is not a valid member name
     */
    public PackageWriter descriptor(OvfDescriptor d, String name) {
        checkOpen();
        Objects.requireNonNull(d, "descriptor");
        if (name == null || !name.endsWith(".ovf") || name.length() == 4) {
            throw new IllegalArgumentException("the descriptor's name must end with .ovf: " + name);
        }
        String why = TarFormat.problem(name);
        if (why != null) {
            throw new IllegalArgumentException(name + ": " + why);
        }
        this.descriptor = d;
        this.descriptorName = name;
        return this;
    }

    /** The disk of the {@code File} at {@code href}, converted into {@link PackageOptions#diskEncoding()}. */
    public PackageWriter disk(String href, DiskImage image) {
        return disk(href, image, options.diskEncoding());
    }

    /**
     * The disk of the {@code File} at {@code href}, converted into {@code encoding}. The image is read
     * once, during {@link #finish()}; the caller closes it afterwards.
     */
    public PackageWriter disk(String href, DiskImage image, DiskEncoding encoding) {
        checkOpen();
        put(href, new DiskSource(Objects.requireNonNull(image, "image"), Objects.requireNonNull(encoding, "encoding")));
        return this;
    }

    /** The {@code File} at {@code href}, copied from {@code file} byte for byte. */
    public PackageWriter file(String href, Path file) throws IOException {
        return file(href, List.of(file));
    }

    /**
     * The {@code File} at {@code href}, copied from the concatenation of {@code parts} (the chunks of
     * a chunked file, in order). When the descriptor says the file is already compressed
     * ({@code ovf:compression}), it is stored as it is.
     */
    public PackageWriter file(String href, List<Path> parts) throws IOException {
        checkOpen();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(href + ": no file to copy");
        }
        long size = 0;
        for (Path p : parts) {
            if (!Files.isRegularFile(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "not a regular file");
            }
            size += Files.size(p);
        }
        put(href, new CopySource(List.copyOf(parts), size));
        return this;
    }

    /**
     * The {@code File} at {@code href}, copied byte for byte from a channel opened once during
     * {@link #finish()}: for instance a member of another package, or a file decompressed as it is
     * read. When the descriptor says the file is already compressed ({@code ovf:compression}), it is
     * stored as it is.
     *
     * @param size the number of bytes the channel gives, or {@code -1} when unknown (the member's
     *     header is then completed after its data; on a stream the file becomes {@code ovf:chunkSize}
     *     chunks; an OVA file cannot chunk a file of unknown size)
     * @param opener opens the bytes
     */
    public PackageWriter file(String href, long size, ChannelOpener opener) {
        checkOpen();
        if (size < -1) {
            throw new IllegalArgumentException(href + ": size must be -1 (unknown) or positive: " + size);
        }
        put(href, new ChannelCopySource(Objects.requireNonNull(opener, "opener"), size));
        return this;
    }

    /**
     * Every {@code File} of the descriptor not given yet, copied from {@code folder}: {@code href}
     * resolved against it, or for a chunked file ({@code ovf:chunkSize}) its chunks
     * {@code href.000000000} … in order. Files with an absolute URL are not in the package and are
     * skipped with a warning.
     *
     * @throws PackageException when an {@code href} leaves the folder or names no file
     */
    public PackageWriter filesFrom(Path folder) throws IOException {
        checkOpen();
        requireDescriptor();
        for (FileReference f : files()) {
            String href = f.getHref();
            if (href == null || sources.containsKey(href) || URL_SCHEME.matcher(href).matches()) {
                continue;
            }
            String why = TarFormat.problem(href);
            if (why != null) {
                throw new PackageException(descriptorName, href, -1, why, null);
            }
            Path p = folder.resolve(href);
            if (Files.isRegularFile(p)) {
                file(href, p);
                continue;
            }
            List<Path> chunks = new ArrayList<>();
            if (f.getChunkSize() != null) {
                for (int i = 0; ; i++) {
                    Path c = folder.resolve(StoredFileWriter.chunkName(href, i));
                    if (!Files.isRegularFile(c)) {
                        break;
                    }
                    chunks.add(c);
                }
            }
            if (chunks.isEmpty()) {
                throw new PackageException(folder.toString(), href, -1, "File " + f.getId()
                        + " of the descriptor has no file here" + (f.getChunkSize() != null
                        ? " (neither " + href + " nor its chunks " + StoredFileWriter.chunkName(href, 0) + " …)" : ""), null);
            }
            file(href, chunks);
        }
        return this;
    }

    private void put(String href, Source s) {
        Objects.requireNonNull(href, "href");
        if (sources.containsKey(href)) {
            throw new IllegalArgumentException(href + " is already given");
        }
        sources.put(href, s);
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("the package is already finished or closed");
        }
    }

    private void requireDescriptor() {
        if (descriptor == null) {
            throw new IllegalStateException("no descriptor: call descriptor() first");
        }
    }

    private List<FileReference> files() {
        return descriptor.envelope().references().map(References::files).orElse(List.of());
    }

    private String baseName() {
        return descriptorName.substring(0, descriptorName.length() - 4);
    }

    private String manifestName() {
        return baseName() + ".mf";
    }

    private String certificateName() {
        return baseName() + ".cert";
    }

    /**
     * Writes the package and gives it its final name.
     *
     * @return the members written, manifest, certificate and warnings
     * @throws PackageException when the descriptor and the sources do not match (a File without
     *     source, a source no File names, a name that cannot be a member), or a reserved area
     *     overflows
     * @throws IOException when an input cannot be read or the output written; nothing is left behind
     */
    public PackageResult finish() throws IOException {
        checkOpen();
        requireDescriptor();
        done = true;
        try {
            List<FilePlan> plans = plan();
            PackageResult r;
            if (sink instanceof OvaFileSink ova) {
                r = writeReserved(ova, plans);
            } else if (sink instanceof FolderSink folder) {
                r = writeFolder(folder, plans);
            } else {
                r = writeSequential(plans);
            }
            return r;
        } catch (IOException | RuntimeException | Error e) {
            sink.abort();
            throw e;
        }
    }

    /** Without a successful {@link #finish()}, removes what was written. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            sink.abort();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Planning: names, compression, chunking and sizes of every File, and the descriptor edits.

    private List<FilePlan> plan() {
        String target = sink.describe();
        Set<String> names = new HashSet<>(List.of(descriptorName));
        if (options.manifestDigest().isPresent()) {
            names.add(manifestName());
            if (options.signer().isPresent()) {
                names.add(certificateName());
            }
        }
        List<FilePlan> plans = new ArrayList<>();
        Set<String> hrefs = new HashSet<>();
        for (FileReference ref : files()) {
            String href = ref.getHref();
            if (href == null) {
                throw new PackageException(target, descriptorName, -1, "File " + ref.getId() + " has no ovf:href", null);
            }
            if (!hrefs.add(href)) {
                throw new PackageException(target, href, -1, "two Files of the descriptor have the same ovf:href", null);
            }
            Source s = sources.get(href);
            if (s == null && URL_SCHEME.matcher(href).matches()) {
                warnings.add("File " + ref.getId() + " (" + href + ") is an absolute URL: it is not part of the package");
                continue;
            }
            if (s == null) {
                throw new PackageException(target, href, -1, "File " + ref.getId()
                        + " of the descriptor has no source: give it with disk(), file() or filesFrom()", null);
            }
            TarFormat.checkName(href, target);
            plans.add(planFile(ref, s));
        }
        for (String href : sources.keySet()) {
            if (!hrefs.contains(href)) {
                throw new PackageException(target, href, -1, "no File of the descriptor has this ovf:href", null);
            }
        }
        for (FilePlan p : plans) {
            List<String> memberNames = new ArrayList<>();
            if (p.chunkSize() == null) {
                memberNames.add(p.href());
            } else {
                memberNames.add(StoredFileWriter.chunkName(p.href(), 0));
                memberNames.add(StoredFileWriter.chunkName(p.href(), p.memberCountBound() - 1));
            }
            for (String n : memberNames) {
                TarFormat.checkName(n, target);
            }
            if (names.contains(p.href())) {
                throw new PackageException(target, p.href(), -1, "the name is taken by the descriptor, manifest or"
                        + " certificate of the package", null);
            }
        }
        long total = 0;
        for (FilePlan p : plans) {
            total += sourceSize(p.source());
        }
        progressTotal = total;
        return plans;
    }

    /** The bytes a source gives (for a disk its capacity), 0 when unknown. */
    private static long sourceSize(Source s) {
        if (s instanceof DiskSource d) {
            return d.image().capacity();
        }
        if (s instanceof CopySource c) {
            return c.size();
        }
        return Math.max(0, ((ChannelCopySource) s).size());
    }

    private FilePlan planFile(FileReference ref, Source s) {
        String target = sink.describe();
        String existing = ref.getCompression();
        boolean storedCompressed = existing != null && !existing.isBlank() && !existing.strip().equals("identity");
        int level;
        if (s instanceof DiskSource) {
            level = options.gzipLevel();
            ref.setCompression(level > 0 ? "gzip" : null);
        } else if (storedCompressed) {
            level = 0;
        } else {
            level = options.gzipLevel();
            ref.setCompression(level > 0 ? "gzip" : existing);
        }
        long known = level != 0 ? -1 : s instanceof CopySource c ? c.size()
                : s instanceof ChannelCopySource cc ? cc.size() : -1;
        long max;
        if (known >= 0) {
            max = known;
        } else {
            long raw = s instanceof DiskSource d ? d.encoding().maxOutputBytes(d.image().capacity())
                    : s instanceof CopySource c ? c.size() : ((ChannelCopySource) s).size();
            max = raw < 0 ? -1 : level > 0 ? gzipBound(raw) : raw;
        }
        Long chunk = options.chunkSize().isPresent() ? Long.valueOf(options.chunkSize().getAsLong()) : ref.getChunkSize();
        if (chunk == null && sink.needsSizes() && known < 0) {
            chunk = options.streamChunkSize();
        }
        if (chunk != null && chunk <= 0) {
            throw new PackageException(target, ref.getHref(), -1, "ovf:chunkSize must be positive: " + chunk, null);
        }
        if (chunk != null && sink.needsSizes() && known < 0 && chunk > PackageOptions.MAX_BUFFERED_CHUNK_SIZE) {
            throw new PackageException(target, ref.getHref(), -1, "on a stream each chunk of a file of unknown size is"
                    + " held in memory; a chunk size of " + chunk + " bytes is more than the "
                    + PackageOptions.MAX_BUFFERED_CHUNK_SIZE + " allowed", null);
        }
        if (chunk != null && max < 0 && sink instanceof OvaFileSink) {
            throw new PackageException(target, ref.getHref(), -1, "a file of unknown size cannot be cut into"
                    + " ovf:chunkSize pieces here: the manifest's room depends on the number of chunks", null);
        }
        ref.setChunkSize(chunk);
        List<VirtualDisk> disks = new ArrayList<>();
        descriptor.envelope().diskSection().ifPresent(ds -> {
            for (VirtualDisk vd : ds.getDisks()) {
                if (ref.getId() != null && ref.getId().equals(vd.getFileRef())) {
                    disks.add(vd);
                }
            }
        });
        if (s instanceof DiskSource d) {
            for (VirtualDisk vd : disks) {
                checkCapacity(vd, d.image().capacity());
                vd.setFormat(d.encoding().formatUri());
            }
        }
        return new FilePlan(ref, s, level, chunk, known, max, disks);
    }

    private void checkCapacity(VirtualDisk vd, long sourceCapacity) {
        OptionalLong bytes;
        try {
            bytes = Capacity.parse(vd.getCapacity(), vd.getCapacityAllocationUnits()).bytes();
        } catch (IllegalArgumentException e) {
            return; // the validator reports it; the disk is written anyway
        }
        if (bytes.isPresent() && bytes.getAsLong() < sourceCapacity) {
            throw new PackageException(sink.describe(), descriptorName, -1, "Disk " + vd.getDiskId() + " declares "
                    + bytes.getAsLong() + " bytes of capacity, less than the " + sourceCapacity + " of its source image", null);
        }
    }

    /** An upper bound of gzip's output for {@code n} input bytes (deflate stored blocks, header, trailer). */
    static long gzipBound(long n) {
        return n + 5 * (n / 16383 + 1) + 18 + 64;
    }

    /**
     * Sets the sizes the descriptor can state before the files are written: known sizes exactly,
     * unknown ones as {@code unknown} ({@link #PLACEHOLDER} to reserve room, or {@code null}).
     */
    private void presetSizes(List<FilePlan> plans, Long unknown) {
        for (FilePlan p : plans) {
            p.ref().setSize(p.knownSize() >= 0 ? Long.valueOf(p.knownSize()) : unknown);
            if (p.source() instanceof DiskSource) {
                for (VirtualDisk vd : p.disks()) {
                    vd.setPopulatedSize(unknown);
                }
            }
        }
    }

    private void setFinalSizes(FilePlan p, long stored, long populated) {
        p.ref().setSize(stored);
        if (p.source() instanceof DiskSource) {
            for (VirtualDisk vd : p.disks()) {
                vd.setPopulatedSize(populated);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The three layouts.

    private PackageResult writeReserved(OvaFileSink ova, List<FilePlan> plans) throws IOException {
        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        ManifestSigner signer = options.signer().orElse(null);
        presetSizes(plans, PLACEHOLDER);
        long descMax = descriptor.toBytes().length;
        long mfMax = 0;
        long certArea = 0;
        if (alg != null) {
            mfMax = ManifestSizes.lineLength(alg, descriptorName);
            for (FilePlan p : plans) {
                String longest = p.chunkSize() == null ? p.href() : StoredFileWriter.chunkName(p.href(), 0);
                mfMax += p.memberCountBound() * ManifestSizes.lineLength(alg, longest);
            }
            if (signer != null) {
                certArea = TarFormat.roundUp(ManifestSizes.maxCertificateLength(signer, options.signatureDigest(),
                        manifestName()));
            }
        }
        long region = TarFormat.BLOCK + TarFormat.roundUp(descMax)
                + (alg != null ? TarFormat.BLOCK + TarFormat.roundUp(mfMax) : 0)
                + (signer != null ? TarFormat.BLOCK + certArea : 0);
        long regionAt = ova.reserve(region);

        List<PackageResult.Member> fileMembers = new ArrayList<>();
        for (FilePlan p : plans) {
            fileMembers.addAll(writeFile(p));
        }

        byte[] mf = null;
        CertificateFile cert = null;
        byte[] certBytes = null;
        long mfBlock = 0;
        long certBlock = signer != null ? TarFormat.BLOCK + certArea : 0;
        if (alg != null) {
            long mfLen = ManifestSizes.lineLength(alg, descriptorName);
            for (PackageResult.Member m : fileMembers) {
                mfLen += ManifestSizes.lineLength(alg, m.name());
            }
            mfBlock = TarFormat.BLOCK + TarFormat.roundUp(mfLen);
        }
        long descArea = region - TarFormat.BLOCK - mfBlock - certBlock;
        byte[] desc = pad(descriptor.toBytes(), descArea);
        Digest descDigest = alg == null ? null : Digests.of(desc, alg);
        List<PackageResult.Member> members = new ArrayList<>();
        members.add(new PackageResult.Member(descriptorName, desc.length, regionAt + TarFormat.BLOCK, descDigest));
        Manifest manifest = null;
        if (alg != null) {
            manifest = manifestOf(descDigest, fileMembers);
            mf = manifest.write();
            if (TarFormat.BLOCK + TarFormat.roundUp(mf.length) != mfBlock) {
                throw new IllegalStateException("manifest length " + mf.length + " does not fit its computed block");
            }
            if (signer != null) {
                cert = ManifestSizes.signToFit(mf, manifestName(), signer, options.signatureDigest(), certArea, sink.describe());
                certBytes = ManifestSizes.fit(cert, certArea);
            }
        }
        long at = regionAt;
        ova.writeMemberAt(at, descriptorName, desc);
        at += TarFormat.BLOCK + descArea;
        if (mf != null) {
            long dataAt = ova.writeMemberAt(at, manifestName(), mf);
            members.add(new PackageResult.Member(manifestName(), mf.length, dataAt, null));
            at += mfBlock;
        }
        if (certBytes != null) {
            long dataAt = ova.writeMemberAt(at, certificateName(), certBytes);
            members.add(new PackageResult.Member(certificateName(), certBytes.length, dataAt, null));
        }
        members.addAll(fileMembers);
        sink.finish();
        return new PackageResult(sink.describe(), descriptorName, members, manifest, cert, warnings);
    }

    private PackageResult writeSequential(List<FilePlan> plans) throws IOException {
        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        presetSizes(plans, null);
        byte[] desc = descriptor.toBytes();
        List<PackageResult.Member> members = new ArrayList<>();
        members.add(writeWhole(descriptorName, desc, alg));
        List<PackageResult.Member> fileMembers = new ArrayList<>();
        for (FilePlan p : plans) {
            fileMembers.addAll(writeFile(p));
        }
        members.addAll(fileMembers);
        return writeTrailer(members, fileMembers, alg);
    }

    private PackageResult writeFolder(FolderSink folder, List<FilePlan> plans) throws IOException {
        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        presetSizes(plans, null);
        List<PackageResult.Member> fileMembers = new ArrayList<>();
        for (FilePlan p : plans) {
            fileMembers.addAll(writeFile(p));
        }
        List<PackageResult.Member> members = new ArrayList<>();
        members.add(writeWhole(descriptorName, descriptor.toBytes(), alg));
        members.addAll(fileMembers);
        List<String> stale = new ArrayList<>();
        if (alg == null) {
            stale.add(manifestName());
        }
        if (alg == null || options.signer().isEmpty()) {
            stale.add(certificateName());
        }
        PackageResult r = writeTrailer(members, fileMembers, alg);
        for (String s : stale) {
            if (Files.deleteIfExists(folder.folder().resolve(s))) {
                warnings.add("removed " + s + ", which described the package's previous content");
            }
        }
        return new PackageResult(r.target(), descriptorName, r.members(), r.manifest().orElse(null),
                r.certificate().orElse(null), warnings);
    }

    /** Manifest and certificate after the files, then the end of the archive and the final name. */
    private PackageResult writeTrailer(List<PackageResult.Member> members, List<PackageResult.Member> fileMembers,
            DigestAlgorithm alg) throws IOException {
        Manifest manifest = null;
        CertificateFile cert = null;
        List<PackageResult.Member> all = new ArrayList<>(members);
        if (alg != null) {
            manifest = manifestOf(members.get(0).digest(), fileMembers);
            byte[] mf = manifest.write();
            all.add(writeWhole(manifestName(), mf, null));
            if (options.signer().isPresent()) {
                cert = io.ovfkit.signing.Signatures.sign(mf, manifestName(), options.signer().get(),
                        options.signatureDigest());
                all.add(writeWhole(certificateName(), cert.write(), null));
            }
        }
        sink.finish();
        return new PackageResult(sink.describe(), descriptorName, all, manifest, cert, warnings);
    }

    private Manifest manifestOf(Digest descriptorDigest, List<PackageResult.Member> fileMembers) {
        List<Manifest.Entry> entries = new ArrayList<>();
        entries.add(new Manifest.Entry(descriptorName, descriptorDigest));
        for (PackageResult.Member m : fileMembers) {
            entries.add(new Manifest.Entry(m.name(), m.digest()));
        }
        return Manifest.of(entries);
    }

    private PackageResult.Member writeWhole(String name, byte[] data, DigestAlgorithm alg) throws IOException {
        MemberChannel m = sink.open(name, data.length, alg);
        m.write(ByteBuffer.wrap(data));
        m.close();
        return m.result();
    }

    /**
     * The descriptor padded with whitespace after its root element so that it ends in the last
     * block of its area: more than {@code area - 512} bytes, at most {@code area}.
     */
    private byte[] pad(byte[] desc, long area) {
        if (desc.length > area) {
            throw new PackageException(sink.describe(), descriptorName, -1, "the descriptor grew to " + desc.length
                    + " bytes, more than the " + area + " reserved for it", null);
        }
        if (desc.length > area - TarFormat.BLOCK) {
            return desc;
        }
        byte[] space = spaceIn(descriptor.charset(), desc);
        int target = (int) (area - (area - desc.length) % space.length);
        byte[] out = Arrays.copyOf(desc, target);
        for (int i = desc.length; i + space.length <= target; i += space.length) {
            System.arraycopy(space, 0, out, i, space.length);
        }
        if (space.length == 1 && target > desc.length) {
            out[target - 1] = '\n';
        }
        return out;
    }

    /** A space in the descriptor's encoding (for UTF-16 without byte order mark, in the order of its BOM). */
    private static byte[] spaceIn(Charset cs, byte[] doc) {
        String name = cs.name().toUpperCase(java.util.Locale.ROOT);
        if (name.equals("UTF-16") || name.equals("UTF-32")) {
            boolean le = doc.length >= 2 && (doc[0] & 0xff) == 0xff && (doc[1] & 0xff) == 0xfe;
            cs = Charset.forName(name + (le ? "LE" : "BE"));
        }
        byte[] b = " ".getBytes(cs);
        return b.length == 0 ? " ".getBytes(StandardCharsets.US_ASCII) : b;
    }

    // ---------------------------------------------------------------------------------------------
    // One File.

    private List<PackageResult.Member> writeFile(FilePlan p) throws IOException {
        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        StoredFileWriter out = new StoredFileWriter(sink, p.href(), p.chunkSize(), p.gzipLevel(), p.knownSize(), alg,
                chunkBuffer);
        long populated = -1;
        if (p.source() instanceof DiskSource d) {
            populated = convert(d, p.href(), out);
        } else if (p.source() instanceof CopySource c) {
            copy(c, out);
        } else {
            copy((ChannelCopySource) p.source(), p.href(), out);
        }
        out.close();
        setFinalSizes(p, out.storedSize(), populated);
        return out.members();
    }

    private long convert(DiskSource d, String href, WritableByteChannel out) throws IOException {
        DiskImage image = d.image();
        WriteOptions.Builder wo = WriteOptions.builder(d.encoding().format(), image.capacity())
                .compressionLevel(options.diskCompressionLevel());
        if (options.contentSeed().isPresent()) {
            wo.contentSeed(seedFor(options.contentSeed().get(), href));
        }
        String fileName = href.substring(href.lastIndexOf('/') + 1);
        long base = progressBase;
        ProgressListener progress = options.progress();
        DiskConverter converter = DiskConverter.builder().threads(options.threads())
                .progress((done, total) -> progress.progress(base + done, progressTotal)).build();
        try (DiskWriter w = d.encoding().open(out, fileName, wo)) {
            CountingDiskWriter counting = new CountingDiskWriter(w);
            converter.convert(image, counting);
            progressBase += image.capacity();
            return counting.dataBytes();
        }
    }

    /** A seed for one disk: the package's seed and the disk's name, so that two disks never share identifiers. */
    static long seedFor(long seed, String href) {
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        md.update(ByteBuffer.allocate(8).putLong(seed).array());
        md.update(href.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    private void copy(ChannelCopySource c, String href, WritableByteChannel out) throws IOException {
        ByteBuffer buf = DirectBuffers.allocate(COPY_BUFFER);
        ProgressListener progress = options.progress();
        long copied = 0;
        try (ReadableByteChannel in = c.opener().open()) {
            while (in.read(buf) >= 0) {
                buf.flip();
                copied += buf.remaining();
                if (c.size() >= 0 && copied > c.size()) {
                    break;
                }
                progressBase += buf.remaining();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
                progress.progress(progressBase, progressTotal);
            }
        }
        if (c.size() >= 0 && copied != c.size()) {
            throw new PackageException(sink.describe(), href, -1, "the source gave " + (copied > c.size() ? "more"
                    : copied) + " bytes, " + c.size() + " expected", null);
        }
    }

    private void copy(CopySource c, WritableByteChannel out) throws IOException {
        ByteBuffer buf = DirectBuffers.allocate(COPY_BUFFER);
        ProgressListener progress = options.progress();
        long copied = 0;
        for (Path part : c.parts()) {
            try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                while (in.read(buf) >= 0) {
                    buf.flip();
                    copied += buf.remaining();
                    if (copied > c.size()) {
                        break;
                    }
                    progressBase += buf.remaining();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                    progress.progress(progressBase, progressTotal);
                }
            }
        }
        if (copied != c.size()) {
            throw new PackageException(sink.describe(), String.valueOf(c.parts().get(0)), -1, "the file changed while it"
                    + " was being packaged: " + c.size() + " bytes expected, " + (copied > c.size() ? "more" : copied)
                    + " read", null);
        }
    }
}
