package io.ovfkit.cli;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.WriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code ovfkit disk convert SRC DST --format raw|vmdk [...]}: converts a disk image with the
 * {@link DiskConverter} (one pass, bounded memory, parallel compression, output independent of the
 * thread count).
 *
 * <p>A picocli command object: not thread-safe, one instance per run.
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Convert a disk image to raw, VMDK, VHD, VHDX, QCOW2 or VDI in one pass and bounded memory;"
                + " unallocated and all-zero blocks of the source are left out of the target (holes in raw, absent"
                + " grains, blocks or clusters in the others).",
            "SRC is opened by content (a file no format recognizes is raw). DST is written under a temporary name and"
                    + " renamed when complete: a failed conversion leaves no DST.",
            "A progress bar is drawn on stderr when it is a terminal; a one-line summary follows unless --quiet."})
public final class DiskConvertCommand implements Callable<Integer>, ExitStatus.Described {
    /** The environment variable {@code --reproducible} takes its seed from. */
    static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    @Parameters(index = "0", paramLabel = "SRC", description = "The image to convert; or a package (an .ova, a folder"
            + " holding one .ovf, an http(s) URL, - for an OVA on standard input) whose disk --member names.")
    String source;

    @Option(names = "--member", paramLabel = "HREF", description = {"The disk inside the package SRC, by its ovf:href;"
            + " may be left out when the package has one disk. Read in place when it is stored plain in a file or"
            + " behind a server with range requests; otherwise (gzip-compressed, chunked, standard input, a range-less"
            + " server) read once as a stream, which works for streamOptimized VMDK and raw disks."})
    String member;

    @Parameters(index = "1", paramLabel = "DST", description = "The image to write (replaced if it exists).")
    Path target;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The output format: raw, vmdk, vhd, vhdx, qcow2 or vdi.")
    String format;

    @Option(names = "--subformat", paramLabel = "SUBFORMAT",
            description = "For vmdk: streamOptimized (default), monolithicSparse, monolithicFlat,"
                    + " twoGbMaxExtentSparse or twoGbMaxExtentFlat; for vhd, vhdx and vdi: dynamic (default) or fixed;"
                    + " for qcow2: v3 (default) or v2, optionally with ,cluster_size=N.")
    String subformat;

    @Option(names = "--compression-level", paramLabel = "N", defaultValue = "6",
            description = "Deflate level 1 (fastest) to 9 (smallest) for compressed output (streamOptimized VMDK, qcow2 with --compress);"
                    + " default: ${DEFAULT-VALUE}.")
    int compressionLevel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for zero detection and compression (default: the number of processors). The output"
                    + " does not depend on it.")
    Integer threads;

    @Option(names = "--adapter-type", paramLabel = "TYPE",
            description = "For vmdk: the disk controller, lsilogic (default), buslogic, ide or legacyESX.")
    String adapterType;

    @Option(names = "--reproducible",
            description = "Derive the identifiers inside the image (VMDK CID, UUIDs) from SOURCE_DATE_EPOCH when it is"
                    + " set, else from 0, instead of drawing them at random: the same source gives the same bytes.")
    boolean reproducible;

    @Option(names = "--compress", description = "For qcow2: compress the clusters (deflate, on all cores).")
    boolean compress;

    @Mixin
    LayoutOptions layout;

    @Option(names = "--align", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Round DST's virtual size up to a multiple of SIZE (the added tail reads zero): --align 1MiB"
                    + " gives the whole-MiB size Azure requires of a fixed VHD.")
    Long align;

    @Option(names = "--parent", paramLabel = "PARENT",
            description = "The parent of SRC when SRC is a VDI differencing image whose parent is not beside it (it is"
                    + " otherwise found by UUID among the .vdi files in SRC's folder).")
    Path parent;


    @Option(names = {"-q", "--quiet"}, description = "Print no progress bar and no summary.")
    boolean quiet;

    @Mixin
    ProgressOption progress;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    /** Picocli creates it. */
    public DiskConvertCommand() {
    }

    @Override
    public Map<ExitStatus, String> exitCodeDescriptions() {
        return Map.of(ExitStatus.USAGE, "usage error (bad format, subformat, option or SOURCE_DATE_EPOCH)",
                ExitStatus.CHECK_FAILED, "(not returned by this command)",
                ExitStatus.INPUT, "SRC unreadable or corrupt, or DST not writable (no DST is left)");
    }

    /**
     * The content seed of {@code --reproducible}: the value of {@code SOURCE_DATE_EPOCH} (seconds
     * since 1970, an integer) when set and not blank, else 0.
     *
     * @throws IllegalArgumentException when the variable is set but not an integer
     */
    static long reproducibleSeed(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(sourceDateEpoch.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SOURCE_DATE_EPOCH + "=\"" + sourceDateEpoch
                    + "\" is not a number of seconds; --reproducible needs an integer or no variable", e);
        }
    }

    @Override
    public Integer call() throws Exception {
        DiskFormat f = DiskCommand.outputFormat(spec, format, "--format");
        DiskCommand.checkSubformat(spec, f, subformat);
        DiskCommand.checkAdapterType(spec, f, adapterType);
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--compression-level': " + compressionLevel + " is not 1..9");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--threads': " + n + " is not 1..1024");
        }
        Long seed = null;
        if (reproducible) {
            try {
                seed = reproducibleSeed(System.getenv(SOURCE_DATE_EPOCH));
            } catch (IllegalArgumentException e) {
                throw DiskCommand.usage(spec, e);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        DiskConverter.Result result;
        if (align != null && (align < 512 || align % 512 != 0 || align > (1L << 40))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--align': " + align
                    + " bytes is not a multiple of 512 from 512 bytes to 1 TiB");
        }
        long size;
        boolean inPackage = member != null || PackageInput.isPackage(source);
        if (parent != null && inPackage) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parent applies to a disk image file, not to"
                    + " a disk in a package");
        }
        io.ovfkit.ova.OvfPackage pkg = inPackage ? io.ovfkit.ova.OvfPackage.open(source) : null;
        String href = null;
        try (pkg; ProgressSink bar = progress.sink(err, quiet, "converting")) {
            if (pkg != null) {
                PackageInput.warn(err, pkg);
                href = member != null ? member : PackageInput.onlyDisk(spec, pkg, source);
            }
            try (DiskImage in = pkg != null ? pkg.openDiskStream(href) : DiskImages.open(Path.of(source), parent)) {
                bar.phase("converting", href, in.capacity());
                size = align == null ? in.capacity() : (in.capacity() + align - 1) / align * align;
                WriteOptions options;
                try {
                    WriteOptions.Builder b = WriteOptions.builder(f, size).subformat(effectiveSubformat(f))
                            .compressionLevel(compressionLevel);
                    layout.applyTo(spec, b);
                    if (adapterType != null) {
                        b.adapterType(adapterType);
                    }
                    if (seed != null) {
                        b.contentSeed(seed);
                    }
                    options = b.build();
                } catch (IllegalArgumentException e) {
                    throw DiskCommand.usage(spec, e);
                }
                DiskConverter converter = DiskConverter.builder().threads(n).progress(bar).build();
                DiskWriter out = DiskCommand.createWriter(spec, target, options);
                try {
                    result = converter.convert(in, out);
                } finally {
                    // Without a finish (a failure), closing deletes the partial output.
                    out.close();
                }
            }
        }
        if (!quiet) {
            err.println(ErrorReporter.PREFIX + summary(result, Written.of(target, f, subformat)));
        }
        String warning = azureWarning(f, subformat, size);
        if (warning != null) {
            err.println(ErrorReporter.PREFIX + "warning: " + warning);
        }
        err.flush();
        return ExitStatus.OK.code();
    }

    /** What was written, read back from the image; its file's size when it cannot be reopened. */
    private record Written(String format, String subformat, long bytes) {
        static Written of(Path image, DiskFormat format, String subformat) throws IOException {
            if (format != DiskFormat.RAW) {
                try (DiskImage written = DiskImages.open(image)) {
                    return new Written(written.format().id(), written.subformat(), written.actualSize());
                } catch (IOException | RuntimeException e) {
                    // Report what is known.
                }
            }
            return new Written(format.id(), subformat, Files.size(image));
        }
    }

    private String summary(DiskConverter.Result r, Written written) {
        double seconds = Math.max(r.elapsed().toNanos(), 1) / 1e9;
        return String.format(Locale.ROOT, "converted %s (%s) to %s (%s%s, %s) in %.2f s, %.1f MB/s"
                        + " (%s of data read, %d blocks written, %d zero blocks skipped)",
                member != null ? source + "!/" + member : source, ByteSize.format(r.capacity()), target, written.format(),
                written.subformat() != null && !written.subformat().equals(written.format()) ? " " + written.subformat() : "",
                ByteSize.format(written.bytes()), seconds,
                r.capacity() / seconds / 1e6, ByteSize.format(r.bytesRead()), r.blocksWritten(), r.zeroBlocks());
    }

    /**
     * The warning for a fixed VHD whose virtual size is not a whole number of MiB (Azure, the one
     * platform that wants fixed VHDs, refuses it), or null.
     */
    static String azureWarning(DiskFormat f, String subformat, long virtualSize) {
        long size = (virtualSize + 511) / 512 * 512;
        if (f != DiskFormat.VHD || subformat == null || !subformat.trim().equalsIgnoreCase("fixed") || size % (1 << 20) == 0) {
            return null;
        }
        return "the virtual size, " + size + " bytes, is not a whole number of MiB: Azure refuses such a VHD;"
                + " convert with --align 1MiB to round it up";
    }

    /** The subformat with {@code --compress} folded in (qcow2 takes it as a subformat token). */
    private String effectiveSubformat(DiskFormat f) {
        if (!compress) {
            return subformat;
        }
        if (f != DiskFormat.QCOW2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid option '--compress': only qcow2 output is compressed on request (streamOptimized VMDK always is)");
        }
        return subformat == null ? "compressed" : subformat + ",compressed";
    }
}
