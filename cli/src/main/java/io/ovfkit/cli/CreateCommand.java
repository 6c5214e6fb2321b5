package io.ovfkit.cli;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.write.DiskEncoding;
import io.ovfkit.ova.write.PackageOptions;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfVersion;
import io.ovfkit.ovf.build.ApplianceBuilder;
import io.ovfkit.ovf.value.OsType;
import io.ovfkit.signing.DigestAlgorithm;
import io.ovfkit.signing.KeySigner;
import io.ovfkit.signing.Keys;
import io.ovfkit.signing.PasswordSource;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovfkit create OUT --disk PATH... --name NAME [...]}: a single-VM appliance from disk images
 * of any supported format, written in one pass by {@link PackageWriter} (disks converted on the fly,
 * no temporary copy). The descriptor comes from {@link ApplianceBuilder} with the defaults most
 * importers accept. The other packaging commands ({@code pack}, {@code sign}, {@code manifest})
 * share the helpers at the end of this class.
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Create an OVF package (OVA) from disk images: one virtual machine with an LSI Logic SCSI"
                + " controller for the disks and E1000 network adapters, OVF 1.0, streamOptimized VMDK disks and a"
                + " SHA-256 manifest unless told otherwise.",
            "Disks of any supported format (recognized by content) are converted on the fly into the package, in one"
                    + " pass and bounded memory. Members: NAME.ovf, NAME.mf, NAME.cert (when signed), NAME-disk1.vmdk …",
            "OUT is an .ova file (written under a temporary name and renamed when complete: a failure leaves nothing),"
                    + " a folder (an existing folder, or a path ending with /), or - for standard output (a pipe: the"
                    + " disks become ovf:chunkSize chunks, the manifest and certificate come last).",
            "Key passwords come from the environment variable OVFKIT_KEY_PASSWORD, from --key-password-file, or from a"
                    + " prompt; never from an argument."})
public final class CreateCommand implements Callable<Integer>, ExitStatus.Described {
    /** Where {@code -} writes; tests replace it. */
    static Supplier<WritableByteChannel> stdout = () -> new FileOutputStream(FileDescriptor.out).getChannel();

    @Parameters(index = "0", paramLabel = "OUT", description = "The package to write: NAME.ova, a folder, or - (stdout).")
    String out;

    @Option(names = "--disk", required = true, paramLabel = "PATH",
            description = "A disk image (raw, VMDK …); repeat for more disks, in order: the first is the boot disk.")
    List<Path> disks;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The appliance's name: the virtual system's id and name, and the member names.")
    String name;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "1", description = "Virtual CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1GiB", converter = ByteSize.Converter.class,
            description = "Memory, a whole number of MiB (512M, 4G …; default: ${DEFAULT-VALUE}).")
    long memory;

    @Option(names = "--network", paramLabel = "NAME",
            description = "A network adapter connected to the logical network NAME (repeatable).")
    List<String> networks = new ArrayList<>();

    @Option(names = "--os-type", paramLabel = "ID",
            description = "The guest OS: a CIM OSType number (94) or a VMware guest id (ubuntu64Guest). Default: 1 (Other).")
    String osType;

    @Option(names = "--ovf-version", paramLabel = "VERSION", defaultValue = "1.0", converter = OvfVersionConverter.class,
            description = "OVF version of the descriptor: 1.0 (default) or 2.0.")
    OvfVersion ovfVersion;

    @Option(names = "--disk-format", paramLabel = "FORMAT", defaultValue = "streamOptimized",
            description = "The disks' format in the package: streamOptimized (VMDK, the default and the one format every"
                    + " importer accepts).")
    String diskFormat;

    @Mixin
    PackagingOptions packaging;

    @Mixin
    SigningOptions signing;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads compressing the disks (default: the number of processors); the output does not depend on it.")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
    boolean quiet;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public CreateCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.USAGE, "usage error (bad option value, name, OS type, format or SOURCE_DATE_EPOCH)",
                ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "a disk or key unreadable or corrupt, or OUT not writable (no OUT is left)");
    }

    @Override
    public Integer call() throws Exception {
        checkName();
        DiskEncoding encoding;
        OsType os;
        try {
            encoding = DiskEncoding.parse(diskFormat);
            os = osType == null ? OsType.ofCim(1) : OsType.parse(osType);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e);
        }
        PackageOptions.Builder ob = packaging.options(spec);
        ob.diskEncoding(encoding);
        if (threads != null) {
            try {
                ob.threads(threads);
            } catch (IllegalArgumentException e) {
                throw usage(spec, e);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressSink bar = progress.sink(err, quiet, "packaging");
        ob.progress(bar);
        signing.apply(spec, ob, packaging);
        PackageOptions options = build(spec, ob);
        List<DiskImage> images = new ArrayList<>();
        try {
            for (Path p : disks) {
                images.add(DiskImages.open(p));
            }
            OvfDescriptor d = descriptor(images, os, encoding);
            long start = System.nanoTime();
            PackageResult r;
            try (PackageWriter w = open(spec, out, options)) {
                w.descriptor(d, name + ".ovf");
                for (int i = 0; i < images.size(); i++) {
                    w.disk(diskName(i), images.get(i), encoding);
                }
                r = w.finish();
            } finally {
                bar.close();
            }
            report(err, r, quiet, "created", System.nanoTime() - start);
        } finally {
            for (DiskImage i : images) {
                i.close();
            }
        }
        return ExitStatus.OK.code();
    }

    private void checkName() {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--name': \"" + name
                    + "\" must be a plain file name (no / or \\, not starting with a dot): the members are named after it");
        }
    }

    private String diskName(int i) {
        return name + "-disk" + (i + 1) + ".vmdk";
    }

    private OvfDescriptor descriptor(List<DiskImage> images, OsType os, DiskEncoding encoding) {
        ApplianceBuilder b;
        try {
            b = ApplianceBuilder.named(name).cpus(cpus).memoryBytes(memory).osType(os);
            for (int i = 0; i < images.size(); i++) {
                // VMDK capacities are whole sectors: a source of odd size becomes that much larger, its tail zero.
                long capacity = (images.get(i).capacity() + 511) / 512 * 512;
                b.disk(new ApplianceBuilder.DiskSpec(diskName(i), capacity, null, null));
            }
            for (String n : networks) {
                b.network(n);
            }
            OvfDescriptor d = b.build(ovfVersion);
            d.envelope().diskSection().ifPresent(ds -> ds.getDisks().forEach(vd -> vd.setFormat(encoding.formatUri())));
            return d;
        } catch (IllegalArgumentException e) {
            throw usage(spec, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Shared by create, pack, sign and manifest.

    /** {@code --digest}, {@code --no-manifest}, {@code --chunk-size}, {@code --compress}, {@code --reproducible}. */
    static final class PackagingOptions {
        @Option(names = "--digest", paramLabel = "ALG", defaultValue = "sha256",
                description = "Manifest digest: sha1, sha256 (default) or sha512.")
        String digest;

        @Option(names = "--no-manifest", description = "Write no manifest (and so no signature).")
        boolean noManifest;

        @Option(names = "--chunk-size", paramLabel = "SIZE", converter = ByteSize.Converter.class,
                description = "Cut every file into ovf:chunkSize pieces of SIZE (e.g. 2G). On standard output files of"
                        + " unknown size (converted disks) are chunked anyway, at 64 MiB unless this is given.")
        Long chunkSize;

        @Option(names = "--compress", description = "Compress every file with gzip (ovf:compression=\"gzip\").")
        boolean compress;

        @Option(names = "--sync", description = SyncOption.DESCRIPTION)
        boolean sync;

        @Option(names = "--reproducible",
                description = "Reproducible output: member times from SOURCE_DATE_EPOCH (else 1970-01-01), identifiers"
                        + " inside the disks derived from it: the same inputs give the same bytes.")
        boolean reproducible;

        PackageOptions.Builder options(CommandSpec spec) {
            PackageOptions.Builder b = PackageOptions.builder().reproducible(reproducible).sync(sync);
            try {
                if (noManifest) {
                    b.noManifest();
                } else {
                    b.digest(digest(digest));
                }
                b.gzip(compress);
                if (chunkSize != null) {
                    b.chunkSize(chunkSize);
                    if (chunkSize <= PackageOptions.MAX_BUFFERED_CHUNK_SIZE) {
                        b.streamChunkSize(chunkSize);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw usage(spec, e);
            }
            return b;
        }
    }

    /** {@code --sign-key}, {@code --sign-cert}, {@code --key-password-file}. */
    static final class SigningOptions {
        @Option(names = "--sign-key", paramLabel = "KEY",
                description = "Sign the manifest with this private key (PEM or PKCS#12); writes NAME.cert.")
        Path key;

        @Option(names = "--sign-cert", paramLabel = "CERT",
                description = "The signer's certificate and intermediates (PEM), unless the key file holds them.")
        Path cert;

        @Option(names = "--key-password-file", paramLabel = "FILE",
                description = "Read the key's password from the first line of FILE (else OVFKIT_KEY_PASSWORD, else a prompt).")
        Path passwordFile;

        void apply(CommandSpec spec, PackageOptions.Builder b, PackagingOptions packaging) throws IOException {
            if (key == null) {
                if (cert != null || passwordFile != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--sign-cert and --key-password-file need --sign-key");
                }
                return;
            }
            if (packaging.noManifest) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sign-key signs the manifest; it cannot be combined with --no-manifest");
            }
            b.signer(loadSigner(key, cert, passwordFile));
        }
    }

    /** A digest algorithm named on the command line. */
    static DigestAlgorithm digest(String text) {
        return DigestAlgorithm.parse(text);
    }

    /** The signer of a key file (and certificate file), its password from a file, the environment or a prompt. */
    static KeySigner loadSigner(Path key, Path cert, Path passwordFile) throws IOException {
        PasswordSource passwords = passwordFile != null ? PasswordSource.file(passwordFile)
                : PasswordSource.environment().orElse(PasswordSource.console());
        return Keys.load(key, cert, passwords);
    }

    /** The options, SOURCE_DATE_EPOCH errors as usage errors. */
    static PackageOptions build(CommandSpec spec, PackageOptions.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(spec, e);
        }
    }

    /** A writer for OUT: {@code -} is standard output, an existing folder or a path ending with / a folder. */
    static PackageWriter open(CommandSpec spec, String out, PackageOptions options) throws IOException {
        if (out.equals("-")) {
            return PackageWriter.toStream(stdout.get(), "<stdout>", options);
        }
        Path p = Path.of(out);
        if (out.endsWith("/") || Files.isDirectory(p)) {
            return PackageWriter.toFolder(p, options);
        }
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(out + ": cannot write: the folder " + parent + " does not exist");
        }
        return PackageWriter.toOva(p, options);
    }

    /** Warnings, then (unless quiet) one summary line, on stderr. */
    static void report(PrintWriter err, PackageResult r, boolean quiet, String verb, long nanos) {
        for (String w : r.warnings()) {
            err.println(ErrorReporter.PREFIX + "warning: " + w);
        }
        if (!quiet) {
            long bytes = 0;
            for (PackageResult.Member m : r.members()) {
                bytes += m.size();
            }
            err.println(ErrorReporter.PREFIX + String.format(Locale.ROOT, "%s %s: %d members, %s%s%s in %.2f s", verb,
                    r.target(), r.members().size(), ByteSize.format(bytes),
                    r.manifest().map(m -> ", manifest " + m.algorithms().iterator().next().manifestName()).orElse(""),
                    r.certificate().map(c -> ", signed by " + c.signer().getSubjectX500Principal().getName()).orElse(""),
                    nanos / 1e9));
        }
        err.flush();
    }

    static CommandLine.ParameterException usage(CommandSpec spec, IllegalArgumentException e) {
        return new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
}
