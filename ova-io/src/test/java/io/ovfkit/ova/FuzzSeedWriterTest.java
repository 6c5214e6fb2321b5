package io.ovfkit.ova;

import io.ovfkit.ova.Packages.Entry;
import io.ovfkit.ova.Packages.FileSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seed corpus of {@link OvaFuzzTest} into {@code src/test/resources}: small OVAs (a
 * descriptor, a manifest, a streamOptimized VMDK made by disk-formats, plain or gzip-compressed or
 * in chunks; long names in GNU and PAX form). Runs only on request:
 * {@code mvn -pl ova-io -am test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
class FuzzSeedWriterTest {
    static final Path INPUTS = Path.of("src/test/resources/io/ovfkit/ova/OvaFuzzTestInputs/openOva");

    @TempDir
    Path tmp;

    @Test
    void writeSeeds() throws IOException {
        Files.createDirectories(INPUTS);
        byte[] content = new byte[64 << 10];
        System.arraycopy(Packages.random(1024, 3), 0, content, 0, 1024);
        byte[] vmdk = Packages.vmdk(tmp, content, "streamOptimized");

        write("plain", "disk1.vmdk", FileSpec.disk("disk1.vmdk", vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_ERROR);
        byte[] gz = Packages.gzip(vmdk);
        write("gzip", "disk1.vmdk", FileSpec.disk("disk1.vmdk", gz.length, content.length).compressed("gzip"), gz,
                TarArchiveOutputStream.LONGFILE_ERROR);
        String longName = "a-disk-name-longer-than-the-hundred-bytes-a-ustar-header-holds-"
                + "so-that-it-needs-a-gnu-or-pax-record.vmdk";
        write("long-name-gnu", longName, FileSpec.disk(longName, vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_GNU);
        write("long-name-pax", longName, FileSpec.disk(longName, vmdk.length, content.length), vmdk,
                TarArchiveOutputStream.LONGFILE_POSIX);

        // ovf:chunkSize: the disk in two members, disk1.vmdk.000000000 and .000000001.
        int half = vmdk.length / 2;
        byte[] a = java.util.Arrays.copyOfRange(vmdk, 0, half);
        byte[] b = java.util.Arrays.copyOfRange(vmdk, half, vmdk.length);
        byte[] ovf = Packages.descriptor(FileSpec.disk("disk1.vmdk", vmdk.length, content.length).chunked(half));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("vm.ovf", ovf);
        members.put("disk1.vmdk.000000000", a);
        members.put("disk1.vmdk.000000001", b);
        byte[] mf = Packages.manifest(members);
        Files.write(INPUTS.resolve("seed-chunked.ova"), OvaFuzzTest.encode(Packages.tar(List.of(Entry.file("vm.ovf", ovf),
                Entry.file("vm.mf", mf), Entry.file("disk1.vmdk.000000000", a), Entry.file("disk1.vmdk.000000001", b)))));
    }

    private static void write(String seed, String href, FileSpec disk, byte[] data, int longFileMode) throws IOException {
        byte[] ovf = Packages.descriptor(disk);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("vm.ovf", ovf);
        members.put(href, data);
        byte[] mf = Packages.manifest(members);
        Files.write(INPUTS.resolve("seed-" + seed + ".ova"), OvaFuzzTest.encode(Packages.tar(List.of(Entry.file("vm.ovf", ovf),
                Entry.file("vm.mf", mf), Entry.file(href, data)), longFileMode, TarArchiveOutputStream.BIGNUMBER_STAR)));
    }
}
