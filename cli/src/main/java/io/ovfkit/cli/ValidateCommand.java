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
 * {@link Validator}, one per line, then a summary; exit 1 when any is an error. The help lists the
 * schema folder's layout and the URL of every file of {@link io.ovfkit.ovf.schema.SchemaKind#files()}
 * (a test keeps the two in step).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check a descriptor against the rules of DSP0243 and, with --schemas, the DMTF XML schemas.",
            "Prints FILE:LINE:COL: severity RULE: message per finding, then 'N errors, N warnings'.",
            "Exits with 1 when there is an error."},
        // Wide enough that every URL stays on one line, for copying.
        usageHelpWidth = 100,
        footer = {"",
            "Schema folder (--schemas DIR): a subfolder per schema set, each holding the set's files side by",
            "side under their published names (imports are found by file name; nothing is downloaded). Only",
            "the sets for the documents you check are needed. Download each URL into its subfolder:",
            "  DIR/ovf-1/    OVF 1.x descriptors, DSP8023 1.1 (the root may be named dsp8023.xsd too):",
            "    https://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/common.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_VirtualSystemSettingData.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_ResourceAllocationSettingData.xsd",
            "    https://www.w3.org/2001/xml.xsd",
            "  DIR/ovf-2/    OVF 2.x descriptors, DSP8023 2.0.1 (or dsp8023.xsd):",
            "    https://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/common.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting.xsd",
            "    https://www.w3.org/2001/xml.xsd",
            "    https://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd",
            "    https://www.w3.org/TR/2002/REC-xmlenc-core-20021210/xenc-schema.xsd",
            "    https://www.w3.org/TR/2012/WD-xmlenc-core1-20120105/xenc-schema-11.xsd",
            "  DIR/ovf-env/  OVF environment documents, DSP8027 (or dsp8027.xsd):",
            "    https://schemas.dmtf.org/ovf/environment/1/dsp8027_1.1.0.xsd",
            "    https://schemas.dmtf.org/wbem/wscim/1/common.xsd",
            "A missing file is reported with its URL. cli/README.md has a script that downloads them all.",
            "Example, with the five ovf-1 files downloaded into ~/dmtf/ovf-1/:",
            "  ovfkit validate appliance.ova --schemas ~/dmtf"})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = {"The .ovf descriptor, an .ova, a folder holding one"
            + " .ovf, an http(s) URL of either, or - for an OVA on standard input."})
    String path;

    @Option(names = "--strict", description = "Treat every warning as an error (for descriptors about to be published).")
    boolean strict;

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Also validate against the DMTF XML schemas in DIR: subfolders ovf-1, ovf-2 and ovf-env,"
                    + " each holding a schema set (see below). Nothing is downloaded.")
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
        // A wrong schema folder is reported before the descriptor is read (or downloaded).
        SchemaValidator schemaValidator = schemas == null ? null : SchemaValidator.fromFolder(schemas);
        boolean inPackage = PackageInput.isPackage(path);
        OvfDescriptor descriptor = PackageInput.descriptor(path, spec.commandLine().getErr());
        Profile profile = strict ? Profile.STRICT : Profile.LAX;
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
