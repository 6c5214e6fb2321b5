package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The {@code DeploymentOptionSection}: the named deployment configurations ({@code Configuration})
 * a deployer chooses from; hardware items, properties and other elements restrict themselves to
 * some of them with {@code ovf:configuration}.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "DeploymentOptionSection")
@XmlType(name = "DeploymentOptionSection_Type", propOrder = {"configurations", "any"})
public class DeploymentOptionSection extends Section {
    @XmlElement(name = "Configuration")
    private List<DeploymentOption> configurations = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public DeploymentOptionSection() {
    }

    /** The {@code Configuration} entries in document order (live list). */
    public List<DeploymentOption> getConfigurations() {
        return configurations;
    }

    /** The {@code Configuration} with the given {@code ovf:id}, if any. */
    public Optional<DeploymentOption> configuration(String id) {
        return configurations.stream().filter(c -> id.equals(c.getId())).findFirst();
    }

    /**
     * The default configuration: the first one with {@code ovf:default="true"}, else the first
     * one; empty when there is none.
     */
    public Optional<DeploymentOption> defaultConfiguration() {
        return configurations.stream()
                .filter(DeploymentOption::isDefault)
                .findFirst()
                .or(() -> configurations.stream().findFirst());
    }

    /** Foreign child elements after the configurations, in document order (live list). */
    public List<Element> getAny() {
        return any;
    }
}
