package io.ovfkit.convert.vm;

import io.ovfkit.convert.vm.VirtualMachine.Bus;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import io.ovfkit.ova.write.PackageResult;
import io.ovfkit.ova.write.PackageWriter;
import io.ovfkit.ovf.OvfDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports a VM definition ({@code .vmx}, libvirt domain XML or {@code .vbox}) as an OVF package:
 * the descriptor built by {@link OvfMapping#toDescriptor} from the VM's current state, each disk
 * read through its snapshot chain (the disk as the VM sees it now) and converted into the package
 * by the {@link PackageWriter} in the same pass.
 *
 * <p>Stateless; safe to call from any thread for distinct outputs (disks are converted on the disk
 * engine's worker threads, which end before the call returns).
 */
public final class VmExporter {
    private VmExporter() {
    }

    /** The format of a VM definition. */
    public enum DefinitionFormat {
        /** VMware .vmx. */
        VMX,
        /** libvirt domain XML. */
        LIBVIRT,
        /** VirtualBox .vbox. */
        VBOX
    }

    /** The format of {@code bytes}, by content: {@code <domain}, {@code <VirtualBox}, else {@code .vmx} lines. */
    public static DefinitionFormat detect(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64 << 10), StandardCharsets.ISO_8859_1);
        String noComments = head.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<\\?.*?\\?>", "").stripLeading();
        if (noComments.startsWith("<domain")) {
            return DefinitionFormat.LIBVIRT;
        }
        if (noComments.startsWith("<VirtualBox")) {
            return DefinitionFormat.VBOX;
        }
        return DefinitionFormat.VMX;
    }

    /**
     * Reads a VM definition of any of the three formats.
     *
     * @throws VmDefinitionException when malformed or encrypted
     * @throws NoSuchFileException when it does not exist
     */
    public static VirtualMachine read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > VboxFormat.MAX_BYTES) {
            throw new VmDefinitionException(file.toString(), 0, "larger than " + VboxFormat.MAX_BYTES
                    + " bytes: not a VM definition");
        }
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(VboxFormat.MAX_BYTES + 1); // the cap holds for a FIFO or device too
        }
        if (bytes.length > VboxFormat.MAX_BYTES) {
            throw new VmDefinitionException(file.toString(), 0, "larger than " + VboxFormat.MAX_BYTES
                    + " bytes: not a VM definition");
        }
        return switch (detect(bytes)) {
            case LIBVIRT -> LibvirtFormat.read(bytes, file);
            case VBOX -> VboxFormat.read(bytes, file);
            case VMX -> VmxFormat.read(bytes, file);
        };
    }

    /**
     * Writes the package of the VM defined in {@code file} with {@code writer} and finishes it.
     * Member names: {@code NAME.ovf}, {@code NAME-diskN.vmdk} (NAME made of the VM's name).
     *
     * @throws VmDefinitionException when the definition is malformed or encrypted, or a disk has no
     *     image file (a network or pool volume) or its image is missing
     */
    public static PackageResult export(Path file, PackageWriter writer, OvfMapping.Models models) throws IOException {
        VirtualMachine vm = read(file);
        List<DiskImage> images = new ArrayList<>();
        try {
            List<String> hrefs = new ArrayList<>();
            List<Long> capacities = new ArrayList<>();
            String id = VmImporter.fileName(vm.name());
            for (int i = 0; i < vm.disks().size(); i++) {
                VirtualMachine.Disk d = vm.disks().get(i);
                if (d.image() == null) {
                    throw new VmDefinitionException(file.toString(), 0, "disk " + d.slot() + " (" + d.location()
                            + ") is not a file: only disks stored in files can be exported");
                }
                if (!Files.exists(d.image())) {
                    throw new VmDefinitionException(file.toString(), 0, "disk " + d.slot() + ": its image "
                            + d.image() + " does not exist");
                }
                DiskImage image = open(d);
                images.add(image);
                hrefs.add(id + "-disk" + (i + 1) + ".vmdk");
                capacities.add((image.capacity() + 511) / 512 * 512);
            }
            OvfDescriptor descriptor = OvfMapping.toDescriptor(vm, id, hrefs, capacities, models);
            writer.descriptor(descriptor, id + ".ovf");
            for (int i = 0; i < images.size(); i++) {
                writer.disk(hrefs.get(i), images.get(i));
            }
            return writer.finish();
        } finally {
            for (DiskImage i : images) {
                i.close();
            }
        }
    }

    private static DiskImage open(VirtualMachine.Disk d) throws IOException {
        if (d.parent() != null && isDifferencingVdi(d.image())) {
            return DiskImages.open(d.image(), d.parent());
        }
        return DiskImages.open(d.image());
    }

    /** Whether a file is a VDI of type 4 (differencing): its parent is the one the definition names. */
    private static boolean isDifferencingVdi(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(p)) {
            while (b.hasRemaining() && ch.read(b) > 0) {
                // header
            }
        }
        return b.position() >= 80 && b.getInt(64) == 0xbeda107f && b.getInt(76) == 4;
    }

    /** Whether a VM's disks include one on a bus OVF has no controller for (virtio-blk). */
    static boolean hasVirtioDisks(VirtualMachine vm) {
        return vm.disks().stream().anyMatch(d -> d.slot().bus() == Bus.VIRTIO);
    }
}
