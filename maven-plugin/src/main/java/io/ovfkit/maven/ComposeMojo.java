package io.ovfkit.maven;

import io.ovfkit.compose.ComposeResult;
import io.ovfkit.compose.ComposeSpec;
import io.ovfkit.compose.ComposeSpecException;
import io.ovfkit.compose.Composer;
import io.ovfkit.convert.Finding;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.signing.KeySigner;
import io.ovfkit.signing.PasswordSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds an appliance from a compose spec (open-vmdk's ova-compose YAML, with ovfkit's
 * {@code package:} and {@code target:} keys) and attaches the OVA to the project as an artifact of
 * type {@code ova}, so {@code mvn install} and {@code mvn deploy} publish it like a jar. Each disk is
 * read once and converted on the fly; the package is written in one pass. The output is
 * reproducible: member times come from {@code project.build.outputTimestamp} (as for jars), so two
 * builds of the same sources give the same bytes. A bad spec fails the build with its file, line and
 * column.
 *
 * <p>Thread safety: Maven makes one instance per execution and the goal keeps no static state, so it is
 * marked {@code threadSafe} for parallel builds ({@code mvn -T}).
 */
@Mojo(name = "compose", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ComposeMojo extends AbstractMojo {
    /** The compose spec. Relative paths inside it start at its folder. */
    @Parameter(property = "ovfkit.spec", defaultValue = "${project.basedir}/src/main/ova/appliance.yaml", required = true)
    private File spec;

    /** Values for the spec's {@code !param NAME} tags: {@code <params><disk>build/root.img</disk></params>}. */
    @Parameter
    private Map<String, String> params = new LinkedHashMap<>();

    /** The OVA to write. */
    @Parameter(property = "ovfkit.output", defaultValue = "${project.build.directory}/${project.build.finalName}.ova",
            required = true)
    private File output;

    /** Attach the OVA to the project (type {@code ova}), so that install and deploy publish it. */
    @Parameter(property = "ovfkit.attach", defaultValue = "true")
    private boolean attach;

    /** The classifier of the attached OVA; none by default. */
    @Parameter(property = "ovfkit.classifier")
    private String classifier;

    /**
     * The time of every member, as for reproducible jars: an ISO-8601 instant or seconds since 1970.
     * Empty or a single character turns reproducibility off (member times are then the build's time).
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * A private key signing the manifest (PEM or PKCS#12, with its certificate unless
     * {@code signCertificate}); give it on the command line or in settings.xml
     * ({@code -Dovfkit.signKey=...}), never in the POM. Wins over the spec's {@code package.sign_key}.
     */
    @Parameter(property = "ovfkit.signKey")
    private File signKey;

    /** The signer's certificate (PEM), when the key does not carry it. */
    @Parameter(property = "ovfkit.signCertificate")
    private File signCertificate;

    /**
     * The environment variable that holds the signing key and certificate as PEM text (a CI secret);
     * used when {@code signKey} is not given and the variable is set.
     */
    @Parameter(property = "ovfkit.signKeyVariable", defaultValue = "OVFKIT_SIGN_KEY")
    private String signKeyVariable;

    /** A file whose first line is the key's password; else the environment variable OVFKIT_KEY_PASSWORD. */
    @Parameter(property = "ovfkit.keyPasswordFile")
    private File keyPasswordFile;

    /** Fail the build when the spec's {@code target:} finds something (else warn). */
    @Parameter(property = "ovfkit.failOnLint", defaultValue = "true")
    private boolean failOnLint;

    /** Skip this goal. */
    @Parameter(property = "ovfkit.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    private final MavenProjectHelper projectHelper;

    /** Maven creates it. */
    @javax.inject.Inject
    public ComposeMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ovfkit:compose skipped");
            return;
        }
        try {
            ComposeSpec s = ComposeSpec.read(spec.toPath(), params);
            for (String p : params.keySet()) {
                if (!s.parameters().contains(p)) {
                    throw new MojoFailureException("params/" + p + ": the spec " + spec + " has no !param " + p);
                }
            }
            PackageOptions.Builder b = PackageOptions.builder();
            Instant time = outputTime(outputTimestamp);
            if (time != null) {
                b.reproducible(true).modificationTime(time);
            }
            KeySigner signer = SigningKeys.load(signKey, signCertificate, signKeyVariable, keyPasswordFile, System.getenv());
            if (signer != null) {
                b.signer(signer);
            }
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            PasswordSource passwords = keyPasswordFile != null ? PasswordSource.file(keyPasswordFile.toPath())
                    : PasswordSource.environment();
            ComposeResult r = Composer.compose(s, output.toPath(), b, passwords);
            PackageResult w = r.written();
            w.warnings().forEach(x -> getLog().warn(x));
            getLog().info("composed " + output + ": " + w.members().size() + " members"
                    + w.certificate().map(c -> ", signed by " + c.signer().getSubjectX500Principal().getName()).orElse("")
                    + (time != null ? ", reproducible (" + time + ")" : ""));
            if (r.lint().isPresent()) {
                for (Finding f : r.lint().get().findings()) {
                    getLog().warn(f.toString());
                }
                if (!r.clean()) {
                    String m = output + " does not lint clean for target " + r.target() + ": "
                            + r.lint().get().findings().size() + " finding(s)";
                    if (failOnLint) {
                        throw new MojoFailureException(m);
                    }
                    getLog().warn(m);
                } else {
                    getLog().info("lint clean for target " + r.target());
                }
            }
            if (attach) {
                projectHelper.attachArtifact(project, "ova", classifier, output);
            }
        } catch (ComposeSpecException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("ovfkit:compose " + spec + ": " + e.getMessage(), e);
        }
    }

    /** The member time of {@code project.build.outputTimestamp}, or null when reproducibility is off. */
    static Instant outputTime(String text) throws MojoFailureException {
        if (text == null || text.length() < 2) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MojoFailureException("project.build.outputTimestamp: '" + text + "' is neither an ISO-8601 time"
                    + " (2026-01-01T00:00:00Z) nor seconds since 1970");
        }
    }
}
