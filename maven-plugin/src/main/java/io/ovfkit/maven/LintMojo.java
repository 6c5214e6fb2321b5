package io.ovfkit.maven;

import io.ovfkit.convert.Finding;
import io.ovfkit.convert.LintReport;
import io.ovfkit.convert.Linter;
import io.ovfkit.convert.Targets;
import io.ovfkit.ova.OvfPackage;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tells, before anyone tries, what each target's importer would refuse or silently change in an OVF
 * package (the converters' profiles: vsphere, virtualbox, proxmox, libvirt, … or portable). Fails the
 * build on errors, or on any finding with {@code failOnWarning}.
 *
 * <p>Thread safety: Maven makes one instance per execution and the goal keeps no static state, so it is
 * marked {@code threadSafe} for parallel builds ({@code mvn -T}).
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractMojo {
    /** The package: an .ova file, or the .ovf of a folder. */
    @Parameter(property = "ovfkit.package", defaultValue = "${project.build.directory}/${project.build.finalName}.ova",
            required = true)
    private File packageFile;

    /** Target profile ids, comma-separated ({@code vsphere:7.0,proxmox}), or {@code all}. */
    @Parameter(property = "ovfkit.targets", defaultValue = "portable", required = true)
    private String targets;

    /** Fail on warnings too, not only on errors. */
    @Parameter(property = "ovfkit.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Skip this goal. */
    @Parameter(property = "ovfkit.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            return;
        }
        LintReport r;
        try (OvfPackage p = OvfPackage.open(packageFile.toPath())) {
            r = Linter.lint(p, Targets.builtIn().parse(targets));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("targets: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException(packageFile + ": " + e.getMessage(), e);
        }
        for (Finding f : r.findings()) {
            getLog().warn(f.toString());
        }
        if (r.hasErrors() || failOnWarning && !r.findings().isEmpty()) {
            throw new MojoFailureException(packageFile + ": " + r.findings().size() + " lint finding(s) for " + targets);
        }
        getLog().info(packageFile + ": " + (r.findings().isEmpty() ? "lint clean" : r.findings().size() + " warning(s)")
                + " for " + targets);
    }
}
