package io.ovfkit.ova.write;

import io.ovfkit.disk.AtomicOutput;
import io.ovfkit.disk.DirectBuffers;
import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.References;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Digests;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.ManifestSigner;
import io.ovfkit.signing.Signatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Gives an existing package a new manifest (and, with a key, a new signature) without converting
 * anything: {@code ovfkit manifest} and {@code ovfkit sign}.
 *
 * <ul>
 *   <li><b>An OVA</b> is indexed once (commons-compress {@link TarFile}: ustar, GNU, PAX, base-256
 *   sizes) and rewritten through a temporary name with a streaming copy of its members, read in
 *   place at their offsets, in the order ovfkit writes: descriptor (byte for byte), manifest,
 *   certificate, then the files in {@code References} order (chunks in order), then any member the
 *   descriptor does not name (kept, listed in the manifest, with a warning). The manifest and
 *   certificate places are reserved after the descriptor and filled once the copy has hashed
 *   everything, so the certificate lands right after the manifest whatever the input order was
 *   (VirtualBox writes the manifest last, {@code signova} appends the certificate).</li>
 *   <li><b>An OVF folder</b> ({@code NAME.ovf} with its files) gets {@code NAME.mf} (and
 *   {@code NAME.cert}) written beside it, the files hashed in parallel; or, with an output path, is
 *   written as an OVA the same way.</li>
 * </ul>
 *
 * A certificate the new manifest would invalidate is never kept: without a signer it is removed,
 * with a warning. Member headers follow ovfkit's tar dialect ({@link PackageWriter}); the member
 * modification times become {@link PackageOptions#modificationTime()}.
 *
 * <p>Stateless; safe to call from any thread for distinct packages (a package rewritten by two calls at
 * once ends as the last rename leaves it).
 */
public final class PackageRewriter {
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern CHUNK = Pattern.compile("(.*)\\.(\\d{9})");
    private static final int COPY_BUFFER = 1 << 20;

    private PackageRewriter() {
    }

    /**
     * One member of the input: its bytes are {@code size} bytes of {@code file} at {@code offset},
     * or {@code data} when that is not null (an edited descriptor).
     */
    private record Input(String name, Path file, long offset, long size, byte[] data) {
        Input(String name, Path file, long offset, long size) {
            this(name, file, offset, size, null);
        }

        static Input of(String name, byte[] data) {
            return new Input(name, null, 0, data.length, data);
        }
    }

    /**
     * What an edit changes in a package: the new descriptor, files to add (member name → file)
     * and members to leave out (names as in {@code References}; their chunks go with them).
     */
    record Edit(byte[] descriptor, Map<String, Path> added, Set<String> removed) {
        boolean drops(String member) {
            if (removed.contains(member)) {
                return true;
            }
            Matcher m = CHUNK.matcher(member);
            return m.matches() && removed.contains(m.group(1));
        }
    }

    /**
     * Rewrites the manifest (and signature) of the package at {@code pkg}.
     *
     * @param pkg an {@code .ova} file, or the {@code .ovf} descriptor of a folder package (or its folder)
     * @param out the package to write; {@code null} or {@code pkg} itself to rewrite in place. For a
     *     folder package another path is an OVA written from the folder.
     * @param options the manifest digest (or no manifest), the signer, the modification time
     * @return what was written; {@link PackageResult#warnings()} says what was removed
     * @throws PackageException when the package has no descriptor, lacks a file its descriptor names,
     *     or has a member ovfkit cannot write back (a link, a name longer than 100 bytes)
     * @throws IOException when a file cannot be read or written; the input is then left as it was
     */
    public static PackageResult rewrite(Path pkg, Path out, PackageOptions options) throws IOException {
        return rewrite(pkg, out, options, null);
    }

    /** As {@link #rewrite(Path, Path, PackageOptions)}, with the changes of an edit applied on the way. */
    static PackageResult rewrite(Path pkg, Path out, PackageOptions options, Edit edit) throws IOException {
        Path descriptorFile = null;
        if (Files.isDirectory(pkg)) {
            descriptorFile = onlyDescriptorIn(pkg);
        } else if (pkg.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
            descriptorFile = pkg;
        }
        if (descriptorFile != null) {
            boolean inPlace = out == null || out.toAbsolutePath().normalize().equals(pkg.toAbsolutePath().normalize());
            return inPlace ? rewriteFolder(descriptorFile, options, edit) : folderToOva(descriptorFile, out, options, edit);
        }
        return rewriteOva(pkg, out == null ? pkg : out, options, edit);
    }

    private static Path onlyDescriptorIn(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ovf") && Files.isRegularFile(p))
                    .sorted().forEach(found::add);
        }
        if (found.size() != 1) {
            throw new PackageException(folder.toString(), found.isEmpty() ? "the folder holds no .ovf descriptor"
                    : "the folder holds " + found.size() + " .ovf descriptors; name the one to use");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------------
    // OVA → OVA

    private static PackageResult rewriteOva(Path pkg, Path out, PackageOptions options, Edit edit) throws IOException {
        List<String> warnings = new ArrayList<>();
        String src = pkg.toString();
        List<Input> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (TarFile tar = new TarFile(pkg)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                String name = e.getName();
                while (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (e.isDirectory()) {
                    warnings.add("left out the folder entry " + e.getName() + " (an OVA holds files only)");
                    continue;
                }
                if (!e.isFile() || e.isLink() || e.isSymbolicLink()) {
                    throw new PackageException(src, e.getName(), -1, "a link or special file cannot be part of an OVA", null);
                }
                if (e.isSparse()) {
                    throw new PackageException(src, e.getName(), -1, "a sparse tar entry cannot be copied as it is"
                            + " (VirtualBox and vSphere refuse them)", null);
                }
                String why = TarFormat.problem(name);
                if (why != null) {
                    throw new PackageException(src, e.getName(), -1, why, null);
                }
                if (!seen.add(name)) {
                    throw new PackageException(src, name, -1, "the archive holds this member twice", null);
                }
                inputs.add(new Input(name, pkg, e.getDataOffset(), e.getSize()));
            }
        }
        Input desc = null;
        for (Input i : inputs) {
            if (i.name().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
                if (desc == null) {
                    desc = i;
                } else {
                    warnings.add("the archive holds another descriptor, " + i.name() + "; " + desc.name() + " is used");
                }
            }
        }
        if (desc == null) {
            throw new PackageException(src, "the archive holds no descriptor (.ovf member)");
        }
        if (edit != null) {
            Input edited = Input.of(desc.name(), edit.descriptor());
            List<Input> kept = new ArrayList<>();
            for (Input i : inputs) {
                if (i == desc) {
                    kept.add(edited);
                } else if (!edit.drops(i.name()) && !edit.added().containsKey(i.name())) {
                    kept.add(i);
                }
            }
            for (Map.Entry<String, Path> a : edit.added().entrySet()) {
                kept.add(new Input(a.getKey(), a.getValue(), 0, Files.size(a.getValue())));
            }
            inputs = kept;
            desc = edited;
        }
        return writeOva(src, inputs, desc, out, options, warnings);
    }

    private static PackageResult folderToOva(Path descriptorFile, Path out, PackageOptions options, Edit edit)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        String name = descriptorFile.getFileName().toString();
        Path folder = descriptorFile.toAbsolutePath().getParent();
        List<Input> inputs = new ArrayList<>();
        Input desc = edit != null ? Input.of(name, edit.descriptor())
                : new Input(name, descriptorFile, 0, Files.size(descriptorFile));
        inputs.add(desc);
        OvfDescriptor d = readDescriptor(desc, descriptorFile.toString());
        Map<String, Path> added = edit == null ? Map.of() : edit.added();
        for (Map.Entry<String, Path> f : referencedFiles(d, folder, descriptorFile.toString(), added).entrySet()) {
            inputs.add(new Input(f.getKey(), f.getValue(), 0, Files.size(f.getValue())));
        }
        return writeOva(descriptorFile.toString(), inputs, desc, out, options, warnings);
    }

    private static PackageResult writeOva(String src, List<Input> inputs, Input desc, Path out, PackageOptions options,
            List<String> warnings) throws IOException {
        String base = desc.name().substring(0, desc.name().length() - 4);
        String mfName = base + ".mf";
        String certName = base + ".cert";
        OvfDescriptor d = readDescriptor(desc, src);
        Map<String, Input> byName = new LinkedHashMap<>();
        for (Input i : inputs) {
            byName.put(i.name(), i);
        }
        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        ManifestSigner signer = options.signer().orElse(null);
        if (byName.containsKey(certName) && signer == null) {
            warnings.add("removed the certificate " + certName + ": it signed the previous manifest, and no key was"
                    + " given to sign the new one");
        }
        if (byName.containsKey(mfName) && alg == null) {
            warnings.add("removed the manifest " + mfName);
        }

        List<Input> ordered = new ArrayList<>();
        Set<String> used = new HashSet<>(List.of(desc.name(), mfName, certName));
        for (FileReference f : d.envelope().references().map(References::files).orElse(List.of())) {
            String href = f.getHref();
            if (href == null || URL_SCHEME.matcher(href).matches() || used.contains(href)) {
                continue;
            }
            if (byName.containsKey(href)) {
                ordered.add(byName.get(href));
                used.add(href);
                continue;
            }
            TreeMap<Integer, Input> chunks = new TreeMap<>();
            for (Input i : inputs) {
                Matcher m = CHUNK.matcher(i.name());
                if (m.matches() && m.group(1).equals(href)) {
                    chunks.put(Integer.parseInt(m.group(2)), i);
                }
            }
            if (chunks.isEmpty()) {
                throw new PackageException(src, href, -1, "File " + f.getId() + " of the descriptor is not in the package", null);
            }
            for (Input i : chunks.values()) {
                ordered.add(i);
                used.add(i.name());
            }
        }
        for (Input i : inputs) {
            if (!used.contains(i.name())) {
                warnings.add(i.name() + " is not named by the descriptor; it is kept and listed in the manifest");
                ordered.add(i);
                used.add(i.name());
            }
        }

        OvaFileSink sink = OvaFileSink.create(out, options.modificationTime(), options.sync());
        try {
            List<PackageResult.Member> members = new ArrayList<>();
            PackageResult.Member descMember = copy(sink, desc, alg);
            long mfLen = 0;
            long certArea = 0;
            long regionAt = -1;
            if (alg != null) {
                mfLen = ManifestSizes.lineLength(alg, desc.name());
                for (Input i : ordered) {
                    mfLen += ManifestSizes.lineLength(alg, i.name());
                }
                if (signer != null) {
                    certArea = TarFormat.roundUp(ManifestSizes.maxCertificateLength(signer, options.signatureDigest(), mfName));
                }
                regionAt = sink.reserve(TarFormat.BLOCK + TarFormat.roundUp(mfLen)
                        + (signer != null ? TarFormat.BLOCK + certArea : 0));
            }
            List<PackageResult.Member> files = new ArrayList<>();
            for (Input i : ordered) {
                files.add(copy(sink, i, alg));
            }
            members.add(descMember);
            Manifest manifest = null;
            CertificateFile cert = null;
            if (alg != null) {
                List<Manifest.Entry> entries = new ArrayList<>();
                entries.add(new Manifest.Entry(descMember.name(), descMember.digest()));
                for (PackageResult.Member m : files) {
                    entries.add(new Manifest.Entry(m.name(), m.digest()));
                }
                manifest = Manifest.of(entries);
                byte[] mf = manifest.write();
                if (mf.length != mfLen) {
                    throw new IllegalStateException("manifest of " + mf.length + " bytes, " + mfLen + " computed");
                }
                long dataAt = sink.writeMemberAt(regionAt, mfName, mf);
                members.add(new PackageResult.Member(mfName, mf.length, dataAt, null));
                if (signer != null) {
                    cert = ManifestSizes.signToFit(mf, mfName, signer, options.signatureDigest(), certArea, out.toString());
                    byte[] certBytes = ManifestSizes.fit(cert, certArea);
                    long certAt = sink.writeMemberAt(regionAt + TarFormat.BLOCK + TarFormat.roundUp(mfLen), certName, certBytes);
                    members.add(new PackageResult.Member(certName, certBytes.length, certAt, null));
                }
            }
            members.addAll(files);
            sink.finish();
            return new PackageResult(out.toString(), desc.name(), members, manifest, cert, warnings);
        } catch (IOException | RuntimeException | Error e) {
            sink.abort();
            throw e;
        }
    }

    private static OvfDescriptor readDescriptor(Input desc, String src) throws IOException {
        if (desc.data() != null) {
            return Ovf.read(desc.data(), desc.name());
        }
        if (desc.size() > Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES) {
            throw new PackageException(src, desc.name(), -1, "the descriptor is " + desc.size() + " bytes; larger than"
                    + " the " + Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES + " accepted", null);
        }
        ByteBuffer b = ByteBuffer.allocate((int) desc.size());
        try (FileChannel ch = FileChannel.open(desc.file(), StandardOpenOption.READ)) {
            long pos = desc.offset();
            while (b.hasRemaining()) {
                int n = ch.read(b, pos);
                if (n < 0) {
                    throw new PackageException(src, desc.name(), pos, "the archive ends inside the descriptor", null);
                }
                pos += n;
            }
        }
        return Ovf.read(b.array(), desc.name());
    }

    private static PackageResult.Member copy(OvaFileSink sink, Input in, DigestAlgorithm alg) throws IOException {
        MemberChannel m = sink.open(in.name(), in.size(), alg);
        if (in.data() != null) {
            ByteBuffer b = ByteBuffer.wrap(in.data());
            while (b.hasRemaining()) {
                m.write(b);
            }
            m.close();
            return m.result();
        }
        ByteBuffer buf = DirectBuffers.allocate(COPY_BUFFER);
        try (FileChannel ch = FileChannel.open(in.file(), StandardOpenOption.READ)) {
            long pos = in.offset();
            long end = in.offset() + in.size();
            while (pos < end) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new PackageException(in.file().toString(), in.name(), pos, "the file ends "
                            + (end - pos) + " bytes early (truncated)", null);
                }
                pos += n;
                buf.flip();
                m.write(buf);
            }
        }
        m.close();
        return m.result();
    }

    // ---------------------------------------------------------------------------------------------
    // OVF folder in place

    /** Every file the descriptor names, resolved in {@code folder}: href, or its chunks in order. */
    private static Map<String, Path> referencedFiles(OvfDescriptor d, Path folder, String src, Map<String, Path> added) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (FileReference f : d.envelope().references().map(References::files).orElse(List.of())) {
            String href = f.getHref();
            if (href == null || URL_SCHEME.matcher(href).matches() || out.containsKey(href)) {
                continue;
            }
            String why = TarFormat.problem(href);
            if (why != null) {
                throw new PackageException(src, href, -1, why, null);
            }
            if (added.containsKey(href)) {
                out.put(href, added.get(href));
                continue;
            }
            Path p = folder.resolve(href);
            if (Files.isRegularFile(p)) {
                out.put(href, p);
                continue;
            }
            int n = 0;
            for (int i = 0; ; i++) {
                String c = StoredFileWriter.chunkName(href, i);
                Path cp = folder.resolve(c);
                if (!Files.isRegularFile(cp)) {
                    break;
                }
                out.put(c, cp);
                n++;
            }
            if (n == 0) {
                throw new PackageException(src, href, -1, "File " + f.getId() + " of the descriptor is not in the folder", null);
            }
        }
        return out;
    }

    private static PackageResult rewriteFolder(Path descriptorFile, PackageOptions options, Edit edit)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        String name = descriptorFile.getFileName().toString();
        String base = name.substring(0, name.length() - 4);
        Path folder = descriptorFile.toAbsolutePath().getParent();
        Path mfPath = folder.resolve(base + ".mf");
        Path certPath = folder.resolve(base + ".cert");
        List<Path> toDelete = new ArrayList<>();
        if (edit != null) {
            // Files first, then the descriptor that names them: a failure leaves a descriptor that
            // still matches its folder (at worst with an extra, unnamed file).
            OvfDescriptor old = readDescriptor(new Input(name, descriptorFile, 0, Files.size(descriptorFile)),
                    descriptorFile.toString());
            Map<String, Path> oldFiles = referencedFiles(old, folder, descriptorFile.toString(), Map.of());
            for (Map.Entry<String, Path> a : edit.added().entrySet()) {
                copyAtomically(a.getValue(), folder.resolve(a.getKey()));
            }
            writeAtomically(descriptorFile, edit.descriptor());
            for (Map.Entry<String, Path> f : oldFiles.entrySet()) {
                if (edit.drops(f.getKey())) {
                    toDelete.add(f.getValue());
                }
            }
        }
        OvfDescriptor d = readDescriptor(new Input(name, descriptorFile, 0, Files.size(descriptorFile)),
                descriptorFile.toString());
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(name, descriptorFile);
        files.putAll(referencedFiles(d, folder, descriptorFile.toString(), Map.of()));

        DigestAlgorithm alg = options.manifestDigest().orElse(null);
        ManifestSigner signer = options.signer().orElse(null);
        List<PackageResult.Member> members = new ArrayList<>();
        Manifest manifest = null;
        CertificateFile cert = null;
        if (alg != null) {
            Map<Path, Digest> digests = Digests.ofAll(List.copyOf(files.values()), alg);
            List<Manifest.Entry> entries = new ArrayList<>();
            Map<String, Digest> byName = new HashMap<>();
            for (Map.Entry<String, Path> f : files.entrySet()) {
                Digest dg = digests.get(f.getValue());
                entries.add(new Manifest.Entry(f.getKey(), dg));
                byName.put(f.getKey(), dg);
            }
            manifest = Manifest.of(entries);
            byte[] mf = manifest.write();
            byte[] certBytes = null;
            if (signer != null) {
                cert = Signatures.sign(mf, mfPath.getFileName().toString(), signer, options.signatureDigest());
                certBytes = cert.write();
            }
            for (Map.Entry<String, Path> f : files.entrySet()) {
                members.add(new PackageResult.Member(f.getKey(), Files.size(f.getValue()), -1, byName.get(f.getKey())));
            }
            writeAtomically(mfPath, mf);
            members.add(1, new PackageResult.Member(mfPath.getFileName().toString(), mf.length, -1, null));
            if (certBytes != null) {
                writeAtomically(certPath, certBytes);
                members.add(2, new PackageResult.Member(certPath.getFileName().toString(), certBytes.length, -1, null));
            }
        } else if (Files.deleteIfExists(mfPath)) {
            warnings.add("removed the manifest " + mfPath.getFileName());
        }
        if (signer == null && Files.deleteIfExists(certPath)) {
            warnings.add("removed the certificate " + certPath.getFileName() + ": it signed the previous manifest, and"
                    + " no key was given to sign the new one");
        }
        for (Path p : toDelete) {
            if (!files.containsValue(p)) {
                Files.deleteIfExists(p);
            }
        }
        return new PackageResult(folder.toString(), name, members, manifest, cert, warnings);
    }

    private static void copyAtomically(Path from, Path target) throws IOException {
        try (AtomicOutput o = AtomicOutput.create(target); FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = in.size();
            long pos = 0;
            while (pos < size) {
                pos += in.transferTo(pos, size - pos, o.channel());
            }
            o.commit();
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        try (AtomicOutput o = AtomicOutput.create(target)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                o.channel().write(b);
            }
            o.commit();
        }
    }
}
