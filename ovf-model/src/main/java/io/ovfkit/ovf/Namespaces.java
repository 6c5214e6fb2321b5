package io.ovfkit.ovf;

/**
 * Namespace URIs of OVF descriptors and the vocabularies they embed.
 *
 * <p>The model is bound to the OVF 2 envelope namespace ({@link #OVF}); descriptors of OVF 1.x
 * ({@link #OVF_1}) and the pre-standard 0.9 draft ({@link #OVF_0_9}) are mapped onto it when read
 * and mapped back when written, so one set of classes serves every version.
 *
 * <p>Constants only: safe to use from any thread.
 */
public final class Namespaces {
    /** OVF 2.0 and 2.1 envelope; the namespace the model is bound to. */
    public static final String OVF = "http://schemas.dmtf.org/ovf/envelope/2";
    /** OVF 1.0, 1.1 envelope. */
    public static final String OVF_1 = "http://schemas.dmtf.org/ovf/envelope/1";
    /** Pre-standard VMware OVF 0.9 envelope (read only). */
    public static final String OVF_0_9 = "http://www.vmware.com/schema/ovf/1/envelope";
    /** OVF environment document (DSP8027), the same for OVF 1.x and 2.x. */
    public static final String OVF_ENV = "http://schemas.dmtf.org/ovf/environment/1";

    private static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    /** CIM_ResourceAllocationSettingData: children of {@code Item}. */
    public static final String RASD = CIM + "CIM_ResourceAllocationSettingData";
    /** CIM_VirtualSystemSettingData: children of {@code System}. */
    public static final String VSSD = CIM + "CIM_VirtualSystemSettingData";
    /** CIM_StorageAllocationSettingData: children of OVF 2 {@code StorageItem}. */
    public static final String SASD = CIM + "CIM_StorageAllocationSettingData";
    /** CIM_EthernetPortAllocationSettingData: children of OVF 2 {@code EthernetPortItem}. */
    public static final String EPASD = CIM + "CIM_EthernetPortAllocationSettingData";
    /** CIM_BootConfigSetting (OVF 2 BootDeviceSection). */
    public static final String BOOTC = CIM + "CIM_BootConfigSetting";
    /** CIM_BootSourceSetting (OVF 2 BootDeviceSection). */
    public static final String BOOTS = CIM + "CIM_BootSourceSetting";
    /** CIM common simple types. */
    public static final String CIM_COMMON = "http://schemas.dmtf.org/wbem/wscim/1/common";

    /** VMware extensions ({@code vmw:osType}, {@code vmw:Config}, {@code vmw:ExtraConfig}, ...). */
    public static final String VMW = "http://www.vmware.com/schema/ovf";
    /** VMware additions inside the OVF environment. */
    public static final String VMW_ENV = "http://www.vmware.com/schema/ovfenv";
    /** VirtualBox extensions ({@code vbox:Machine}, {@code vbox:OSType}, {@code vbox:uuid}). */
    public static final String VBOX = "http://www.virtualbox.org/ovf/machine";

    /** XML Schema instance ({@code xsi:type}, {@code xsi:schemaLocation}, {@code xsi:nil}). */
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** The {@code xml:} namespace ({@code xml:lang}). */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";
    /** Namespace declarations ({@code xmlns}, {@code xmlns:p}). */
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private Namespaces() {
    }
}
