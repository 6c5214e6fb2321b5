package io.ovfkit.ovf.value;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The operating system of a virtual system: the CIM OSType id of
 * {@code OperatingSystemSection/@ovf:id}, its CIM name, and optionally VMware's guest id
 * ({@code vmw:osType}), which vSphere treats as authoritative.
 *
 * <h2>CIM ids</h2>
 * <p>Ids 0..111 and their names are those of the DMTF {@code CIM_OperatingSystem.OSType} ValueMap.
 * <strong>Ids 112..120 follow the numbering that VirtualBox and VMware write</strong> (112 Windows
 * Server 2012, 113 Windows 8, 114 Windows 8 64-bit, 115 Windows Server 2012 R2, 116 Windows 8.1,
 * 117 Windows 8.1 64-bit, 118 Windows Server 2016, 119 Windows 10, 120 Windows 10 64-bit), with
 * the DMTF wording of the names. The DMTF MOF itself skips 112 and numbers these entries one
 * higher (113 Windows Server 2012 ... 121 Windows 10 64-bit); descriptors in the wild use the
 * producers' numbering, so this table does too. Ids above 120 and gaps are accepted up to 65535
 * (the attribute is an {@code unsignedShort}) and reported by {@link #knownCimId()}.
 *
 * <h2>VMware guest ids</h2>
 * <p>A table of common {@code vmw:osType} values (VMware's {@code GuestOsIdentifier}), looked up
 * case-insensitively, maps each to the closest CIM id; where CIM has nothing closer, a generic
 * bucket is used (for example {@code windows2019srv_64Guest} → 118 Windows Server 2016,
 * {@code windows11_64Guest} → 120, {@code vmwarePhoton64Guest} → 101 Linux 64-Bit). The reverse
 * direction, {@link #defaultVmwareGuestId(int)}, picks a reasonable guest id for a CIM id, falling
 * back to {@code otherGuest} / {@code otherGuest64}.
 *
 * <p>Instances are immutable; equality compares the CIM id and the VMware guest id.
 */
public final class OsType {

    /** Largest CIM id accepted ({@code xs:unsignedShort}). */
    public static final int MAX_CIM_ID = 65535;

    /** Longest text accepted by {@link #parse(String)} and as a VMware guest id. */
    public static final int MAX_TEXT_LENGTH = 256;

    /** CIM OSType names by id; see the class description for 112..120. */
    private static final String[] CIM_NAMES = {
        "Unknown", "Other", "MACOS", "ATTUNIX", // 0..3
        "DGUX", "DECNT", "Tru64 UNIX", "OpenVMS", // 4..7
        "HPUX", "AIX", "MVS", "OS400", // 8..11
        "OS/2", "JavaVM", "MSDOS", "WIN3x", // 12..15
        "WIN95", "WIN98", "WINNT", "WINCE", // 16..19
        "NCR3000", "NetWare", "OSF", "DC/OS", // 20..23
        "Reliant UNIX", "SCO UnixWare", "SCO OpenServer", "Sequent", // 24..27
        "IRIX", "Solaris", "SunOS", "U6000", // 28..31
        "ASERIES", "HP NonStop OS", "HP NonStop OSS", "BS2000", // 32..35
        "LINUX", "Lynx", "XENIX", "VM", // 36..39
        "Interactive UNIX", "BSDUNIX", "FreeBSD", "NetBSD", // 40..43
        "GNU Hurd", "OS9", "MACH Kernel", "Inferno", // 44..47
        "QNX", "EPOC", "IxWorks", "VxWorks", // 48..51
        "MiNT", "BeOS", "HP MPE", "NextStep", // 52..55
        "PalmPilot", "Rhapsody", "Windows 2000", "Dedicated", // 56..59
        "OS/390", "VSE", "TPF", "Windows (R) Me", // 60..63
        "Caldera Open UNIX", "OpenBSD", "Not Applicable", "Windows XP", // 64..67
        "z/OS", "Microsoft Windows Server 2003", "Microsoft Windows Server 2003 64-Bit", "Windows XP 64-Bit", // 68..71
        "Windows XP Embedded", "Windows Vista", "Windows Vista 64-Bit", "Windows Embedded for Point of Service", // 72..75
        "Microsoft Windows Server 2008", "Microsoft Windows Server 2008 64-Bit", "FreeBSD 64-Bit", "RedHat Enterprise Linux", // 76..79
        "RedHat Enterprise Linux 64-Bit", "Solaris 64-Bit", "SUSE", "SUSE 64-Bit", // 80..83
        "SLES", "SLES 64-Bit", "Novell OES", "Novell Linux Desktop", // 84..87
        "Sun Java Desktop System", "Mandriva", "Mandriva 64-Bit", "TurboLinux", // 88..91
        "TurboLinux 64-Bit", "Ubuntu", "Ubuntu 64-Bit", "Debian", // 92..95
        "Debian 64-Bit", "Linux 2.4.x", "Linux 2.4.x 64-Bit", "Linux 2.6.x", // 96..99
        "Linux 2.6.x 64-Bit", "Linux 64-Bit", "Other 64-Bit", "Microsoft Windows Server 2008 R2", // 100..103
        "VMware ESXi", "Microsoft Windows 7", "CentOS 32-bit", "CentOS 64-bit", // 104..107
        "Oracle Linux 32-bit", "Oracle Linux 64-bit", "eComStation 32-bitx", "Microsoft Windows Server 2011", // 108..111
        "Microsoft Windows Server 2012", "Microsoft Windows 8", "Microsoft Windows 8 64-bit", "Microsoft Windows Server 2012 R2", // 112..115
        "Microsoft Windows 8.1", "Microsoft Windows 8.1 64-bit", "Microsoft Windows Server 2016", "Microsoft Windows 10", // 116..119
        "Microsoft Windows 10 64-bit", // 120..120
    };

    /** Lower-case VMware guest id to its canonical spelling. */
    private static final Map<String, String> GUEST_SPELLING = new HashMap<>();
    /** Canonical VMware guest id to CIM id, in table order. */
    private static final Map<String, Integer> GUEST_TO_CIM = new LinkedHashMap<>();
    /** CIM id to the default VMware guest id. */
    private static final Map<Integer, String> CIM_TO_GUEST = new HashMap<>();

    static {
        // Windows
        guest(14, "dosGuest");
        guest(15, "win31Guest");
        guest(16, "win95Guest");
        guest(17, "win98Guest");
        guest(63, "winMeGuest");
        guest(18, "winNTGuest");
        guest(58, "win2000ProGuest", "win2000ServGuest", "win2000AdvServGuest");
        guest(67, "winXPHomeGuest", "winXPProGuest");
        guest(71, "winXPPro64Guest");
        guest(69, "winNetWebGuest", "winNetStandardGuest", "winNetEnterpriseGuest", "winNetDatacenterGuest",
                "winNetBusinessGuest");
        guest(70, "winNetStandard64Guest", "winNetEnterprise64Guest", "winNetDatacenter64Guest");
        guest(73, "winVistaGuest");
        guest(74, "winVista64Guest");
        guest(76, "winLonghornGuest");
        guest(77, "winLonghorn64Guest");
        guest(105, "windows7Guest", "windows7_64Guest");
        guest(103, "windows7Server64Guest");
        guest(113, "windows8Guest");
        guest(114, "windows8_64Guest");
        guest(112, "windows8Server64Guest", "windowsHyperVGuest");
        guest(119, "windows9Guest");
        guest(120, "windows9_64Guest", "windows11_64Guest");
        guest(118, "windows9Server64Guest", "windows2019srv_64Guest", "windows2019srvNext_64Guest",
                "windows2022srvNext_64Guest");
        // Linux distributions with their own CIM ids
        guest(93, "ubuntuGuest");
        guest(94, "ubuntu64Guest");
        guest(95, "debian4Guest", "debian5Guest", "debian6Guest", "debian7Guest", "debian8Guest", "debian9Guest",
                "debian10Guest", "debian11Guest", "debian12Guest");
        guest(96, "debian4_64Guest", "debian5_64Guest", "debian6_64Guest", "debian7_64Guest", "debian8_64Guest",
                "debian9_64Guest", "debian10_64Guest", "debian11_64Guest", "debian12_64Guest");
        guest(79, "rhel2Guest", "rhel3Guest", "rhel4Guest", "rhel5Guest", "rhel6Guest", "rhel7Guest");
        guest(80, "rhel3_64Guest", "rhel4_64Guest", "rhel5_64Guest", "rhel6_64Guest", "rhel7_64Guest",
                "rhel8_64Guest", "rhel9_64Guest");
        guest(106, "centosGuest", "centos6Guest");
        guest(107, "centos64Guest", "centos6_64Guest", "centos7_64Guest", "centos8_64Guest", "centos9_64Guest");
        guest(108, "oracleLinuxGuest", "oracleLinux6Guest");
        guest(109, "oracleLinux64Guest", "oracleLinux6_64Guest", "oracleLinux7_64Guest", "oracleLinux8_64Guest",
                "oracleLinux9_64Guest");
        guest(82, "suseGuest", "opensuseGuest");
        guest(83, "suse64Guest", "opensuse64Guest");
        guest(84, "slesGuest", "sles10Guest", "sles11Guest", "sles12Guest");
        guest(85, "sles64Guest", "sles10_64Guest", "sles11_64Guest", "sles12_64Guest", "sles15_64Guest");
        guest(86, "oesGuest");
        guest(87, "nld9Guest");
        guest(88, "sjdsGuest");
        guest(89, "mandrivaGuest", "mandrakeGuest");
        guest(90, "mandriva64Guest");
        guest(91, "turboLinuxGuest");
        guest(92, "turboLinux64Guest");
        // Generic Linux
        guest(36, "otherLinuxGuest", "other3xLinuxGuest", "other4xLinuxGuest", "other5xLinuxGuest", "redhatGuest",
                "fedoraGuest");
        guest(101, "otherLinux64Guest", "other3xLinux64Guest", "other4xLinux64Guest", "other5xLinux64Guest",
                "fedora64Guest", "vmwarePhoton64Guest", "coreos64Guest", "amazonlinux2_64Guest",
                "amazonlinux3_64Guest", "rockylinux_64Guest", "almalinux_64Guest");
        guest(97, "other24xLinuxGuest");
        guest(98, "other24xLinux64Guest");
        guest(99, "other26xLinuxGuest");
        guest(100, "other26xLinux64Guest");
        // Other systems
        guest(42, "freebsdGuest", "freebsd11Guest", "freebsd12Guest", "freebsd13Guest");
        guest(78, "freebsd64Guest", "freebsd11_64Guest", "freebsd12_64Guest", "freebsd13_64Guest",
                "freebsd14_64Guest");
        guest(29, "solaris10Guest", "solaris6Guest", "solaris7Guest", "solaris8Guest", "solaris9Guest");
        guest(81, "solaris11_64Guest", "solaris10_64Guest");
        guest(12, "os2Guest");
        guest(110, "eComStation2Guest", "eComStationGuest");
        guest(21, "netware6Guest", "netware5Guest", "netware4Guest");
        guest(26, "openServer6Guest", "openServer5Guest");
        guest(25, "unixWare7Guest");
        guest(2, "darwinGuest", "darwin64Guest");
        guest(104, "vmkernel7Guest", "vmkernelGuest", "vmkernel5Guest", "vmkernel6Guest", "vmkernel65Guest",
                "vmkernel8Guest");
        guest(1, "otherGuest");
        guest(102, "otherGuest64");

        // Defaults for CIM ids whose first guest id above is not the best choice.
        CIM_TO_GUEST.put(0, "otherGuest");
        CIM_TO_GUEST.put(58, "win2000ProGuest");
        CIM_TO_GUEST.put(67, "winXPProGuest");
        CIM_TO_GUEST.put(69, "winNetStandardGuest");
        CIM_TO_GUEST.put(95, "debian10Guest");
        CIM_TO_GUEST.put(96, "debian10_64Guest");
        CIM_TO_GUEST.put(79, "rhel6Guest");
        CIM_TO_GUEST.put(80, "rhel7_64Guest");
        CIM_TO_GUEST.put(111, "windows7Server64Guest");
        CIM_TO_GUEST.put(115, "windows8Server64Guest");
        CIM_TO_GUEST.put(116, "windows8Guest");
        CIM_TO_GUEST.put(117, "windows8_64Guest");
    }

    private static void guest(int cimId, String... ids) {
        for (String id : ids) {
            String previous = GUEST_SPELLING.put(id.toLowerCase(Locale.ROOT), id);
            if (previous != null) {
                throw new IllegalStateException("duplicate VMware guest id " + id);
            }
            GUEST_TO_CIM.put(id, cimId);
        }
        CIM_TO_GUEST.putIfAbsent(cimId, ids[0]);
    }

    private final int cimId;
    private final String vmwareGuestId;

    private OsType(int cimId, String vmwareGuestId) {
        this.cimId = cimId;
        this.vmwareGuestId = vmwareGuestId;
    }

    /**
     * The operating system with CIM id {@code cimId} and no VMware guest id.
     *
     * @param cimId 0..65535
     * @return the value
     * @throws IllegalArgumentException if {@code cimId} is outside 0..65535
     */
    public static OsType ofCim(int cimId) {
        checkCimId(cimId);
        return new OsType(cimId, null);
    }

    /**
     * The pair found in a descriptor: {@code ovf:id} and {@code vmw:osType}. The guest id need not
     * be in ovfkit's table (VMware adds new ones with every release); a known one is stored in
     * VMware's spelling, an unknown one as given.
     *
     * @param cimId 0..65535
     * @param vmwareGuestId the guest id, or {@code null} when absent
     * @return the value
     * @throws IllegalArgumentException if {@code cimId} is out of range, or the guest id is blank,
     *     longer than {@value #MAX_TEXT_LENGTH} characters, or contains characters other than
     *     ASCII letters, digits, {@code _}, {@code -} and {@code .}
     */
    public static OsType of(int cimId, String vmwareGuestId) {
        checkCimId(cimId);
        if (vmwareGuestId == null) {
            return new OsType(cimId, null);
        }
        checkGuestIdSyntax(vmwareGuestId);
        String known = GUEST_SPELLING.get(vmwareGuestId.toLowerCase(Locale.ROOT));
        return new OsType(cimId, known != null ? known : vmwareGuestId);
    }

    /**
     * The operating system for a known VMware guest id, with the closest CIM id.
     *
     * @param vmwareGuestId a guest id such as {@code ubuntu64Guest}, any case
     * @return the value with the guest id in VMware's spelling, or empty when the id is not in
     *     ovfkit's table (or is null, blank or over-long)
     */
    public static Optional<OsType> ofVmwareGuestId(String vmwareGuestId) {
        if (vmwareGuestId == null || vmwareGuestId.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        String known = GUEST_SPELLING.get(vmwareGuestId.toLowerCase(Locale.ROOT));
        return known == null ? Optional.empty() : Optional.of(new OsType(GUEST_TO_CIM.get(known), known));
    }

    /**
     * Reads either a CIM OSType number or a known VMware guest id.
     *
     * @param text such as {@code 94} or {@code ubuntu64Guest}; surrounding XML whitespace ignored
     * @return the value
     * @throws IllegalArgumentException if the text is neither; the message quotes it and gives an
     *     example of each accepted form
     */
    public static OsType parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("OS type missing: expected a CIM OSType number such as 94"
                    + " (Ubuntu 64-Bit) or a VMware guest id such as ubuntu64Guest");
        }
        String t = text.length() > MAX_TEXT_LENGTH ? text : Texts.trimXml(text);
        if (t.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("OS type " + Texts.quote(text) + " is longer than " + MAX_TEXT_LENGTH
                    + " characters; expected a CIM OSType number such as 94 or a VMware guest id such as ubuntu64Guest");
        }
        if (Texts.isDigits(t)) {
            String digits = Texts.stripLeadingZeros(t);
            if (digits.length() > 5 || Integer.parseInt(digits) > MAX_CIM_ID) {
                throw new IllegalArgumentException("OS type " + Texts.quote(text)
                        + " is out of range: CIM OSType numbers are 0.." + MAX_CIM_ID);
            }
            return ofCim(Integer.parseInt(digits));
        }
        return ofVmwareGuestId(t).orElseThrow(() -> new IllegalArgumentException("OS type " + Texts.quote(text)
                + " is neither a CIM OSType number (such as 94 for Ubuntu 64-Bit) nor a known VMware guest id"
                + " (such as ubuntu64Guest)"));
    }

    private static void checkCimId(int cimId) {
        if (cimId < 0 || cimId > MAX_CIM_ID) {
            throw new IllegalArgumentException("CIM OSType id " + cimId + " is out of range; expected 0.." + MAX_CIM_ID);
        }
    }

    private static void checkGuestIdSyntax(String id) {
        if (id.isEmpty() || id.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("VMware guest id " + Texts.quote(id) + " must have 1.."
                    + MAX_TEXT_LENGTH + " characters; expected an id such as ubuntu64Guest");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                throw new IllegalArgumentException("VMware guest id " + Texts.quote(id) + " contains "
                        + Texts.quote(String.valueOf(c)) + " at index " + i
                        + "; expected ASCII letters, digits, '_', '-' or '.', such as ubuntu64Guest");
            }
        }
    }

    /** The CIM OSType id. */
    public int cimId() {
        return cimId;
    }

    /**
     * The CIM name of {@link #cimId()}, such as {@code Ubuntu 64-Bit}, or
     * {@code Unassigned OSType N} for an id not in the table.
     */
    public String cimName() {
        return cimName(cimId).orElse("Unassigned OSType " + cimId);
    }

    /** Whether {@link #cimId()} is in the CIM OSType table (0..120). */
    public boolean knownCimId() {
        return cimId < CIM_NAMES.length;
    }

    /** The VMware guest id ({@code vmw:osType}), or {@code null} when there is none. */
    public String vmwareGuestId() {
        return vmwareGuestId;
    }

    /** Whether {@link #vmwareGuestId()} is present and in ovfkit's table. */
    public boolean knownVmwareGuestId() {
        return vmwareGuestId != null && GUEST_TO_CIM.containsKey(vmwareGuestId);
    }

    /**
     * The guest id to write for VMware: {@link #vmwareGuestId()} when present, otherwise
     * {@link #defaultVmwareGuestId(int)} of the CIM id.
     */
    public String effectiveVmwareGuestId() {
        return vmwareGuestId != null ? vmwareGuestId : defaultVmwareGuestId(cimId);
    }

    /**
     * This operating system with another VMware guest id; same rules as {@link #of(int, String)}.
     *
     * @param guestId the guest id, or {@code null} to remove it
     * @return the new value
     */
    public OsType withVmwareGuestId(String guestId) {
        return of(cimId, guestId);
    }

    /**
     * The CIM name for an id.
     *
     * @param cimId any integer
     * @return the name, or empty when the id is not in the table
     */
    public static Optional<String> cimName(int cimId) {
        return cimId >= 0 && cimId < CIM_NAMES.length ? Optional.of(CIM_NAMES[cimId]) : Optional.empty();
    }

    /**
     * The closest CIM id for a VMware guest id.
     *
     * @param vmwareGuestId a guest id, any case
     * @return the CIM id, or empty when the guest id is not in the table
     */
    public static OptionalInt cimIdOf(String vmwareGuestId) {
        return ofVmwareGuestId(vmwareGuestId).map(o -> OptionalInt.of(o.cimId)).orElse(OptionalInt.empty());
    }

    /**
     * A reasonable VMware guest id for a CIM id: the table's choice (for example 94 →
     * {@code ubuntu64Guest}, 80 → {@code rhel7_64Guest}, 120 → {@code windows9_64Guest}), else
     * {@code otherGuest64} for ids whose CIM name says 64-bit and {@code otherGuest} for the rest.
     *
     * @param cimId any integer
     * @return the guest id, never null
     */
    public static String defaultVmwareGuestId(int cimId) {
        String g = CIM_TO_GUEST.get(cimId);
        if (g != null) {
            return g;
        }
        return cimName(cimId).map(n -> n.toLowerCase(Locale.ROOT).contains("64-bit")).orElse(false)
                ? "otherGuest64" : "otherGuest";
    }

    /** The VMware guest ids ovfkit knows, in VMware's spelling. */
    public static Set<String> vmwareGuestIds() {
        return Collections.unmodifiableSet(GUEST_TO_CIM.keySet());
    }

    /** Value equality; see the class description. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OsType t && t.cimId == cimId && Objects.equals(t.vmwareGuestId, vmwareGuestId);
    }

    /** A hash code consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return cimId * 31 + Objects.hashCode(vmwareGuestId);
    }

    /** For example {@code 94 (Ubuntu 64-Bit) vmw:osType=ubuntu64Guest}. */
    @Override
    public String toString() {
        return cimId + " (" + cimName() + ")" + (vmwareGuestId == null ? "" : " vmw:osType=" + vmwareGuestId);
    }
}
