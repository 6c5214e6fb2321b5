package io.ovfkit.cli;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.schema.SchemaValidator;
import io.ovfkit.ovf.validation.Profile;
import io.ovfkit.ovf.validation.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit validate PATH [--strict] [--schemas DIR] [--json]}: the findings of the
 * {@link Validator}, one per line, then a summary; exit 1 when any is an error.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check a descriptor against the rules of DSP0243 and, with --schemas, the DMTF XML schemas.",
            "Prints FILE:LINE:COL: severity RULE: message per finding, then 'N errors, N warnings'.",
            "Exits with 1 when there is an error."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = {"The .ovf descriptor, an .ova, a folder holding one"
            + " .ovf, an http(s) URL of either, or - for an OVA on standard input."})
    String path;

    @Option(names = "--strict", description = "Treat every warning as an error (for descriptors about to be published).")
    boolean strict;

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Also validate against the XML schemas in DIR (subfolders ovf-1, ovf-2, ovf-env).")
    Path schemas;

    @Mixin
    JsonOption json;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public ValidateCommand() {
    }

    @Override
    public Integer call() throws Exception {
        boolean inPackage = PackageInput.isPackage(path);
        OvfDescriptor descriptor = PackageInput.descriptor(path, spec.commandLine().getErr());
        Profile profile = strict ? Profile.STRICT : Profile.LAX;
        SchemaValidator schemaValidator = schemas == null ? null : SchemaValidator.fromFolder(schemas);
        PasswordMask mask = PasswordMask.of(descriptor, List.of());
        List<Diagnostic> findings = Validator.builder().profile(profile).schemas(schemaValidator).build()
                .validate(descriptor).stream().map(mask::apply).toList();
        PrintWriter out = spec.commandLine().getOut();
        String file = path;
        if (json.enabled()) {
            JsonOutput.validation(out, file, profile, findings);
        } else {
            // Inside a package, findings name the descriptor as PACKAGE!/NAME.ovf.
            String where = inPackage ? descriptor.sourceName() : file;
            for (Diagnostic d : findings) {
                out.println(DiagnosticText.format(where, d));
            }
            out.println(DiagnosticText.summary(findings));
            out.flush();
        }
        return Validator.hasErrors(findings) ? ExitStatus.CHECK_FAILED.code() : ExitStatus.OK.code();
    }
}
