package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code StartupSection/Item}: when and how one member ({@code ovf:id}) of a collection is
 * started and stopped. Lower {@code ovf:order} starts first; equal orders start in parallel;
 * shutdown runs in reverse.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"any"})
public class StartupItem {
    @XmlAttribute(name = "id")
    private String id;

    @XmlAttribute(name = "order")
    private Integer order;

    @XmlAttribute(name = "startDelay")
    private Integer startDelay;

    @XmlAttribute(name = "waitingForGuest")
    private Boolean waitingForGuest;

    @XmlAttribute(name = "stopDelay")
    private Integer stopDelay;

    @XmlAttribute(name = "startAction")
    private String startAction;

    @XmlAttribute(name = "stopAction")
    private String stopAction;

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty item; JAXB uses this constructor. */
    public StartupItem() {
    }

    /** The {@code ovf:id} of the virtual system or collection this item is about. */
    public String getId() {
        return id;
    }

    /** Sets {@code ovf:id}. */
    public void setId(String id) {
        this.id = id;
    }

    /** The {@code ovf:order} (required), or {@code null} when absent. */
    public Integer getOrder() {
        return order;
    }

    /** Sets {@code ovf:order}. */
    public void setOrder(Integer order) {
        this.order = order;
    }

    /** The {@code ovf:startDelay} in seconds (default 0), or {@code null}. */
    public Integer getStartDelay() {
        return startDelay;
    }

    /** Sets {@code ovf:startDelay}; {@code null} removes it. */
    public void setStartDelay(Integer startDelay) {
        this.startDelay = startDelay;
    }

    /** The {@code ovf:waitingForGuest} attribute (default false), or {@code null}. */
    public Boolean getWaitingForGuest() {
        return waitingForGuest;
    }

    /** Sets {@code ovf:waitingForGuest}; {@code null} removes it. */
    public void setWaitingForGuest(Boolean waitingForGuest) {
        this.waitingForGuest = waitingForGuest;
    }

    /** The {@code ovf:stopDelay} in seconds (default 0), or {@code null}. */
    public Integer getStopDelay() {
        return stopDelay;
    }

    /** Sets {@code ovf:stopDelay}; {@code null} removes it. */
    public void setStopDelay(Integer stopDelay) {
        this.stopDelay = stopDelay;
    }

    /** The {@code ovf:startAction} ({@code powerOn} by default, or {@code none}), or {@code null}. */
    public String getStartAction() {
        return startAction;
    }

    /** Sets {@code ovf:startAction}; {@code null} removes it. */
    public void setStartAction(String startAction) {
        this.startAction = startAction;
    }

    /** The {@code ovf:stopAction} ({@code powerOff} by default, {@code guestShutdown}, {@code none}), or {@code null}. */
    public String getStopAction() {
        return stopAction;
    }

    /** Sets {@code ovf:stopAction}; {@code null} removes it. */
    public void setStopAction(String stopAction) {
        this.stopAction = stopAction;
    }

    /** Foreign child elements (not allowed by the schema, kept anyway), in document order (live list). */
    public List<Element> getAny() {
        return any;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }
}
