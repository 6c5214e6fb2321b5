package io.ovfkit.maven;

import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageRewriter;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.KeySigner;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Signs an existing OVA: the manifest is made anew with {@code digest} and signed, the certificate
 * placed right after it, by a streaming copy of the members (no re-conversion). The key comes from
 * a file given on the command line or in settings, or from an environment variable; never the POM.
 *
 * <p>Thread safety: Maven makes one instance per execution and the goal keeps no static state, so it is
 * marked {@code threadSafe} for parallel builds ({@code mvn -T}).
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class SignMojo extends AbstractMojo {
    /** The OVA to sign (in place unless {@code output}). */
    @Parameter(property = "ovfkit.package", defaultValue = "${project.build.directory}/${project.build.finalName}.ova",
            required = true)
    private File packageFile;

    /** Where the signed OVA goes; the package itself by default. */
    @Parameter(property = "ovfkit.output")
    private File output;

    /** The private key (PEM or PKCS#12, with its certificate unless {@code signCertificate}). */
    @Parameter(property = "ovfkit.signKey")
    private File signKey;

    /** The signer's certificate (PEM), when the key does not carry it. */
    @Parameter(property = "ovfkit.signCertificate")
    private File signCertificate;

    /** The environment variable holding the key and certificate as PEM text, used without {@code signKey}. */
    @Parameter(property = "ovfkit.signKeyVariable", defaultValue = "OVFKIT_SIGN_KEY")
    private String signKeyVariable;

    /** A file whose first line is the key's password; else OVFKIT_KEY_PASSWORD. */
    @Parameter(property = "ovfkit.keyPasswordFile")
    private File keyPasswordFile;

    /** The manifest digest: sha1, sha256 or sha512. */
    @Parameter(property = "ovfkit.digest", defaultValue = "sha256")
    private String digest;

    /** Member times, as for reproducible jars; empty for the build's time. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skip this goal. */
    @Parameter(property = "ovfkit.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            return;
        }
        try {
            KeySigner signer = SigningKeys.load(signKey, signCertificate, signKeyVariable, keyPasswordFile, System.getenv());
            if (signer == null) {
                throw new MojoFailureException("ovfkit:sign needs a key: -Dovfkit.signKey=FILE, or the environment variable "
                        + signKeyVariable + " holding the key and certificate as PEM");
            }
            PackageOptions.Builder b = PackageOptions.builder().digest(DigestAlgorithm.parse(digest)).signer(signer);
            Instant time = ComposeMojo.outputTime(outputTimestamp);
            if (time != null) {
                b.reproducible(true).modificationTime(time);
            }
            PackageResult r = PackageRewriter.rewrite(packageFile.toPath(), output == null ? null : output.toPath(), b.build());
            getLog().info("signed " + r.target() + r.certificate().map(c -> " by " + c.signer().getSubjectX500Principal().getName())
                    .orElse(""));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("ovfkit:sign: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("ovfkit:sign " + packageFile + ": " + e.getMessage(), e);
        }
    }
}
