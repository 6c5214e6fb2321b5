package io.ovfkit.samples;

import io.ovfkit.ova.Member;
import io.ovfkit.ova.OvfPackage;
import io.ovfkit.ovf.info.DescriptorInfo;
import java.nio.file.Path;

/**
 * Prints what an OVA holds: its members, and the virtual systems, disks and networks of its
 * descriptor. The package is read in place, never extracted.
 *
 * <pre>java io.ovfkit.samples.InspectOva appliance.ova</pre>
 */
public final class InspectOva {
    private InspectOva() {
    }

    /** Runs the example on the OVA named by the first argument. */
    public static void main(String[] args) throws Exception {
        try (OvfPackage pkg = OvfPackage.open(Path.of(args[0]))) {
            for (Member m : pkg.members()) {
                System.out.println("member " + m.name() + " (" + m.size() + " bytes)");
            }
            DescriptorInfo info = DescriptorInfo.of(pkg.descriptor());
            for (DescriptorInfo.SystemInfo s : info.virtualSystems()) {
                System.out.println("system " + s.name() + ": " + s.cpus() + " CPUs, " + (s.memoryBytes() >> 20) + " MiB");
            }
            for (DescriptorInfo.DiskInfo d : info.disks()) {
                System.out.println("disk " + d.diskId() + ": " + d.capacityBytes() + " bytes");
            }
            for (DescriptorInfo.NetworkInfo n : info.networks()) {
                System.out.println("network " + n.name());
            }
        }
    }
}
