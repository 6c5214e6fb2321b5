package io.ovfkit.ovf.value;

import java.util.Optional;

/**
 * The values of {@code rasd:ResourceType} (CIM_ResourceAllocationSettingData.ResourceType): the
 * DMTF values 1 to 33 with their DMTF names, plus VirtualBox's non-standard sound card (35).
 *
 * <p>The CIM schema also admits 0 and 34..32767 ("DMTF reserved") and 32768..65535 ("Vendor
 * reserved"); those have no constant here. Use {@link #describe(int)} to name any code and
 * {@link #parseCode(String)} to read one without requiring a constant.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum ResourceType {
    /** 1: Other (VMware uses it with {@code vmware.*} subtypes for VMCI, sound, vTPM, ...). */
    OTHER(1, "Other"),
    /** 2: Computer System. */
    COMPUTER_SYSTEM(2, "Computer System"),
    /** 3: Processor (vCPU count). */
    PROCESSOR(3, "Processor"),
    /** 4: Memory. */
    MEMORY(4, "Memory"),
    /** 5: IDE Controller. */
    IDE_CONTROLLER(5, "IDE Controller"),
    /** 6: Parallel SCSI HBA. */
    PARALLEL_SCSI_HBA(6, "Parallel SCSI HBA"),
    /** 7: FC HBA. */
    FC_HBA(7, "FC HBA"),
    /** 8: iSCSI HBA. */
    ISCSI_HBA(8, "iSCSI HBA"),
    /** 9: IB HCA. */
    IB_HCA(9, "IB HCA"),
    /** 10: Ethernet Adapter. */
    ETHERNET_ADAPTER(10, "Ethernet Adapter"),
    /** 11: Other Network Adapter. */
    OTHER_NETWORK_ADAPTER(11, "Other Network Adapter"),
    /** 12: I/O Slot. */
    IO_SLOT(12, "I/O Slot"),
    /** 13: I/O Device. */
    IO_DEVICE(13, "I/O Device"),
    /** 14: Floppy Drive. */
    FLOPPY_DRIVE(14, "Floppy Drive"),
    /** 15: CD Drive. */
    CD_DRIVE(15, "CD Drive"),
    /** 16: DVD drive. */
    DVD_DRIVE(16, "DVD drive"),
    /** 17: Disk Drive. */
    DISK_DRIVE(17, "Disk Drive"),
    /** 18: Tape Drive. */
    TAPE_DRIVE(18, "Tape Drive"),
    /** 19: Storage Extent. */
    STORAGE_EXTENT(19, "Storage Extent"),
    /** 20: Other storage device (SATA, NVMe and virtio-scsi controllers in practice). */
    OTHER_STORAGE_DEVICE(20, "Other storage device"),
    /** 21: Serial port. */
    SERIAL_PORT(21, "Serial port"),
    /** 22: Parallel port. */
    PARALLEL_PORT(22, "Parallel port"),
    /** 23: USB Controller. */
    USB_CONTROLLER(23, "USB Controller"),
    /** 24: Graphics controller. */
    GRAPHICS_CONTROLLER(24, "Graphics controller"),
    /** 25: IEEE 1394 Controller. */
    IEEE_1394_CONTROLLER(25, "IEEE 1394 Controller"),
    /** 26: Partitionable Unit. */
    PARTITIONABLE_UNIT(26, "Partitionable Unit"),
    /** 27: Base Partitionable Unit. */
    BASE_PARTITIONABLE_UNIT(27, "Base Partitionable Unit"),
    /** 28: Power. */
    POWER(28, "Power"),
    /** 29: Cooling Capacity. */
    COOLING_CAPACITY(29, "Cooling Capacity"),
    /** 30: Ethernet Switch Port. */
    ETHERNET_SWITCH_PORT(30, "Ethernet Switch Port"),
    /** 31: Logical Disk. */
    LOGICAL_DISK(31, "Logical Disk"),
    /** 32: Storage Volume. */
    STORAGE_VOLUME(32, "Storage Volume"),
    /** 33: Ethernet Connection. */
    ETHERNET_CONNECTION(33, "Ethernet Connection"),
    /**
     * 35: VirtualBox's sound card. Not a CIM value (35 lies in the DMTF-reserved range); VirtualBox
     * flags it as non-standard itself. VMware describes sound cards as {@link #OTHER} with a
     * {@code vmware.soundcard.*} subtype, so map to 1 when writing for VMware.
     */
    VIRTUALBOX_SOUND_CARD(35, "Sound Card (VirtualBox, non-standard)");

    /** Largest code the CIM schema admits (uint16). */
    public static final int MAX_CODE = 65535;

    private static final ResourceType[] BY_CODE = new ResourceType[36];

    static {
        for (ResourceType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String displayName;

    ResourceType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The numeric value written in {@code rasd:ResourceType}. */
    public int code() {
        return code;
    }

    /** The DMTF name of the value, such as {@code Disk Drive}. */
    public String displayName() {
        return displayName;
    }

    /** Whether the value is defined by DMTF ({@code false} only for {@link #VIRTUALBOX_SOUND_CARD}). */
    public boolean standard() {
        return this != VIRTUALBOX_SOUND_CARD;
    }

    /**
     * The constant for {@code code}.
     *
     * @param code a ResourceType value
     * @return the constant, or empty for reserved, vendor and out-of-range codes
     */
    public static Optional<ResourceType> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /**
     * A human description of any code, for messages: {@code 17 (Disk Drive)},
     * {@code 35 (Sound Card (VirtualBox, non-standard))}, {@code 0 (DMTF reserved)},
     * {@code 40 (DMTF reserved)}, {@code 40000 (Vendor reserved)}, {@code 70000 (invalid: outside 0..65535)}.
     *
     * @param code any integer
     * @return the description
     */
    public static String describe(int code) {
        Optional<ResourceType> t = fromCode(code);
        if (t.isPresent()) {
            return code + " (" + t.get().displayName + ")";
        }
        if (code >= 0 && code <= 32767) {
            return code + " (DMTF reserved)";
        }
        if (code >= 32768 && code <= MAX_CODE) {
            return code + " (Vendor reserved)";
        }
        return code + " (invalid: outside 0.." + MAX_CODE + ")";
    }

    /**
     * Reads the decimal text of {@code rasd:ResourceType} as a code, without requiring a constant.
     *
     * @param text decimal digits, surrounding XML whitespace ignored
     * @return the code, 0..65535
     * @throws IllegalArgumentException if the text is not a decimal integer in 0..65535; the
     *     message quotes the text
     */
    public static int parseCode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("ResourceType missing: expected a decimal number such as 17");
        }
        String t = text.length() > 4096 ? text : Texts.trimXml(text);
        if (!Texts.isDigits(t)) {
            throw new IllegalArgumentException("ResourceType " + Texts.quote(text)
                    + " is not a decimal number; expected a value such as 17 (Disk Drive)");
        }
        String digits = Texts.stripLeadingZeros(t);
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_CODE) {
            throw new IllegalArgumentException("ResourceType " + Texts.quote(text)
                    + " is out of range; expected a value in 0.." + MAX_CODE);
        }
        return Integer.parseInt(digits);
    }

    /**
     * Reads the decimal text of {@code rasd:ResourceType} as a constant.
     *
     * @param text decimal digits, surrounding XML whitespace ignored
     * @return the constant
     * @throws IllegalArgumentException if the text is not a number, out of range, or a reserved
     *     code with no constant; the message quotes the text and names the range it falls in
     */
    public static ResourceType parse(String text) {
        int code = parseCode(text);
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("ResourceType " + Texts.quote(text)
                + " is " + describe(code) + ", not a known resource type; expected 1..33 or 35"));
    }
}
