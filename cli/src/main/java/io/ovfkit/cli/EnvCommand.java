package io.ovfkit.cli;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.env.Environments;
import io.ovfkit.ovf.env.OvfEnvironment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit env PATH [--property KEY=VALUE]... [--configuration ID] -o OUT.xml}: the OVF
 * environment document ({@code ovf-env.xml}) a platform would hand to the guest, built by
 * {@link Environments#forDescriptor}. An unknown property or configuration, or a value that does not
 * fit its property, is a usage error (exit 2) naming the property.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "env",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Write the OVF environment (ovf-env.xml) for a deployment: every property of the descriptor"
                + " with its default or chosen value, checked against its type and qualifiers."})
public final class EnvCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH", description = "The .ovf descriptor.")
    Path path;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
            description = "A property value; KEY is the key or the id (class.key.instance). Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = {"-c", "--configuration"}, paramLabel = "ID",
            description = "The deployment option to deploy (default: the descriptor's default).")
    String configuration;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to write the environment; '-' writes it to stdout.")
    String output;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public EnvCommand() {
    }

    @Override
    public Integer call() throws Exception {
        OvfDescriptor descriptor = Ovf.read(path);
        OvfEnvironment env;
        try {
            env = Environments.forDescriptor(descriptor, configuration, properties);
        } catch (IllegalArgumentException e) {
            // An unknown key or configuration, or a value that does not fit: the command line is wrong.
            PasswordMask mask = PasswordMask.of(descriptor, PasswordMask.chosenPasswords(descriptor, properties));
            throw new ParameterException(spec.commandLine(), mask.apply(e.getMessage()), e);
        }
        byte[] xml = env.toXml();
        if ("-".equals(output)) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(xml, StandardCharsets.UTF_8));
            out.flush();
        } else {
            OutputFiles.writeAtomically(Path.of(output), xml);
            spec.commandLine().getErr().println(ErrorReporter.PREFIX + "wrote " + output);
        }
        return ExitStatus.OK.code();
    }
}
