package io.ovfkit.cli;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.info.DescriptorInfo;
import io.ovfkit.ovf.info.DescriptorInfo.DeploymentOptionInfo;
import io.ovfkit.ovf.info.DescriptorInfo.DiskInfo;
import io.ovfkit.ovf.info.DescriptorInfo.FileInfo;
import io.ovfkit.ovf.info.DescriptorInfo.NetworkInfo;
import io.ovfkit.ovf.info.DescriptorInfo.PropertyInfo;
import io.ovfkit.ovf.info.DescriptorInfo.SystemInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text report of {@code ovfkit info}: a summary for people, sizes in binary units, the default
 * deployment option marked with {@code *}. Password values are never printed, whatever the
 * descriptor holds. The layout may change between releases; scripts should use {@code --json}.
 */
final class InfoText {
    private static final String UNKNOWN = "unknown";

    private InfoText() {
    }

    static void print(PrintWriter out, String file, DescriptorInfo info) {
        out.println(file + ": OVF " + info.ovfVersion());

        for (SystemInfo s : info.virtualSystems()) {
            out.println();
            out.println("Virtual system " + orDash(s.id()) + (s.name() == null || s.name().equals(s.id()) ? "" : " (" + s.name() + ")"));
            out.println("  CPUs:    " + (s.cpus() == null ? UNKNOWN : s.cpus()));
            out.println("  Memory:  " + (s.memoryBytes() == null ? UNKNOWN : ByteSize.format(s.memoryBytes())));
            out.println("  OS:      " + os(s));
            out.println("  Type:    " + (s.virtualSystemType() == null ? UNKNOWN : s.virtualSystemType().strip()));
        }

        heading(out, "Files", info.files().size());
        for (FileInfo f : info.files()) {
            List<String> facts = new ArrayList<>();
            facts.add(f.size() == null ? "size unknown" : ByteSize.format(f.size()));
            if (f.compression() != null) {
                facts.add(f.compression());
            }
            if (f.chunkSize() != null) {
                facts.add("in chunks of " + ByteSize.format(f.chunkSize()));
            }
            out.println("  " + orDash(f.id()) + "  " + orDash(f.href()) + "  (" + String.join(", ", facts) + ")");
        }

        heading(out, "Disks", info.disks().size());
        for (DiskInfo d : info.disks()) {
            String capacity = d.capacityBytes() != null ? ByteSize.format(d.capacityBytes())
                    : d.capacity() != null && d.capacity().strip().startsWith("${") ? d.capacity().strip() + " (set by a property)"
                    : "capacity " + (d.capacity() == null ? UNKNOWN : "\"" + d.capacity() + "\" not understood");
            String format = d.formatName() != null ? d.formatName() : d.format() != null ? d.format() : "format unknown";
            String backing = d.fileRef() != null ? "file " + d.fileRef() : "empty (no file)";
            out.println("  " + orDash(d.diskId()) + "  " + capacity + "  " + format + "  " + backing);
        }

        heading(out, "Networks", info.networks().size());
        for (NetworkInfo n : info.networks()) {
            out.println("  " + orDash(n.name()) + (n.description() == null ? "" : "  " + n.description().strip()));
        }

        heading(out, "Deployment options", info.deploymentOptions().size());
        for (DeploymentOptionInfo o : info.deploymentOptions()) {
            out.println((o.defaultOption() ? "  * " : "    ") + orDash(o.id())
                    + (o.label() == null ? "" : "  " + o.label().strip()) + (o.defaultOption() ? "  (default)" : ""));
        }

        heading(out, "Properties", info.properties().size());
        String category = null;
        for (PropertyInfo p : info.properties()) {
            if (p.category() != null && !Objects.equals(p.category(), category)) {
                out.println("  [" + p.category().strip() + "]");
            }
            category = p.category();
            List<String> facts = new ArrayList<>();
            facts.add(p.type() == null ? "type unknown" : p.type());
            if (p.password()) {
                facts.add("password");
            }
            if (p.userConfigurable()) {
                facts.add("user-configurable");
            }
            if (p.qualifiers() != null) {
                facts.add(p.qualifiers());
            }
            out.println("  " + p.id() + " = " + value(p) + "  (" + String.join(", ", facts) + ")"
                    + (p.label() == null ? "" : "  " + p.label().strip()));
        }

        heading(out, "Diagnostics", info.diagnostics().size());
        for (Diagnostic d : info.diagnostics()) {
            out.println("  " + DiagnosticText.format(file, d));
        }
        out.flush();
    }

    private static void heading(PrintWriter out, String title, int count) {
        out.println();
        out.println(title + (count == 0 ? ": none" : " (" + count + ")"));
    }

    private static String os(SystemInfo s) {
        if (s.osType() == null && s.osTypeId() == null) {
            return UNKNOWN;
        }
        if (s.osTypeId() == null) {
            return s.osType();
        }
        return (s.osType() == null ? "" : s.osType() + " ") + "(CIM " + s.osTypeId() + ")";
    }

    /** The value to show: never a password's, even if a library change ever let one through. */
    private static String value(PropertyInfo p) {
        if (p.password()) {
            return "(hidden)";
        }
        return p.value() == null ? "(no value)" : "\"" + p.value() + "\"";
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
