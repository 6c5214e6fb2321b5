package io.ovfkit.maven;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ova.VerifyOptions;
import io.ovfkit.ova.VerifyReport;
import io.ovfkit.signing.DigestAlgorithm;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies an OVF package: every file against the manifest, each disk's real format and capacity
 * against its Disk element, and the signature when there is one. Fails the build when anything does
 * not match, or (with {@code minDigest}) when the manifest or the signature uses a weaker digest.
 *
 * <p>Thread safety: Maven makes one instance per execution and the goal keeps no static state, so it is
 * marked {@code threadSafe} for parallel builds ({@code mvn -T}).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractMojo {
    /** The package: an .ova file, or the .ovf of a folder. */
    @Parameter(property = "ovfkit.package", defaultValue = "${project.build.directory}/${project.build.finalName}.ova",
            required = true)
    private File packageFile;

    /** Fail when the package carries no signature. */
    @Parameter(property = "ovfkit.requireSignature", defaultValue = "false")
    private boolean requireSignature;

    /**
     * The weakest digest accepted: sha1, sha256 or sha512. A manifest line or a signature with a weaker
     * digest fails the build, as {@code ovfkit verify --min-digest} does. Unset: any digest ovfkit reads.
     */
    @Parameter(property = "ovfkit.minDigest")
    private String minDigest;

    /** Skip this goal. */
    @Parameter(property = "ovfkit.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            return;
        }
        VerifyOptions options = VerifyOptions.defaults();
        if (minDigest != null && !minDigest.isBlank()) {
            try {
                options = options.withMinDigest(DigestAlgorithm.parse(minDigest.strip()));
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException("ovfkit:verify minDigest: " + e.getMessage(), e);
            }
        }
        VerifyReport r;
        try (OvfPackage p = OvfPackage.open(packageFile.toPath())) {
            r = p.verify(options);
        } catch (IOException | RuntimeException e) {
            throw new MojoFailureException(packageFile + ": " + e.getMessage(), e);
        }
        for (VerifyReport.FileResult f : r.files()) {
            getLog().info(f.href() + ": " + f.status().label() + (f.detail() != null ? " (" + f.detail() + ")" : ""));
        }
        if (!r.ok()) {
            for (String f : r.failures()) {
                getLog().error(f);
            }
            throw new MojoFailureException(packageFile + " does not verify: " + String.join("; ", r.failures()));
        }
        if (requireSignature && !r.signature().present()) {
            throw new MojoFailureException(packageFile + " is not signed (requireSignature)");
        }
        getLog().info(packageFile + ": verified" + (r.signature().present() ? ", signature valid" : ", not signed"));
    }
}
