package io.ovfkit.ovf.env;

/**
 * The {@code PlatformSection} of an OVF environment: what deployed the virtual system. Every
 * component is optional ({@code null} when absent); DSP8027 marks them all experimental.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param kind deployment platform description, e.g. {@code VMware ESXi}
 * @param version platform version, e.g. {@code 8.0.3}
 * @param vendor platform vendor, e.g. {@code VMware, Inc.}
 * @param locale current locale, e.g. {@code en_US}
 * @param timezone current offset from UTC in minutes, east positive, west negative
 */
public record Platform(String kind, String version, String vendor, String locale, Integer timezone) {
    /**
     * Checks that every text can be written as XML 1.0.
     *
     * @param kind platform description, or {@code null}
     * @param version platform version, or {@code null}
     * @param vendor platform vendor, or {@code null}
     * @param locale current locale, or {@code null}
     * @param timezone offset from UTC in minutes, or {@code null}
     */
    public Platform {
        XmlText.check(kind, "platform kind");
        XmlText.check(version, "platform version");
        XmlText.check(vendor, "platform vendor");
        XmlText.check(locale, "platform locale");
    }

    /**
     * A platform with kind, version and vendor only.
     *
     * @param kind deployment platform description
     * @param version platform version
     * @param vendor platform vendor
     * @return the platform
     */
    public static Platform of(String kind, String version, String vendor) {
        return new Platform(kind, version, vendor, null, null);
    }
}
