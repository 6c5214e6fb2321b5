package io.ovfkit.ova.write;

import io.ovfkit.signing.CertificateFile;
import io.ovfkit.signing.Digest;
import io.ovfkit.signing.Manifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link PackageWriter} or {@link PackageRewriter} wrote: the members in archive order,
 * the manifest and certificate, and warnings (content left out or removed, such as a certificate
 * that no longer matched).
 *
 * <p>Immutable (the lists are copied) and safe to share between threads.
 */
public final class PackageResult {
    private final String target;
    private final String descriptorName;
    private final List<Member> members;
    private final Manifest manifest;
    private final CertificateFile certificate;
    private final List<String> warnings;

    /**
     * One member of the package.
     *
     * @param name the member (file) name
     * @param size its size in bytes
     * @param dataOffset where its data starts in the OVA; -1 in a folder
     * @param digest its digest with the manifest's algorithm; {@code null} without a manifest (and
     *     for the manifest and certificate themselves)
     */
    public record Member(String name, long size, long dataOffset, Digest digest) {
        /** Checks the name. */
        public Member {
            Objects.requireNonNull(name, "name");
        }
    }

    PackageResult(String target, String descriptorName, List<Member> members, Manifest manifest,
            CertificateFile certificate, List<String> warnings) {
        this.target = target;
        this.descriptorName = descriptorName;
        this.members = List.copyOf(members);
        this.manifest = manifest;
        this.certificate = certificate;
        this.warnings = List.copyOf(warnings);
    }

    /** The package written (file, folder or stream name). */
    public String target() {
        return target;
    }

    /** The descriptor's member name. */
    public String descriptorName() {
        return descriptorName;
    }

    /** Every member, in the order they are in the archive. */
    public List<Member> members() {
        return members;
    }

    /** The member called {@code name}. */
    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The manifest written, if any. */
    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /** The certificate written, if any. */
    public Optional<CertificateFile> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** What was left out or removed, in words. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "PackageResult[" + target + ", " + members.size() + " members" + (manifest != null ? ", manifest" : "")
                + (certificate != null ? ", signed" : "") + "]";
    }
}
