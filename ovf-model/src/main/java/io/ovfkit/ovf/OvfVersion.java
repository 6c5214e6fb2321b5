package io.ovfkit.ovf;

import java.util.Locale;

/**
 * The OVF version a descriptor was written in: its family (decided by the envelope namespace,
 * never by the {@code ovf:version} attribute) and the version number to report.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param family the namespace family
 * @param number the version to report, such as {@code 1.0}, {@code 1.1}, {@code 2.0} or {@code 0.9}
 */
public record OvfVersion(Family family, String number) {
    /** The pre-standard VMware draft (read only). */
    public static final OvfVersion V0_9 = new OvfVersion(Family.OVF_0_9, "0.9");
    /** OVF 1.0 (DSP0243 1.x, namespace {@code …/envelope/1}). */
    public static final OvfVersion V1_0 = new OvfVersion(Family.OVF_1, "1.0");
    /** OVF 2.0 (DSP0243 2.x, namespace {@code …/envelope/2}). */
    public static final OvfVersion V2_0 = new OvfVersion(Family.OVF_2, "2.0");

    /** Namespace families of the OVF envelope. */
    public enum Family {
        /** {@link Namespaces#OVF_0_9}. */
        OVF_0_9(Namespaces.OVF_0_9),
        /** {@link Namespaces#OVF_1}: OVF 1.0, 1.1. */
        OVF_1(Namespaces.OVF_1),
        /** {@link Namespaces#OVF}: OVF 2.0, 2.1. */
        OVF_2(Namespaces.OVF);

        private final String namespace;

        Family(String namespace) {
            this.namespace = namespace;
        }

        /** The envelope namespace URI of this family. */
        public String namespace() {
            return namespace;
        }
    }

    /**
     * The version of a family given its {@code ovf:version} attribute, which is trusted only when it
     * agrees with the family ({@code 1.x} for OVF 1, {@code 2.x} for OVF 2).
     */
    public static OvfVersion fromAttribute(Family family, String attribute) {
        String a = attribute == null ? "" : attribute.trim();
        return switch (family) {
            case OVF_0_9 -> V0_9;
            case OVF_1 -> a.matches("1\\.[0-9]{1,2}(\\.[0-9]{1,2})?") ? new OvfVersion(family, a) : V1_0;
            case OVF_2 -> a.matches("2\\.[0-9]{1,2}(\\.[0-9]{1,2})?") ? new OvfVersion(family, a) : V2_0;
        };
    }

    /**
     * Parses a version requested by a user: {@code 1}, {@code 1.0}, {@code 1.1}, {@code 2}, {@code 2.0},
     * {@code 2.1}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OvfVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "1", "1.0", "1.x" -> V1_0;
            case "1.1" -> new OvfVersion(Family.OVF_1, "1.1");
            case "2", "2.0", "2.x" -> V2_0;
            case "2.1" -> new OvfVersion(Family.OVF_2, "2.1");
            default -> throw new IllegalArgumentException("unknown OVF version \"" + text + "\"; expected 1.0, 1.1, 2.0 or 2.1");
        };
    }

    @Override
    public String toString() {
        return number;
    }
}
