package io.ovfkit.convert.vm;

import io.ovfkit.ovf.OvfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the VM-definition fuzz tests do with a definition a reader accepted: what {@code ovfkit
 * export} does (the OVF mapping, both model sets) and what {@code import} does (each format's
 * writer). A reader that accepts a definition must yield a description the rest can use.
 */
final class VmFuzzChecks {
    static final Path FILE = Path.of("/fuzz/vm/machine");

    private VmFuzzChecks() {
    }

    static void use(VirtualMachine vm) {
        List<String> hrefs = new ArrayList<>();
        List<Long> capacities = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < vm.disks().size(); i++) {
            hrefs.add("disk" + i + ".vmdk");
            capacities.add(Math.max(1L << 20, vm.disks().get(i).capacity()));
            uuids.add(new UUID(0, i + 1).toString());
        }
        for (OvfMapping.Models m : OvfMapping.Models.values()) {
            try {
                OvfMapping.toDescriptor(vm, "vm", hrefs, capacities, m).toBytes();
            } catch (OvfException refused) {
                // a value OVF cannot carry, refused with a message
            }
        }
        VmxFormat.write(vm, 14, Map.of());
        LibvirtFormat.write(vm);
        VboxFormat.write(vm, new VboxFormat.Media(new UUID(1, 1).toString(), uuids, new UUID(2, 2).toString()));
    }
}
