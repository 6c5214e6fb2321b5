package io.ovfkit.cli;

import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the descriptor commands take their input: a plain {@code .ovf} file is read as before
 * ({@link Ovf#read(Path)}); an {@code .ova}, a folder holding one {@code .ovf}, an {@code http(s)}
 * URL, or {@code -} (an OVA on standard input) is opened as a package with {@link OvfPackage}.
 */
final class PackageInput {
    private PackageInput() {
    }

    /** Whether {@code arg} names a package rather than a lone descriptor or disk image file. */
    static boolean isPackage(String arg) {
        if (arg.equals("-") || OvfPackage.isUrl(arg)) {
            return true;
        }
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            return true;
        }
        String lower = arg.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ova") || lower.endsWith(".ova.gz")) {
            return true;
        }
        return Files.isRegularFile(p) && isTar(p);
    }

    /** A file whose header block carries the ustar magic (POSIX, GNU or VMware's hybrid). */
    private static boolean isTar(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(512);
            return head.length == 512 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                    && head[261] == 'r';
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code arg} is a lone descriptor file, read the way {@code info} always read it. */
    private static boolean isDescriptorFile(String arg) {
        return !isPackage(arg);
    }

    /**
     * The descriptor {@code arg} names; for a package its warnings go to {@code err}.
     *
     * @throws IOException when the package cannot be read
     */
    static OvfDescriptor descriptor(String arg, PrintWriter err) throws IOException {
        if (isDescriptorFile(arg)) {
            return Ovf.read(Path.of(arg));
        }
        try (OvfPackage p = OvfPackage.open(arg)) {
            warn(err, p);
            return p.descriptor();
        }
    }

    /**
     * The href of the package's only disk file; several or none is a usage error naming them.
     *
     * @param shown the package as the user named it
     */
    static String onlyDisk(picocli.CommandLine.Model.CommandSpec spec, OvfPackage p, String shown) {
        java.util.List<String> hrefs = new java.util.ArrayList<>();
        io.ovfkit.ovf.model.Envelope env = p.descriptor().envelope();
        java.util.List<io.ovfkit.ovf.model.FileReference> files = env.references()
                .map(io.ovfkit.ovf.model.References::files).orElse(java.util.List.of());
        for (io.ovfkit.ovf.model.DiskSection ds : env.sectionsOf(io.ovfkit.ovf.model.DiskSection.class)) {
            for (io.ovfkit.ovf.model.VirtualDisk d : ds.getDisks()) {
                for (io.ovfkit.ovf.model.FileReference f : files) {
                    if (f.getId() != null && f.getId().equals(d.getFileRef())) {
                        hrefs.add(f.getHref());
                    }
                }
            }
        }
        if (hrefs.size() == 1) {
            return hrefs.get(0);
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), hrefs.isEmpty()
                ? shown + " is a package without disk files"
                : shown + " holds " + hrefs.size() + " disks; name one with --member HREF (" + String.join(", ", hrefs)
                        + ")");
    }

    /** Prints the package's warnings on stderr. */
    static void warn(PrintWriter err, OvfPackage p) {
        for (String w : p.warnings()) {
            err.println(ErrorReporter.PREFIX + "warning: " + w);
        }
        err.flush();
    }
}
