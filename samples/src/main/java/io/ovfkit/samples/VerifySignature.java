package io.ovfkit.samples;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import java.nio.file.Path;

/**
 * Verifies an OVA: each file against the manifest, each disk's format and capacity against the
 * descriptor, and the signature over the manifest when there is a certificate. Exits 1 when the
 * package does not verify.
 *
 * <pre>java io.ovfkit.samples.VerifySignature appliance.ova</pre>
 */
public final class VerifySignature {
    private VerifySignature() {
    }

    /** Runs the example on the OVA named by the first argument. */
    public static void main(String[] args) throws Exception {
        try (OvfPackage pkg = OvfPackage.open(Path.of(args[0]))) {
            VerifyReport r = pkg.verify(VerifyOptions.defaults());
            for (VerifyReport.FileResult f : r.files()) {
                System.out.println(f.href() + ": " + f.status().label());
            }
            VerifyReport.SignatureResult s = r.signature();
            System.out.println(s.present() ? "signature by " + s.subject() + ": " + (s.valid() ? "valid" : "INVALID")
                    : "not signed");
            System.out.println(r.ok() ? "verified" : "does NOT verify");
            if (!r.ok()) {
                System.exit(1);
            }
        }
    }
}
