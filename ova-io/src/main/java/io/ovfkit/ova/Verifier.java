package io.ovfkit.ova;

import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.ova.VerifyReport.DiskResult;
import io.ovfkit.ova.VerifyReport.DiskStatus;
import io.ovfkit.ova.VerifyReport.FileResult;
import io.ovfkit.ova.VerifyReport.FileStatus;
import io.ovfkit.ova.VerifyReport.SignatureResult;
import io.ovfkit.ovf.info.DescriptorInfo;
import io.ovfkit.ovf.model.DiskSection;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.VirtualDisk;
import io.ovfkit.ovf.value.Capacity;
import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.Manifest;
import io.ovfkit.signing.ParseWarning;
import io.ovfkit.signing.SignatureVerification;
import io.ovfkit.signing.Signatures;
import io.ovfkit.signing.SigningException;
import io.ovfkit.signing.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The checks of {@link OvfPackage#verify}, in one pass over each member. */
final class Verifier {
    private final OvfPackage pkg;
    private final Source source;
    private final VerifyOptions options;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, FileResult> results = new LinkedHashMap<>();
    private final Map<String, Scan> scans = new HashMap<>();
    private Manifest manifest;
    private boolean manifestBroken;
    /** The package has a certificate: every member must then be covered by the manifest it signs. */
    private boolean signed;

    Verifier(OvfPackage pkg, VerifyOptions options) {
        this.pkg = pkg;
        this.source = pkg.source();
        this.options = options;
    }

    VerifyReport run() throws IOException {
        String name = source.name;
        Member descriptor = pkg.descriptorMember();

        // Manifest and certificate first: a stream reads up to them, so the manifest's algorithms are known.
        Optional<Member> mfMember = pkg.manifestMember();
        if (mfMember.isPresent()) {
            try {
                manifest = pkg.manifest().orElse(null);
                for (ParseWarning w : manifest.warnings()) {
                    warnings.add(w.toString());
                }
            } catch (SigningException e) {
                manifestBroken = true;
                failures.add(e.getMessage());
            }
        } else {
            warnings.add(name + ": no manifest (" + base(descriptor) + ".mf): the files' digests cannot be checked");
        }
        CertificateFile cert = null;
        boolean certBroken = false;
        Optional<Member> certMember = pkg.certificateMember();
        if (certMember.isPresent()) {
            try {
                cert = pkg.certificate().orElse(null);
                for (ParseWarning w : cert.warnings()) {
                    warnings.add(w.toString());
                }
            } catch (SigningException e) {
                certBroken = true;
                failures.add(e.getMessage());
            }
        }
        warnings.addAll(0, pkg.warnings());
        signed = certMember.isPresent();
        if (manifest != null && options.minDigest().isPresent()) {
            DigestAlgorithm min = options.minDigest().get();
            for (DigestAlgorithm a : manifest.algorithms()) {
                if (a.compareTo(min) < 0) {
                    failures.add(source.display(mfMember.get().name()) + ": uses " + a.manifestName()
                            + ", weaker than the minimum digest " + min.manifestName());
                }
            }
        }

        // Which stored members are expected, and which algorithm each needs.
        Map<String, FileReference> ownerOf = new LinkedHashMap<>();
        Map<FileReference, List<String>> stored = new LinkedHashMap<>();
        Set<String> special = new LinkedHashSet<>();
        special.add(descriptor.name());
        mfMember.ifPresent(m -> special.add(m.name()));
        certMember.ifPresent(m -> special.add(m.name()));

        if (!source.randomAccess()) {
            source.drain(manifest == null ? EnumSet.noneOf(DigestAlgorithm.class) : manifest.algorithms());
        }

        List<String> order = new ArrayList<>();
        order.add(descriptor.name());
        for (FileReference f : pkg.files()) {
            String href = f.getHref();
            List<String> names;
            try {
                names = pkg.storedNames(f);
            } catch (PackageException e) {
                failures.add(e.getMessage());
                results.put(String.valueOf(href), new FileResult(String.valueOf(href), FileStatus.MISSING, e.getMessage()));
                continue;
            }
            stored.put(f, names);
            if (names.isEmpty()) {
                String expected = f.getChunkSize() != null && f.getChunkSize() > 0
                        ? MemberNames.chunk(pkg.memberNameOf(href), 0) : pkg.memberNameOf(href);
                String msg = source.display(expected) + ": missing: File " + f.getId() + " of References names it"
                        + " but the package does not hold it";
                failures.add(msg);
                results.put(expected, new FileResult(expected, FileStatus.MISSING, msg));
                continue;
            }
            for (String n : names) {
                ownerOf.put(n, f);
                order.add(n);
            }
        }
        List<String> extraListed = new ArrayList<>();
        if (manifest != null) {
            for (Manifest.Entry e : manifest.entries()) {
                String n = e.name();
                if (order.contains(n) || special.contains(n)) {
                    if (special.contains(n) && !n.equals(descriptor.name())) {
                        warnings.add(source.display(mfMember.get().name()) + ": lists " + n
                                + ", which a manifest should not cover");
                    }
                    continue;
                }
                if (MemberNames.problem(n) != null) {
                    String msg = source.display(mfMember.get().name()) + ": names \"" + n + "\", which is not a "
                            + "safe file name";
                    failures.add(msg);
                    results.put(n, new FileResult(n, FileStatus.MISSING, msg));
                    continue;
                }
                if (source.find(n).isPresent()) {
                    extraListed.add(n);
                    order.add(n);
                } else {
                    String msg = source.display(n) + ": missing: the manifest lists it but the package does not "
                            + "hold it";
                    failures.add(msg);
                    results.put(n, new FileResult(n, FileStatus.MISSING, msg));
                }
            }
        }

        hashAll(order);

        // Digests and sizes.
        boolean covered = manifest != null && manifest.entry(descriptor.name()).isPresent();
        for (String n : order) {
            FileResult r = digestResult(n);
            results.put(n, r);
        }
        if (!covered) {
            if (manifest != null) {
                String msg = source.display(descriptor.name()) + ": the descriptor is not covered by the manifest "
                        + "(no line for it): changes to it would go unnoticed";
                if (signed) {
                    failures.add(msg + ", and the package is signed, so the signature does not cover it");
                } else {
                    warnings.add(msg);
                }
            }
        }
        for (Map.Entry<FileReference, List<String>> e : stored.entrySet()) {
            checkSizes(e.getKey(), e.getValue());
        }
        if (source.form() == PackageForm.OVA) {
            for (Member m : source.members()) {
                if (!ownerOf.containsKey(m.name()) && !special.contains(m.name()) && !extraListed.contains(m.name())) {
                    String msg = source.display(m.name()) + ": neither referenced by the descriptor nor listed in "
                            + "the manifest";
                    if (signed) {
                        failures.add(msg + ", and the package is signed, so the signature does not cover it");
                    } else {
                        warnings.add(msg);
                    }
                }
            }
        }

        // Disks.
        List<DiskResult> disks = new ArrayList<>();
        if (options.checkDisks()) {
            for (DiskSection ds : pkg.descriptor().envelope().sectionsOf(DiskSection.class)) {
                for (VirtualDisk d : ds.getDisks()) {
                    DiskResult r = checkDisk(d, stored);
                    if (r != null) {
                        disks.add(r);
                    }
                }
            }
        }

        // Signature.
        SignatureResult sig = SignatureResult.absent();
        if (cert != null) {
            sig = checkSignature(cert, mfMember, certMember.get());
        } else if (certBroken) {
            sig = new SignatureResult(true, false, null, null, null, null, null, List.of("the certificate file cannot "
                    + "be parsed"));
        }
        if (options.requireSignature() && !sig.present()) {
            failures.add(name + ": not signed (no " + base(descriptor) + ".cert), and a signature is required");
        }

        boolean ok = failures.isEmpty() && (!options.strict() || warnings.isEmpty());
        return new VerifyReport(ok, covered, List.copyOf(results.values()), disks, sig, warnings, failures);
    }

    private static String base(Member descriptor) {
        String d = descriptor.name();
        return d.substring(0, d.length() - 4);
    }

    private Set<DigestAlgorithm> algorithmsFor(String member) {
        if (manifest == null) {
            return EnumSet.noneOf(DigestAlgorithm.class);
        }
        return manifest.entry(member).map(e -> (Set<DigestAlgorithm>) EnumSet.of(e.algorithm()))
                .orElse(EnumSet.noneOf(DigestAlgorithm.class));
    }

    /** Digests every member that needs one; members of a random-access package in parallel. */
    private void hashAll(List<String> order) throws IOException {
        List<Member> jobs = new ArrayList<>();
        for (String n : order) {
            Optional<Member> m = source.find(n);
            if (m.isPresent() && (!algorithmsFor(n).isEmpty() || !source.randomAccess())) {
                jobs.add(m.get());
            }
        }
        if (!source.randomAccess() || jobs.size() <= 1 || options.threads() == 1) {
            for (Member m : jobs) {
                scans.put(m.name(), source.scan(m, algorithmsFor(m.name())));
            }
            return;
        }
        // Largest first, so that one big disk does not start last.
        jobs.sort((a, b) -> Long.compare(b.size(), a.size()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), jobs.size()), r -> {
            Thread t = new Thread(r, "ovfkit-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Scan>> futures = new LinkedHashMap<>();
            for (Member m : jobs) {
                futures.put(m.name(), pool.submit(() -> source.scan(m, algorithmsFor(m.name()))));
            }
            for (Map.Entry<String, Future<Scan>> e : futures.entrySet()) {
                try {
                    scans.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException x) {
                    Throwable c = x.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error er) {
                        throw er;
                    }
                    throw new IOException(c);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while verifying " + source.name);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private FileResult digestResult(String n) throws IOException {
        Optional<Member> m = source.find(n);
        if (m.isEmpty()) {
            return results.get(n);
        }
        if (manifest == null) {
            return new FileResult(n, FileStatus.OK, null);
        }
        Optional<Manifest.Entry> e = manifest.entry(n);
        if (e.isEmpty()) {
            String msg = source.display(n) + ": not listed in the manifest, so its digest is not checked";
            if (!n.equals(pkg.descriptorMember().name())) {
                if (signed) {
                    msg += ", and the package is signed, so the signature does not cover it";
                    failures.add(msg);
                } else {
                    warnings.add(msg);
                }
            }
            return new FileResult(n, FileStatus.NOT_IN_MANIFEST, msg);
        }
        Digest expected = e.get().digest();
        Digest actual = scans.get(n).digests().get(expected.algorithm());
        if (!expected.matches(actual)) {
            String msg = source.display(n) + ": digest mismatch: the manifest says " + expected.algorithm().manifestName()
                    + " " + expected.hex() + ", the file's is " + actual.hex();
            failures.add(msg);
            return new FileResult(n, FileStatus.MISMATCH, msg);
        }
        return new FileResult(n, FileStatus.OK, null);
    }

    private void checkSizes(FileReference f, List<String> names) throws IOException {
        if (names.isEmpty()) {
            return;
        }
        long total = 0;
        Long chunk = f.getChunkSize() != null && f.getChunkSize() > 0 ? f.getChunkSize() : null;
        for (int i = 0; i < names.size(); i++) {
            Member m = source.find(names.get(i)).orElseThrow();
            total += m.size();
            if (chunk != null && (i < names.size() - 1 ? m.size() != chunk : m.size() > chunk || m.size() == 0)) {
                String msg = source.display(m.name()) + ": size mismatch: a chunk of " + m.size()
                        + " bytes; ovf:chunkSize is " + chunk + (i < names.size() - 1 ? " and only the last chunk may "
                        + "be shorter" : "");
                sizeMismatch(m.name(), msg);
                failures.add(msg);
            }
        }
        if (f.getSize() != null && f.getSize() != total) {
            String shown = names.size() == 1 ? source.display(names.get(0)) : source.display(f.getHref()) + " ("
                    + names.size() + " chunks)";
            String msg = shown + ": size mismatch: ovf:size says " + f.getSize() + " bytes, the package holds " + total;
            for (String n : names) {
                sizeMismatch(n, msg);
            }
            failures.add(msg);
        }
    }

    private void sizeMismatch(String member, String msg) {
        FileResult r = results.get(member);
        if (r == null || r.status() == FileStatus.OK || r.status() == FileStatus.NOT_IN_MANIFEST) {
            results.put(member, new FileResult(member, FileStatus.SIZE_MISMATCH, msg));
        }
    }

    // ------------------------------------------------------------------------------------------ disks

    private DiskResult checkDisk(VirtualDisk d, Map<FileReference, List<String>> stored) throws IOException {
        if (d.getFileRef() == null || d.getFileRef().isBlank()) {
            return null; // created empty at deployment
        }
        FileReference f = null;
        for (FileReference x : pkg.files()) {
            if (d.getFileRef().equals(x.getId())) {
                f = x;
            }
        }
        String id = d.getDiskId();
        String declaredFormat = DescriptorInfo.formatName(d.getFormat());
        Long declaredCapacity = null;
        String capacityNote = null;
        try {
            OptionalLong b = Capacity.parse(d.getCapacity(), d.getCapacityAllocationUnits()).bytes();
            if (b.isPresent()) {
                declaredCapacity = b.getAsLong();
            } else {
                capacityNote = "the capacity \"" + d.getCapacity() + "\" is not a fixed number of bytes";
            }
        } catch (RuntimeException e) {
            capacityNote = "the capacity cannot be read: " + e.getMessage();
        }
        if (f == null) {
            return new DiskResult(id, null, declaredFormat, null, declaredCapacity, null, DiskStatus.UNCHECKED,
                    "ovf:fileRef \"" + d.getFileRef() + "\" names no File");
        }
        String href = f.getHref();
        List<String> names = stored.get(f);
        if (names == null || names.isEmpty()) {
            return new DiskResult(id, href, declaredFormat, null, declaredCapacity, null, DiskStatus.UNCHECKED,
                    "the file is missing");
        }
        if ("iso".equals(declaredFormat)) {
            return new DiskResult(id, href, declaredFormat, null, declaredCapacity, null, DiskStatus.UNCHECKED,
                    "an ISO image, not a disk");
        }
        String compression = f.getCompression() == null ? "" : f.getCompression().trim().toLowerCase(Locale.ROOT);
        boolean plain = (compression.isEmpty() || compression.equals("identity")) && names.size() == 1
                && (f.getChunkSize() == null || f.getChunkSize() <= 0);
        String format;
        Long capacity;
        String how;
        if (plain && source.randomAccess()) {
            Member m = source.find(names.get(0)).orElseThrow();
            try {
                Optional<DiskImage> img = source.openDisk(m, source.display(m.name()));
                if (img.isEmpty()) {
                    DiskHeads.Probe p = DiskHeads.probe(head(f, names), href);
                    format = p.format();
                    capacity = p.capacity();
                    how = "from the file's first bytes";
                } else {
                    try (DiskImage i = img.get()) {
                        format = i.format() == DiskFormat.VMDK ? "vmdk-" + i.subformat() : i.format().id();
                        capacity = i.format() == DiskFormat.RAW ? null : i.capacity();
                        how = "opened in place";
                    }
                }
            } catch (DiskFormatException e) {
                String msg = source.display(m.name()) + ": disk " + id + " is corrupt: " + e.getMessage();
                failures.add(msg);
                return new DiskResult(id, href, declaredFormat, null, declaredCapacity, null, DiskStatus.MISMATCH, msg);
            }
        } else {
            byte[] head = head(f, names);
            if (head == null) {
                String msg = source.display(names.get(0)) + ": ovf:compression=\"gzip\" but the file is not gzip data";
                failures.add(msg);
                return new DiskResult(id, href, declaredFormat, null, declaredCapacity, null, DiskStatus.MISMATCH, msg);
            }
            DiskHeads.Probe p = DiskHeads.probe(head, href);
            format = p.format();
            capacity = p.capacity();
            how = "from the header" + (compression.equals("gzip") ? " of the gzip stream (gzip cannot seek)" : "");
        }
        List<String> problems = new ArrayList<>();
        String family = family(declaredFormat);
        String actualFamily = family(format);
        DiskStatus status = DiskStatus.OK;
        if (family == null) {
            status = DiskStatus.UNCHECKED;
            how = "ovf:format \"" + d.getFormat() + "\" is not a format ovfkit knows; " + how;
        } else if (!family.equals(actualFamily)) {
            problems.add("the Disk element says " + declaredFormat + " but the file is "
                    + (format.equals("raw") ? "not a " + family.toUpperCase(Locale.ROOT) + " image (no header ovfkit "
                    + "recognises)" : format));
        } else if (family.equals("vmdk") && !sameVmdkVariant(declaredFormat, format)) {
            warnings.add(source.display(names.get(0)) + ": disk " + id + ": the Disk element says " + declaredFormat
                    + " but the file is " + format);
        }
        if (declaredCapacity != null && capacity != null && !declaredCapacity.equals(capacity)) {
            problems.add("the Disk element says a capacity of " + declaredCapacity + " bytes but the image's is "
                    + capacity);
        }
        if (capacityNote != null && status == DiskStatus.OK) {
            how = capacityNote + "; " + how;
        }
        if (!problems.isEmpty()) {
            String msg = source.display(names.get(0)) + ": disk mismatch: disk " + id + ": " + String.join("; ",
                    problems);
            failures.add(msg);
            return new DiskResult(id, href, declaredFormat, format, declaredCapacity, capacity, DiskStatus.MISMATCH, msg);
        }
        return new DiskResult(id, href, declaredFormat, format, declaredCapacity, capacity, status, how);
    }

    /** The decoded first bytes of a file: from the scan of a stream, else read now. {@code null}: not gzip. */
    private byte[] head(FileReference f, List<String> names) throws IOException {
        boolean gzip = f.getCompression() != null && f.getCompression().trim().equalsIgnoreCase("gzip");
        if (!source.randomAccess()) {
            Scan s = scans.get(names.get(0));
            if (s == null) {
                s = source.scan(source.find(names.get(0)).orElseThrow(), EnumSet.noneOf(DigestAlgorithm.class));
            }
            return gzip ? DiskHeads.gunzipHead(s.head(), Scan.HEAD) : s.head();
        }
        try (InputStream in = pkg.decoded(f)) {
            return in.readNBytes(Scan.HEAD);
        } catch (PackageException | IOException e) {
            if (gzip) {
                return null;
            }
            throw e;
        }
    }

    /** {@code vmdk} for any VMDK name, else the name itself; {@code null} for an unknown format. */
    private static String family(String format) {
        if (format == null) {
            return null;
        }
        return format.startsWith("vmdk") ? "vmdk" : format;
    }

    private static boolean sameVmdkVariant(String declared, String actual) {
        String d = declared.toLowerCase(Locale.ROOT);
        String a = actual.toLowerCase(Locale.ROOT);
        if (d.equals("vmdk") || a.equals("vmdk")) {
            return true;
        }
        if (d.equals("vmdk-sparse") || d.equals("vmdk-monolithicsparse")) {
            return a.equals("vmdk-monolithicsparse");
        }
        if (d.equals("vmdk-compressed") || d.equals("vmdk-streamoptimized")) {
            return a.equals("vmdk-streamoptimized");
        }
        return d.equals(a);
    }

    // ------------------------------------------------------------------------------------------ signature

    private SignatureResult checkSignature(CertificateFile cert, Optional<Member> mfMember, Member certMember)
            throws IOException {
        String shown = source.display(certMember.name());
        if (mfMember.isEmpty() || manifestBroken) {
            String msg = shown + ": the package is signed but has no readable manifest for the signature to cover";
            failures.add(msg);
            return new SignatureResult(true, false, cert.digestAlgorithm().manifestName(),
                    cert.signer().getSubjectX500Principal().getName(), null, null, null, List.of(msg));
        }
        if (!mfMember.get().name().equals(cert.manifestName())) {
            warnings.add(shown + ": the signature line names " + cert.manifestName() + ", but the manifest is "
                    + mfMember.get().name());
        }
        TrustAnchors anchors = options.anchors().orElseGet(TrustAnchors::jdkDefault);
        Instant now = options.now().orElseGet(Instant::now);
        SignatureVerification v = Signatures.verify(cert, pkg.manifestBytes().orElseThrow(), anchors, now);
        if (options.minDigest().isPresent() && v.digest().compareTo(options.minDigest().get()) < 0) {
            failures.add(shown + ": the signature uses " + v.digest().manifestName() + ", weaker than the minimum digest "
                    + options.minDigest().get().manifestName());
        }
        if (!v.signatureValid()) {
            failures.add(shown + ": the signature does not verify over " + mfMember.get().name()
                    + (v.notes().isEmpty() ? "" : ": " + v.notes().get(0)));
        }
        // A self-signed certificate given as a trust anchor (--trust) is trusted: nothing to warn about.
        if (v.selfSigned() && !v.chainTrusted()) {
            warnings.add(shown + ": the certificate (" + v.subject() + ") is self-signed and not a trust anchor: "
                    + "anyone could have made it");
        } else if (!v.chainTrusted()) {
            warnings.add(shown + ": the certificate (" + v.subject() + ") is not chained to a trust anchor"
                    + (options.anchors().isPresent() ? "" : " (the JDK's cacerts; give others with --trust)"));
        }
        if (v.expired()) {
            warnings.add(shown + ": the certificate expired on " + v.notAfter());
        }
        if (v.notYetValid()) {
            warnings.add(shown + ": the certificate is not valid before " + v.notBefore());
        }
        return new SignatureResult(true, v.signatureValid(), v.digest().manifestName(), v.subject(), v.selfSigned(),
                v.expired(), v.chainTrusted(), v.notes());
    }
}
