package io.ovfkit.cli;

import io.ovfkit.ova.write.EditPlan;
import io.ovfkit.ova.write.EditRejectedException;
import io.ovfkit.ova.write.PackageEditor;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.edit.DescriptorEditor;
import io.ovfkit.ovf.value.PropertyType;
import io.ovfkit.signing.PasswordSource;
import io.ovfkit.signing.SigningException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit edit PKG [-o OUT]}: changes a package's descriptor (hardware, product texts,
 * properties, deployment options) and files through {@link PackageEditor}, then writes it with a new
 * manifest (and signature). This class only parses the options and prints.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "edit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Edit an OVF package: hardware, product and texts, properties, deployment options, files.",
            "Only the edited elements of the descriptor change (everything else is kept byte for byte); other members"
                    + " are copied as stored, not converted. The manifest is computed anew with the package's own digest"
                    + " algorithm; with --sign-key the package is signed anew, else an old signature (which no longer"
                    + " holds) is removed with a warning. Every change is checked before anything is written: a bad value"
                    + " is exit 2 naming its option, an edit that makes the descriptor invalid is exit 1; nothing is"
                    + " written then. Without -o the package is rewritten in place, through a temporary name.",
            "Hardware and property edits apply to every deployment option unless --configuration names one."},
        footerHeading = "%nExamples:%n",
        footer = {"  ovfkit edit app.ova --cpus 4 --memory 8G --nic-network 1=\"VM Network\"",
            "  ovfkit edit app.ova -o app-2.ova --product-version 2.0 --property hostname=web1 --property port=8443+uint16",
            "  ovfkit edit app.ova --dry-run --add-configuration large:Large --configuration large --cpus 8"})
public final class EditCommand implements Callable<Integer>, ExitStatus.Described {
    @Parameters(index = "0", paramLabel = "PKG", description = "The package: an .ova, or an .ovf with its files (or their folder).")
    Path pkg;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the edited package here (an .ova) instead of in place.")
    Path output;

    @Option(names = "--dry-run", description = "Write nothing: print the descriptor's change as a unified diff and the"
            + " members that would change.")
    boolean dryRun;

    @Option(names = "--virtual-system", paramLabel = "ID", description = "Edit this virtual system (default: the first).")
    String virtualSystem;

    // ---- hardware
    @Option(names = "--cpus", paramLabel = "N", description = "Virtual CPUs.")
    Integer cpus;

    @Option(names = "--cores-per-socket", paramLabel = "N", description = "Cores per socket (vmw:CoresPerSocket).")
    Integer coresPerSocket;

    @Option(names = "--memory", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Memory, a whole number of MiB (512M, 4G, 1.5GiB …).")
    Long memory;

    @Option(names = "--nic-count", paramLabel = "N",
            description = "Number of network adapters: extra ones removed from the end, new ones copied from the last.")
    Integer nicCount;

    @Option(names = "--nic-type", paramLabel = "TYPE",
            description = "Model of every network adapter: E1000, E1000e, PCNet32, VmxNet, VmxNet2, VmxNet3 or virtio.")
    String nicType;

    @Option(names = "--nic-name", paramLabel = "N=NAME", description = "Name network adapter N (from 1). Repeatable.")
    List<String> nicNames = new ArrayList<>();

    @Option(names = "--add-network", paramLabel = "NAME[:DESCRIPTION]", description = "Declare a network. Repeatable.")
    List<String> addNetworks = new ArrayList<>();

    @Option(names = "--rename-network", paramLabel = "OLD=NEW",
            description = "Rename a network and every adapter's connection to it. Repeatable.")
    List<String> renameNetworks = new ArrayList<>();

    @Option(names = "--nic-network", paramLabel = "N=NET", description = "Connect network adapter N to NET. Repeatable.")
    List<String> nicNetworks = new ArrayList<>();

    @Option(names = "--add-disk", paramLabel = "PATH|SIZE",
            description = "Add a disk: an image file (a streamOptimized VMDK is copied, other formats converted to one)"
                    + " or a SIZE (20G …) for a blank disk created at deployment. Repeatable.")
    List<String> addDisks = new ArrayList<>();

    @Option(names = "--controller", paramLabel = "KIND", defaultValue = "scsi",
            description = "The controller new disks go on: scsi (default), sata, ide or nvme.")
    String controller;

    @Option(names = "--controller-type", paramLabel = "TYPE",
            description = "The model of a controller made for new disks (lsilogic, lsilogicsas, VirtualSCSI, buslogic,"
                    + " vmware.sata.ahci, vmware.nvme.controller, PIIX4 …).")
    String controllerType;

    @Option(names = "--remove-item", paramLabel = "INSTANCEID|TYPE",
            description = "Remove hardware items by InstanceID, or every item of a type (a number, or cdrom, floppy,"
                    + " serial, parallel, usb, sound, video, nic, disk, ide, scsi, sata). Repeatable.")
    List<String> removeItems = new ArrayList<>();

    @Option(names = "--virtual-system-type", paramLabel = "TYPE", description = "vssd:VirtualSystemType, such as vmx-19.")
    String virtualSystemType;

    @Option(names = "--firmware", paramLabel = "efi|bios", description = "Firmware (vmw:Config firmware).")
    String firmware;

    @Option(names = "--add-cdrom", paramLabel = "ISO", description = "Add a CD-ROM drive holding ISO (added to the package).")
    List<Path> addCdroms = new ArrayList<>();

    @Option(names = "--add-serial-port", description = "Add a serial port.")
    boolean addSerialPort;

    // ---- product and texts
    @Option(names = "--product", paramLabel = "TEXT", description = "Product name.")
    String product;

    @Option(names = "--vendor", paramLabel = "TEXT", description = "Vendor name.")
    String vendor;

    @Option(names = "--product-version", paramLabel = "TEXT", description = "Product version (short).")
    String productVersion;

    @Option(names = "--full-version", paramLabel = "TEXT", description = "Product full version (with build).")
    String fullVersion;

    @Option(names = "--product-url", paramLabel = "URL", description = "Product URL.")
    String productUrl;

    @Option(names = "--vendor-url", paramLabel = "URL", description = "Vendor URL.")
    String vendorUrl;

    @Option(names = "--annotation", paramLabel = "TEXT", description = "Annotation (the VM's notes).")
    String annotation;

    @Option(names = "--eula", paramLabel = "FILE", description = "Licence agreement text, read from FILE (UTF-8).")
    Path eula;

    @Option(names = "--name", paramLabel = "TEXT", description = "The virtual system's display name.")
    String name;

    // ---- properties
    @Option(names = "--property", paramLabel = "KEY[=VALUE][+TYPE]",
            description = "Create or update a property (new ones are strings unless +TYPE). Repeatable.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--property-label", paramLabel = "KEY=LABEL", description = "A property's label. Repeatable.")
    List<String> propertyLabels = new ArrayList<>();

    @Option(names = "--property-description", paramLabel = "KEY=TEXT", description = "A property's description. Repeatable.")
    List<String> propertyDescriptions = new ArrayList<>();

    @Option(names = "--property-qualifiers", paramLabel = "KEY=QUALIFIERS",
            description = "A property's qualifiers, such as MaxLen(64) or ValueMap{\"a\",\"b\"}. Repeatable.")
    List<String> propertyQualifiers = new ArrayList<>();

    @Option(names = "--remove-property", paramLabel = "KEY", description = "Remove a property. Repeatable.")
    List<String> removeProperties = new ArrayList<>();

    @Option(names = "--user-configurable", paramLabel = "KEY[=true|false]",
            description = "Let the deployer set a property (or not, with =false). Repeatable.")
    List<String> userConfigurable = new ArrayList<>();

    @Option(names = "--property-password", paramLabel = "KEY",
            description = "Mark a property as a password (ovf:password). Its value is never an argument: it comes from"
                    + " --property-password-file, else a prompt (empty: left as it is). Repeatable.")
    List<String> passwordProperties = new ArrayList<>();

    @Option(names = "--property-password-file", paramLabel = "FILE",
            description = "Read the value of the --property-password properties from the first line of FILE.")
    Path passwordValueFile;

    @Option(names = "--transport", paramLabel = "TRANSPORT", split = ",",
            description = "OVF environment transports: iso, com.vmware.guestInfo (comma-separated or repeated); none"
                    + " removes them.")
    List<String> transports;

    // ---- deployment options
    @Option(names = "--add-configuration", paramLabel = "ID[:LABEL]", description = "Add a deployment option. Repeatable.")
    List<String> addConfigurations = new ArrayList<>();

    @Option(names = "--remove-configuration", paramLabel = "ID",
            description = "Remove a deployment option with the items and values for it alone. Repeatable.")
    List<String> removeConfigurations = new ArrayList<>();

    @Option(names = "--default-configuration", paramLabel = "ID", description = "Make ID the default deployment option.")
    String defaultConfiguration;

    @Option(names = "--configuration", paramLabel = "ID",
            description = "Scope the hardware and property edits to this deployment option.")
    String configuration;

    // ---- files
    @Option(names = "--add-file", paramLabel = "PATH", description = "Add a file to the package. Repeatable.")
    List<Path> addFiles = new ArrayList<>();

    @Option(names = "--remove-file", paramLabel = "HREF",
            description = "Remove a file, with its disk and the items using that disk. Repeatable.")
    List<String> removeFiles = new ArrayList<>();

    // ---- writing
    @Mixin
    CreateCommand.SigningOptions signing;

    @Option(names = "--reproducible", description = "Member times from SOURCE_DATE_EPOCH (else 1970-01-01) instead of now.")
    boolean reproducible;

    @Option(names = "--sync", description = SyncOption.DESCRIPTION)
    boolean sync;

    @Option(names = {"-q", "--quiet"}, description = "No summary.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public EditCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.CHECK_FAILED, "the edit would make the descriptor invalid (nothing written)",
                ExitStatus.USAGE, "a bad option value (the message names the option), or nothing to edit",
                ExitStatus.INPUT, "PKG or a named file unreadable or malformed, a key problem, or OUT not writable"
                        + " (PKG is left as it was)");
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (signing.key == null && (signing.cert != null || signing.passwordFile != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sign-cert and --key-password-file need --sign-key");
        }
        if (passwordValueFile != null && passwordProperties.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--property-password-file needs --property-password");
        }
        long start = System.nanoTime();
        try (PackageEditor editor = PackageEditor.open(pkg)) {
            int edits = apply(editor);
            if (edits == 0 && signing.key == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "nothing to edit: give at least one edit"
                        + " option (see ovfkit edit --help) or --sign-key to sign anew");
            }
            if (dryRun) {
                EditPlan plan = editor.plan(signing.key != null);
                out.print(plan.diff());
                out.println("members that would change:");
                for (EditPlan.Change c : plan.changes()) {
                    out.println("  " + c.action().name().toLowerCase(Locale.ROOT) + " ".repeat(10 - c.action().name().length())
                            + c.member());
                }
                out.flush();
                return findings(err, plan.newFindings());
            }
            PackageOptions.Builder b = editor.writeOptions().reproducible(reproducible).sync(sync);
            if (signing.key != null) {
                b.signer(CreateCommand.loadSigner(signing.key, signing.cert, signing.passwordFile));
            }
            PackageResult r;
            try {
                r = editor.write(output, CreateCommand.build(spec, b));
            } catch (EditRejectedException e) {
                return findings(err, e.findings());
            }
            findings(err, editor.plan().newFindings());
            CreateCommand.report(err, r, quiet, "edited", System.nanoTime() - start);
        }
        return ExitStatus.OK.code();
    }

    /** Prints new findings; exit 1 when any is an error. */
    private static int findings(PrintWriter err, List<Diagnostic> findings) {
        boolean errors = false;
        for (Diagnostic d : findings) {
            errors |= d.severity() == Severity.ERROR;
            err.println(ErrorReporter.PREFIX + d.severity().name().toLowerCase(Locale.ROOT) + ": " + d.rule() + ": "
                    + d.message());
        }
        if (errors) {
            err.println(ErrorReporter.PREFIX + "the edit would make the descriptor invalid; nothing was written");
        }
        err.flush();
        return errors ? ExitStatus.CHECK_FAILED.code() : ExitStatus.OK.code();
    }

    /** A step that may reject its value. */
    private interface Step {
        void run() throws IOException;
    }

    private int count;

    /** Runs {@code step}; a rejected value becomes a usage error naming {@code option}. */
    private void apply(String option, Step step) throws IOException {
        try {
            step.run();
            count++;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }

    private int apply(PackageEditor editor) throws IOException {
        DescriptorEditor d = editor.descriptor();
        if (virtualSystem != null) {
            apply("--virtual-system", () -> d.virtualSystem(virtualSystem));
            count--;
        }
        for (String c : addConfigurations) {
            String[] kv = split(c, ':', "--add-configuration", false);
            apply("--add-configuration", () -> d.addConfiguration(kv[0], kv[1]));
        }
        if (defaultConfiguration != null) {
            apply("--default-configuration", () -> d.defaultConfiguration(defaultConfiguration));
        }
        if (configuration != null) {
            apply("--configuration", () -> d.configuration(configuration));
            count--;
        }
        for (String n : addNetworks) {
            String[] kv = split(n, ':', "--add-network", false);
            apply("--add-network", () -> d.addNetwork(kv[0], kv[1]));
        }
        for (String n : renameNetworks) {
            String[] kv = split(n, '=', "--rename-network", true);
            apply("--rename-network", () -> d.renameNetwork(kv[0], kv[1]));
        }
        if (cpus != null) {
            apply("--cpus", () -> d.cpus(cpus));
        }
        if (coresPerSocket != null) {
            apply("--cores-per-socket", () -> d.coresPerSocket(coresPerSocket));
        }
        if (memory != null) {
            apply("--memory", () -> d.memory(memory));
        }
        for (String r : removeItems) {
            apply("--remove-item", () -> d.removeItem(r));
        }
        if (nicCount != null) {
            apply("--nic-count", () -> d.nicCount(nicCount));
        }
        if (nicType != null) {
            apply("--nic-type", () -> d.nicType(nicType));
        }
        for (String n : nicNames) {
            String[] kv = split(n, '=', "--nic-name", true);
            apply("--nic-name", () -> d.nicName(nicNumber(kv[0], "--nic-name"), kv[1]));
        }
        for (String n : nicNetworks) {
            String[] kv = split(n, '=', "--nic-network", true);
            apply("--nic-network", () -> d.nicNetwork(nicNumber(kv[0], "--nic-network"), kv[1]));
        }
        for (String disk : addDisks) {
            apply("--add-disk", () -> addDisk(editor, disk));
        }
        for (Path iso : addCdroms) {
            apply("--add-cdrom", () -> editor.addCdrom(iso));
        }
        if (addSerialPort) {
            apply("--add-serial-port", d::addSerialPort);
        }
        if (virtualSystemType != null) {
            apply("--virtual-system-type", () -> d.virtualSystemType(virtualSystemType));
        }
        if (firmware != null) {
            apply("--firmware", () -> d.firmware(firmware));
        }
        if (product != null) {
            apply("--product", () -> d.product(product));
        }
        if (vendor != null) {
            apply("--vendor", () -> d.vendor(vendor));
        }
        if (productVersion != null) {
            apply("--product-version", () -> d.productVersion(productVersion));
        }
        if (fullVersion != null) {
            apply("--full-version", () -> d.fullVersion(fullVersion));
        }
        if (productUrl != null) {
            apply("--product-url", () -> d.productUrl(productUrl));
        }
        if (vendorUrl != null) {
            apply("--vendor-url", () -> d.vendorUrl(vendorUrl));
        }
        if (annotation != null) {
            apply("--annotation", () -> d.annotation(annotation));
        }
        if (eula != null) {
            String text = Files.readString(eula, StandardCharsets.UTF_8);
            apply("--eula", () -> d.eula(text));
        }
        if (name != null) {
            apply("--name", () -> d.name(name));
        }
        for (String p : properties) {
            String[] kvt = propertySpec(p);
            apply("--property", () -> d.property(kvt[0], kvt[1], kvt[2]));
        }
        for (String p : propertyLabels) {
            String[] kv = split(p, '=', "--property-label", true);
            apply("--property-label", () -> d.propertyLabel(kv[0], kv[1]));
        }
        for (String p : propertyDescriptions) {
            String[] kv = split(p, '=', "--property-description", true);
            apply("--property-description", () -> d.propertyDescription(kv[0], kv[1]));
        }
        for (String p : propertyQualifiers) {
            String[] kv = split(p, '=', "--property-qualifiers", true);
            apply("--property-qualifiers", () -> d.propertyQualifiers(kv[0], kv[1]));
        }
        for (String p : userConfigurable) {
            String[] kv = split(p, '=', "--user-configurable", false);
            String v = kv[1] == null ? "true" : kv[1].toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--user-configurable: " + quote(kv[1])
                        + " is not true or false");
            }
            apply("--user-configurable", () -> d.userConfigurable(kv[0], Boolean.parseBoolean(v)));
        }
        for (String key : passwordProperties) {
            apply("--property-password", () -> d.propertyPassword(key));
            char[] value = passwordValue(key);
            if (value != null && value.length > 0) {
                try {
                    apply("--property-password", () -> d.propertyPasswordValue(key, value));
                    count--;
                } finally {
                    Arrays.fill(value, '\0');
                }
            }
        }
        if (transports != null) {
            List<String> t = transports.size() == 1 && transports.get(0).equalsIgnoreCase("none") ? List.of() : transports;
            apply("--transport", () -> d.transport(t));
        }
        for (Path f : addFiles) {
            apply("--add-file", () -> editor.addFile(f));
        }
        for (String href : removeFiles) {
            apply("--remove-file", () -> editor.removeFile(href));
        }
        for (String c : removeConfigurations) {
            apply("--remove-configuration", () -> d.removeConfiguration(c));
        }
        return count;
    }

    private void addDisk(PackageEditor editor, String disk) throws IOException {
        Path p = Path.of(disk);
        if (Files.exists(p)) {
            editor.addDisk(p, controller, controllerType);
            return;
        }
        long size;
        try {
            size = ByteSize.parse(disk);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quote(disk) + " is neither an existing image file nor a size such as 20G");
        }
        editor.addBlankDisk(size, controller, controllerType);
    }

    /** The value of password property {@code key}: from the file, else a prompt, else none. */
    private char[] passwordValue(String key) {
        try {
            if (passwordValueFile != null) {
                return PasswordSource.file(passwordValueFile).password("the value of the password property " + key);
            }
            if (System.console() == null) {
                return null;
            }
            return PasswordSource.console().password("the value of the password property " + key
                    + " (empty: leave it as it is)");
        } catch (SigningException e) {
            if (passwordValueFile != null) {
                throw e;
            }
            return null;
        }
    }

    /** {@code KEY[=VALUE][+TYPE]}: the type is the text after the last + when it names a known type. */
    private String[] propertySpec(String text) {
        String body = text;
        String type = null;
        int plus = text.lastIndexOf('+');
        if (plus >= 0) {
            String t = text.substring(plus + 1);
            if (!t.isEmpty() && PropertyType.parse(t).known()) {
                type = t;
                body = text.substring(0, plus);
            } else if (text.indexOf('=') < 0 || text.indexOf('=') > plus) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--property: " + quote(t) + " is not a"
                        + " property type (uint8 … uint64, sint8 … sint64, real32, real64, boolean, string, password, ip,"
                        + " ip:NETWORK, expression)");
            }
        }
        int eq = body.indexOf('=');
        String key = eq < 0 ? body : body.substring(0, eq);
        String value = eq < 0 ? null : body.substring(eq + 1);
        return new String[] {key, value, type};
    }

    /** {@code A<sep>B}: {@code B} is required when {@code needValue}, else may be absent ({@code null}). */
    private String[] split(String text, char sep, String option, boolean needValue) {
        int i = text.indexOf(sep);
        if (i < 0) {
            if (needValue) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + quote(text) + " is not of the"
                        + " form A" + sep + "B");
            }
            return new String[] {text, null};
        }
        return new String[] {text.substring(0, i), text.substring(i + 1)};
    }

    private static int nicNumber(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is not a NIC number (1 for the first adapter)");
        }
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
