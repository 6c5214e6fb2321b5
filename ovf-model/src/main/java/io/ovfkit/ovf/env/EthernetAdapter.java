package io.ovfkit.ovf.env;

import java.util.Objects;

/**
 * One {@code ve:Adapter} of VMware's {@code ve:EthernetAdapterSection} in an OVF environment: a
 * virtual network card of the recipient.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param mac the MAC address, e.g. {@code 00:50:56:a6:9c:1b} (required)
 * @param network the name of the network it is connected to, or {@code null}
 * @param unitNumber the device unit number, or {@code null}
 */
public record EthernetAdapter(String mac, String network, Integer unitNumber) {
    /**
     * Checks the components: {@code mac} is required and every text must be valid XML.
     *
     * @param mac the MAC address
     * @param network the network name, or {@code null}
     * @param unitNumber the unit number, or {@code null}
     */
    public EthernetAdapter {
        Objects.requireNonNull(mac, "mac");
        if (mac.isBlank()) {
            throw new IllegalArgumentException("an Ethernet adapter needs a MAC address");
        }
        XmlText.check(mac, "adapter MAC address");
        XmlText.check(network, "adapter network");
    }
}
