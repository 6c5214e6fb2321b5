package io.ovfkit.disk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.disk.DiskConverter;
import io.ovfkit.disk.DiskFormat;
import io.ovfkit.disk.DiskFormatException;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.disk.DiskWriter;
import io.ovfkit.disk.DiskWriters;
import io.ovfkit.disk.WriteOptions;
import io.ovfkit.disk.Extent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the disk-format fuzz tests share: the input encoding and the contract.
 *
 * <p><b>Input.</b> Disk images are mostly zeros at large offsets (a VHDX has its headers at 64 KiB
 * and its metadata past 1 MiB), so a fuzz input is not the file itself but a list of pieces of it:
 * records of a 4-byte big-endian offset, a 2-byte big-endian length and that many bytes, laid on a
 * file of zeros as long as the furthest piece (at most {@link #MAX_FILE}). A seed is a valid image
 * written by the project's writers and encoded with {@link #encode}: its nonzero 512-byte sectors,
 * a few KiB where the file has megabytes. The mutator changes bytes inside the pieces (header fields,
 * table entries) and moves, drops or adds pieces.
 *
 * <p><b>Contract.</b> Opening, mapping, reading and checking the file either works or ends in a
 * {@link DiskFormatException} naming the file, or another {@link IOException} naming it. Anything
 * else (NullPointerException, ArithmeticException, IndexOutOfBounds, OutOfMemoryError,
 * StackOverflowError, IllegalArgumentException …) is a finding, and so is an input slower than the
 * fuzz profile's per-input timeout.
 */
public final class FuzzImages {
    /** The largest file an input describes: offsets wrap at 64 MiB. */
    public static final long MAX_FILE = 64L << 20;

    private FuzzImages() {
    }

    /**
     * A fresh folder for one fuzz test's file, removed when the JVM exits, holding the files the seeds'
     * backing files and parents name ({@link #writeParents}).
     */
    public static Path workDir(String name) {
        try {
            Path dir = Files.createTempDirectory("ovfkit-fuzz-" + name);
            writeParents(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Writes the files the seeds name into {@code dir}: {@code base.raw} (64 KiB of a byte pattern, the
     * QCOW2 backing file), and {@code parent.vhd} (dynamic) and {@code parent.vhdx} (dynamic, 1 MiB
     * blocks) of it, the parents of the differencing seeds. Their unique id and data write GUID derive
     * from a fixed content seed, so they are the same files each time and match what the seeds name.
     */
    public static void writeParents(Path dir) throws IOException {
        byte[] base = new byte[64 << 10];
        for (int i = 0; i < base.length; i++) {
            base[i] = (byte) (i * 31 + 7);
        }
        Path raw = Files.write(dir.resolve("base.raw"), base);
        parent(raw, dir.resolve("parent.vhd"), DiskFormat.VHD, 0);
        parent(raw, dir.resolve("parent.vhdx"), DiskFormat.VHDX, 1 << 20);
    }

    private static void parent(Path raw, Path out, DiskFormat format, int blockSize) throws IOException {
        try (DiskImage in = DiskImages.open(raw);
                DiskWriter w = DiskWriters.create(out, WriteOptions.builder(format, in.capacity()).subformat("dynamic")
                        .blockSize(blockSize).contentSeed(1).build())) {
            DiskConverter.builder().threads(1).build().convert(in, w);
        }
    }

    /** Opens the image at a path: a format's own {@code open}. */
    @FunctionalInterface
    public interface Opener {
        DiskImage open(Path path) throws IOException;
    }

    /** Writes the file that {@code input} describes to {@code file}, replacing it. */
    public static void decode(byte[] input, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long end = 0;
            int i = 0;
            while (i + 6 <= input.length) {
                long offset = (((input[i] & 0xFFL) << 24) | ((input[i + 1] & 0xFF) << 16) | ((input[i + 2] & 0xFF) << 8)
                        | (input[i + 3] & 0xFF)) % MAX_FILE;
                int length = ((input[i + 4] & 0xFF) << 8) | (input[i + 5] & 0xFF);
                i += 6;
                length = (int) Math.min(Math.min(length, input.length - i), MAX_FILE - offset);
                ByteBuffer b = ByteBuffer.wrap(input, i, length);
                long at = offset;
                while (b.hasRemaining()) {
                    at += ch.write(b, at);
                }
                i += length;
                end = Math.max(end, offset + length);
            }
            if (end > ch.size()) {
                ch.write(ByteBuffer.allocate(1), end - 1);
            }
        }
    }

    /** The input that describes {@code file}: its nonzero 512-byte sectors and its length. */
    public static byte[] encode(Path file) throws IOException {
        byte[] f = Files.readAllBytes(file);
        if (f.length > MAX_FILE) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_FILE + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int s = 0;
        while (s < f.length) {
            if (zero(f, s)) {
                s += 512;
                continue;
            }
            int start = s;
            while (s < f.length && !zero(f, s) && s - start < 65536 - 512) {
                s += 512;
            }
            int end = Math.min(s, f.length);
            while (end > start && f[end - 1] == 0) {
                end--;
            }
            out.writeInt(start);
            out.writeShort(end - start);
            out.write(f, start, end - start);
        }
        out.writeInt(f.length);
        out.writeShort(0);
        return bytes.toByteArray();
    }

    private static boolean zero(byte[] f, int at) {
        for (int i = at; i < Math.min(at + 512, f.length); i++) {
            if (f[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the file {@code input} describes to {@code file}, opens it with {@code opener} and uses
     * it as {@code ovfkit disk info/check/convert} would; returns normally when that works or ends in
     * an exception the contract allows.
     */
    public static void check(byte[] input, Path file, Opener opener) throws IOException {
        decode(input, file);
        try (DiskImage img = opener.open(file)) {
            use(img);
        } catch (DiskFormatException e) {
            assertThat(e.getMessage()).as("a corrupt-image message names the file").contains(file.getFileName().toString());
        } catch (IOException e) {
            assertThat(e.getMessage()).as("an I/O error names the file").isNotNull();
        }
    }

    /** Capacity, facts, allocation map, the first data of each of a few extents, the last sector, check. */
    public static void use(DiskImage img) throws IOException {
        long cap = img.capacity();
        assertThat(cap).isNotNegative();
        img.subformat();
        img.details();
        img.actualSize();
        long window = Math.min(cap, 1L << 30);
        List<Extent> map = img.extents(0, window);
        ByteBuffer b = ByteBuffer.allocate(64 << 10);
        int reads = 0;
        for (Extent e : map) {
            if (reads++ == 8) {
                break;
            }
            b.clear().limit((int) Math.min(b.capacity(), e.length()));
            img.read(e.offset(), b);
        }
        if (cap >= 512) {
            b.clear().limit(512);
            img.read(cap - 512, b);
        }
        if (!img.sequential()) {
            img.check();
        }
    }
}
