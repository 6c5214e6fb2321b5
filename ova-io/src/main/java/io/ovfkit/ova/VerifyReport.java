package io.ovfkit.ova;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link OvfPackage#verify} found. {@link #failures()} and {@link #warnings()} are sentences
 * naming the package or member; the lists of files and disks give the same facts one per item.
 *
 * <h2>Failures and warnings</h2>
 * Failures: a digest that does not match the manifest; a file of {@code References} (or a chunk)
 * missing from the package; a manifest line naming a file the package lacks; a size other than
 * {@code ovf:size} (or a chunk other than {@code ovf:chunkSize}); a disk whose real format or
 * capacity is not what its {@code Disk} element says, or that is corrupt; a signature that does not
 * verify; a manifest or certificate that cannot be parsed; with {@code requireSignature}, no
 * signature; in a <em>signed</em> package, a member (the descriptor included) the manifest does not
 * list; with {@code minDigest}, a manifest line or signature using a weaker digest. Warnings: no
 * manifest; in an unsigned package, the descriptor or a file not in the manifest; a certificate that is self-signed (and not itself an anchor), expired, not yet valid or not chained to a trust
 * anchor; deviations noticed while reading (descriptor not first, lenient manifest syntax …).
 * {@link #ok()} is true without failures, and, in strict mode, without warnings.
 *
 * <p>Thread-safety: immutable (every list is an unmodifiable copy), so safe to share between threads.
 *
 * @param ok the package passed
 * @param descriptorCovered the manifest has a line for the descriptor, whatever its digest
 * @param files the descriptor, every file of {@code References} as stored (every chunk), and any
 *     other file the manifest lists, in that order
 * @param disks each {@code Disk} with a file, as checked
 * @param signature the certificate's facts
 * @param warnings what does not fail the package (unless strict)
 * @param failures what fails it
 */
public record VerifyReport(boolean ok, boolean descriptorCovered, List<FileResult> files, List<DiskResult> disks,
        SignatureResult signature, List<String> warnings, List<String> failures) {

    /**
     * @param ok see the class description
     * @param descriptorCovered see the class description
     * @param files see the class description
     * @param disks see the class description
     * @param signature see the class description
     * @param warnings see the class description
     * @param failures see the class description
     */
    public VerifyReport {
        files = List.copyOf(files);
        disks = List.copyOf(disks);
        Objects.requireNonNull(signature, "signature");
        warnings = List.copyOf(warnings);
        failures = List.copyOf(failures);
    }

    /** The state of one stored file. */
    public enum FileStatus {
        /** Present, its digest matches the manifest (or there is no manifest), its size as declared. */
        OK,
        /** Its digest differs from the manifest's. */
        MISMATCH,
        /** Named by {@code References} or the manifest, absent from the package. */
        MISSING,
        /** Its size differs from {@code ovf:size} (or the chunk size). */
        SIZE_MISMATCH,
        /** Present but not listed in the manifest (a warning). */
        NOT_IN_MANIFEST;

        /** @return the label used in reports and JSON: {@code ok}, {@code mismatch}, {@code missing}, {@code size-mismatch}, {@code not-in-manifest} */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One stored file.
     *
     * @param href the name as stored ({@code disk1.vmdk.gz}, {@code disk1.vmdk.000000001})
     * @param status its state
     * @param detail why, when the status is not {@code OK}; else {@code null}
     */
    public record FileResult(String href, FileStatus status, String detail) {
        /**
         * @param href see the record description
         * @param status see the record description
         * @param detail see the record description
         */
        public FileResult {
            Objects.requireNonNull(href, "href");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The state of one disk. */
    public enum DiskStatus {
        /** Format and capacity as the {@code Disk} element says. */
        OK,
        /** Another format or capacity, or a corrupt image. */
        MISMATCH,
        /** Not checked (format not readable by ovfkit, file missing, capacity from a property …); see the note. */
        UNCHECKED;

        /** @return {@code ok}, {@code mismatch} or {@code unchecked} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One disk compared with its {@code Disk} element.
     *
     * @param diskId {@code ovf:diskId}
     * @param href the file's href
     * @param declaredFormat the short name of {@code ovf:format} ({@code vmdk-streamOptimized} …), or {@code null}
     * @param format what the content is ({@code vmdk-streamOptimized}, {@code raw} …), or {@code null} when not known
     * @param declaredCapacity {@code ovf:capacity} in bytes, or {@code null}
     * @param capacity the image's virtual size, or {@code null} when not known
     * @param status the outcome
     * @param note why, or how it was checked ({@code in place}, {@code from the header of a gzip stream}); may be {@code null}
     */
    public record DiskResult(String diskId, String href, String declaredFormat, String format, Long declaredCapacity,
            Long capacity, DiskStatus status, String note) {
    }

    /**
     * The certificate's facts; all but {@code present} are {@code null} for an unsigned package.
     *
     * @param present the package has a certificate
     * @param valid the signature verifies over the manifest
     * @param digest the signature's digest ({@code SHA256} …)
     * @param subject the signer's subject (RFC 2253)
     * @param selfSigned the signer certificate signs itself
     * @param expired a certificate of the file is past its validity (one not yet valid is a warning of its own)
     * @param trusted a chain leads to a trust anchor
     * @param notes why a fact is false
     */
    public record SignatureResult(boolean present, Boolean valid, String digest, String subject, Boolean selfSigned,
            Boolean expired, Boolean trusted, List<String> notes) {
        /**
         * @param present see the record description
         * @param valid see the record description
         * @param digest see the record description
         * @param subject see the record description
         * @param selfSigned see the record description
         * @param expired see the record description
         * @param trusted see the record description
         * @param notes see the record description
         */
        public SignatureResult {
            notes = List.copyOf(notes);
        }

        /** @return the facts of an unsigned package */
        public static SignatureResult absent() {
            return new SignatureResult(false, null, null, null, null, null, null, List.of());
        }
    }
}
