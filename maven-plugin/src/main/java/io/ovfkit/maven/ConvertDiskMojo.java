package io.ovfkit.maven;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Converts a disk image of any format ovfkit reads (raw, VMDK, VHD, VHDX, QCOW2, VDI; told by
 * content) into another, in one pass with bounded memory; or, with {@code capacity} and no
 * {@code input}, writes a blank disk of that size.
 *
 * <p>Thread safety: Maven makes one instance per execution and the goal keeps no static state, so it is
 * marked {@code threadSafe} for parallel builds ({@code mvn -T}).
 */
@Mojo(name = "convert-disk", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class ConvertDiskMojo extends AbstractMojo {
    /** The image to convert; none for a blank disk of {@code capacity}. */
    @Parameter(property = "ovfkit.input")
    private File input;

    /** The image to write. */
    @Parameter(property = "ovfkit.output", required = true)
    private File output;

    /** The output format: raw, vmdk, vhd, vhdx, qcow2 or vdi. */
    @Parameter(property = "ovfkit.format", defaultValue = "vmdk", required = true)
    private String format;

    /** The subformat (vmdk: streamOptimized, monolithicSparse, monolithicFlat …; vhd: dynamic, fixed …). */
    @Parameter(property = "ovfkit.subformat")
    private String subformat;

    /** The capacity of a blank disk, in bytes (with suffix K, M, G or T), when there is no {@code input}. */
    @Parameter(property = "ovfkit.capacity")
    private String capacity;

    /** A seed for the identifiers inside the image, so that the same input gives the same bytes. */
    @Parameter(property = "ovfkit.contentSeed", defaultValue = "0")
    private long contentSeed;

    /** Skip this goal. */
    @Parameter(property = "ovfkit.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            return;
        }
        if ((input == null) == (capacity == null)) {
            throw new MojoFailureException("ovfkit:convert-disk needs an input image or a capacity (a blank disk), one of them");
        }
        DiskFormat f;
        try {
            f = DiskFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("format: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            if (input == null) {
                long size = bytes(capacity);
                try (DiskWriter w = DiskWriters.create(output.toPath(), options(f, size))) {
                    w.finish();
                }
                getLog().info("created " + output + " (" + f.id() + ", " + size + " bytes, blank)");
                return;
            }
            try (DiskImage in = DiskImages.open(input.toPath())) {
                DiskConverter.Result r;
                try (DiskWriter w = DiskWriters.create(output.toPath(), options(f, in.capacity()))) {
                    r = DiskConverter.builder().build().convert(in, w);
                }
                getLog().info("converted " + input + " → " + output + " (" + f.id() + ", " + r.capacity() + " bytes)");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("ovfkit:convert-disk: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("ovfkit:convert-disk " + (input != null ? input : output) + ": " + e.getMessage(), e);
        }
    }

    private WriteOptions options(DiskFormat f, long size) {
        WriteOptions.Builder b = WriteOptions.builder(f, size).contentSeed(contentSeed);
        if (subformat != null) {
            b.subformat(subformat);
        }
        return b.build();
    }

    static long bytes(String text) throws MojoFailureException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d+)\\s*([kmgt]?)(i?b)?").matcher(text.strip());
        if (!m.matches()) {
            throw new MojoFailureException("capacity: expected a size such as 2G or 512M, found '" + text + "'");
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
