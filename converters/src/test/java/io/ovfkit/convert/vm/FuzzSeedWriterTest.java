package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.ovf.value.OsType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpora of the VM-definition fuzz tests into {@code src/test/resources} with the
 * project's own writers. Runs only on request:
 * {@code mvn -pl converters -am test -Dtest=FuzzSeedWriterTest -Dfuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
class FuzzSeedWriterTest {
    static final Path RESOURCES = Path.of("src/test/resources/io/ovfkit/convert/vm");

    @Test
    void writeSeeds() throws IOException {
        VirtualMachine full = VirtualMachine.builder("fuzz \"vm\" & co").cpus(4).coresPerSocket(2).memoryMiB(2048)
                .firmware(VirtualMachine.Firmware.EFI).secureBoot(true).architecture("x86_64")
                .guestOs(OsType.ofVmwareGuestId("ubuntu64Guest").orElseThrow())
                .controller(new VirtualMachine.Controller(Bus.SCSI, 0, "lsilogic"))
                .controller(new VirtualMachine.Controller(Bus.SATA, 0, "ahci"))
                .disk(new VirtualMachine.Disk(new VirtualMachine.Slot(Bus.SCSI, 0, 0), "disk0.vmdk",
                        Path.of("/fuzz/vm/disk0.vmdk"), null, "vmdk", 1L << 30))
                .disk(new VirtualMachine.Disk(new VirtualMachine.Slot(Bus.SATA, 0, 1), "disk1.vmdk",
                        Path.of("/fuzz/vm/disk1.vmdk"), null, "vmdk", 2L << 30))
                .cdrom(new VirtualMachine.CdRom(new VirtualMachine.Slot(Bus.SATA, 0, 2), Path.of("/fuzz/vm/cd.iso")))
                .nic(new VirtualMachine.Nic("vmxnet3", "VM Network", "00:50:56:aa:bb:01"))
                .nic(new VirtualMachine.Nic("e1000", "", null))
                .serialPort(new VirtualMachine.SerialPort(0, "file", "/tmp/serial0"))
                .build();
        VirtualMachine small = VirtualMachine.builder("small").cpus(1).memoryMiB(512)
                .disk(new VirtualMachine.Disk(new VirtualMachine.Slot(Bus.VIRTIO, 0, 0), "d.qcow2",
                        Path.of("/fuzz/vm/d.qcow2"), null, "qcow2", 1L << 30))
                .nic(new VirtualMachine.Nic("virtio", "default", null))
                .build();
        int n = 0;
        for (VirtualMachine vm : List.of(full, small)) {
            n++;
            Files.writeString(inputs("VmxFuzzTest", "readVmx").resolve("seed-" + n + ".vmx"),
                    VmxFormat.write(vm, 14, Map.of("guestinfo.ovfEnv", "<Environment/>")));
            Files.writeString(inputs("LibvirtFuzzTest", "readLibvirt").resolve("seed-" + n + ".xml"),
                    LibvirtFormat.write(vm));
            List<String> uuids = vm.disks().stream().map(d -> "00000000-0000-0000-0000-00000000000" + d.slot().unit()).toList();
            Files.writeString(inputs("VboxFuzzTest", "readVbox").resolve("seed-" + n + ".vbox"),
                    VboxFormat.write(vm, new VboxFormat.Media("11111111-1111-1111-1111-111111111111", uuids,
                            "22222222-2222-2222-2222-222222222222")));
        }
    }

    static Path inputs(String testClass, String method) throws IOException {
        return Files.createDirectories(RESOURCES.resolve(testClass + "Inputs").resolve(method));
    }
}
