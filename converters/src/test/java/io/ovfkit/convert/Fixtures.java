package io.ovfkit.convert;

import io.ovfkit.ova.OvfPackage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Test fixtures: small descriptors and OVAs built in memory, and lookups of places in text. */
final class Fixtures {
    /** A streamOptimized VMDK header: magic KDMV, version 3, flags with compressed grains (bit 16) and markers (bit 17). */
    static final byte[] STREAM_VMDK_HEAD = vmdkHead((1 << 16) | (1 << 17) | 1);
    /** A monolithicSparse VMDK header: magic KDMV, no compression, no markers. */
    static final byte[] SPARSE_VMDK_HEAD = vmdkHead(3);

    private Fixtures() {
    }

    private static byte[] vmdkHead(int flags) {
        byte[] b = new byte[512];
        b[0] = 'K';
        b[1] = 'D';
        b[2] = 'M';
        b[3] = 'V';
        b[4] = 3;
        b[8] = (byte) flags;
        b[9] = (byte) (flags >>> 8);
        b[10] = (byte) (flags >>> 16);
        b[11] = (byte) (flags >>> 24);
        return b;
    }

    /**
     * An OVF 1.0 descriptor of one VM with a disk {@code disk.vmdk} on a SCSI controller and one NIC;
     * {@code items} is inserted in the VirtualHardwareSection, {@code memoryUnits} is the memory item's units.
     */
    static String descriptor(String href, String memoryUnits, String hostResource, String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\""
                + " xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\""
                + " xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\""
                + " xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\""
                + " xmlns:vmw=\"http://www.vmware.com/schema/ovf\">\n"
                + "  <References>\n"
                + "    <File ovf:id=\"file1\" ovf:href=\"" + href + "\"/>\n"
                + "  </References>\n"
                + "  <DiskSection>\n"
                + "    <Info>Virtual disks</Info>\n"
                + "    <Disk ovf:diskId=\"vmdisk1\" ovf:fileRef=\"file1\" ovf:capacity=\"1\""
                + " ovf:capacityAllocationUnits=\"byte * 2^30\""
                + " ovf:format=\"http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized\"/>\n"
                + "  </DiskSection>\n"
                + "  <VirtualSystem ovf:id=\"vm\">\n"
                + "    <Info>A virtual machine</Info>\n"
                + "    <VirtualHardwareSection>\n"
                + "      <Info>Virtual hardware</Info>\n"
                + "      <System>\n"
                + "        <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>\n"
                + "        <vssd:InstanceID>0</vssd:InstanceID>\n"
                + "        <vssd:VirtualSystemType>vmx-07</vssd:VirtualSystemType>\n"
                + "      </System>\n"
                + "      <Item>\n"
                + "        <rasd:AllocationUnits>" + memoryUnits + "</rasd:AllocationUnits>\n"
                + "        <rasd:ElementName>memory</rasd:ElementName>\n"
                + "        <rasd:InstanceID>1</rasd:InstanceID>\n"
                + "        <rasd:ResourceType>4</rasd:ResourceType>\n"
                + "        <rasd:VirtualQuantity>512</rasd:VirtualQuantity>\n"
                + "      </Item>\n"
                + "      <Item>\n"
                + "        <rasd:ElementName>scsi</rasd:ElementName>\n"
                + "        <rasd:InstanceID>2</rasd:InstanceID>\n"
                + "        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>\n"
                + "        <rasd:ResourceType>6</rasd:ResourceType>\n"
                + "      </Item>\n"
                + "      <Item>\n"
                + "        <rasd:ElementName>disk</rasd:ElementName>\n"
                + "        <rasd:HostResource>" + hostResource + "</rasd:HostResource>\n"
                + "        <rasd:InstanceID>3</rasd:InstanceID>\n"
                + "        <rasd:Parent>2</rasd:Parent>\n"
                + "        <rasd:ResourceType>17</rasd:ResourceType>\n"
                + "      </Item>\n"
                + "      <Item>\n"
                + "        <rasd:Connection>nat</rasd:Connection>\n"
                + "        <rasd:ElementName>nic</rasd:ElementName>\n"
                + "        <rasd:InstanceID>4</rasd:InstanceID>\n"
                + "        <rasd:ResourceSubType>E1000</rasd:ResourceSubType>\n"
                + "        <rasd:ResourceType>10</rasd:ResourceType>\n"
                + "      </Item>\n"
                + items
                + "    </VirtualHardwareSection>\n"
                + "  </VirtualSystem>\n"
                + "</Envelope>\n";
    }

    /** The plain descriptor: {@code app-disk1.vmdk}, memory in {@code byte * 2^20}, {@code ovf:/disk/vmdisk1}. */
    static String descriptor() {
        return descriptor("app-disk1.vmdk", "byte * 2^20", "ovf:/disk/vmdisk1", "");
    }

    /** A SHA-1 manifest line in the canonical form (the digest is not checked by lint). */
    static String mfLine(String name) {
        return "SHA1(" + name + ")= " + "0".repeat(40) + "\n";
    }

    /** Writes an OVA of {@code members} in order; {@code pax} writes PAX headers for every member. */
    static Path ova(Path dir, String name, Map<String, byte[]> members, boolean pax) {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); TarArchiveOutputStream t = new TarArchiveOutputStream(os)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                if (pax) {
                    te.addPaxHeader("comment", "made with PAX headers");
                }
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The usual members: app.ovf, app.mf (canonical SHA1 lines), app-disk1.vmdk (a streamOptimized header). */
    static Map<String, byte[]> members(String ovf) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("app.ovf", utf8(ovf));
        m.put("app.mf", utf8(mfLine("app.ovf") + mfLine("app-disk1.vmdk")));
        m.put("app-disk1.vmdk", STREAM_VMDK_HEAD);
        return m;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Lints the package at {@code p} against the built-in targets named. */
    static LintReport lint(Path p, String targets) {
        try (OvfPackage pkg = OvfPackage.open(p)) {
            return Linter.lint(pkg, Targets.builtIn().parse(targets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The findings of one rule for one target. */
    static List<Finding> findings(LintReport r, String target, String rule) {
        return r.findings(target).stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /**
     * The 1-based line and column of the {@code <} of the first element start tag after {@code after}
     * whose text begins with {@code needle} (such as {@code <vssd:VirtualSystemType>}).
     */
    static int[] where(String text, String needle) {
        int i = text.indexOf(needle);
        if (i < 0) {
            throw new AssertionError("not in the fixture: " + needle);
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new int[] {line, i - lineStart + 1};
    }

    /** The text of a file. */
    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of an OVA's descriptor. */
    static String descriptorText(Path ova) {
        try (OvfPackage pkg = OvfPackage.open(ova)) {
            return new String(pkg.descriptor().originalBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
