package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * A localizable message ({@code Msg_Type}): the default-language text, optionally with an
 * {@code ovf:msgid} under which {@code Strings} bundles provide translations, and (OVF 2.x) an
 * {@code ovf:fileRef} naming a {@code File} whose content is the text. Used for {@code Info},
 * {@code Name}, {@code Description}, {@code Label}, {@code License}, {@code Annotation} and the
 * {@code Msg} entries of a {@code Strings} bundle.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Msg_Type")
public class Msg {
    @XmlValue
    private String value;

    @XmlAttribute(name = "msgid")
    private String msgid;

    @XmlAttribute(name = "fileRef")
    private String fileRef;

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty message; JAXB uses this constructor. */
    public Msg() {
    }

    /** A message with the given default-language text and no {@code ovf:msgid}. */
    public Msg(String value) {
        this.value = value;
    }

    /** A message with the given default-language text and {@code ovf:msgid}. */
    public Msg(String value, String msgid) {
        this.value = value;
        this.msgid = msgid;
    }

    /** The default-language text (element content). */
    public String getValue() {
        return value;
    }

    /** Sets the default-language text. */
    public void setValue(String value) {
        this.value = value;
    }

    /** The {@code ovf:msgid} key into {@code Strings} bundles, or {@code null}. */
    public String getMsgid() {
        return msgid;
    }

    /** Sets the {@code ovf:msgid}; {@code null} removes it. */
    public void setMsgid(String msgid) {
        this.msgid = msgid;
    }

    /** The OVF 2.x {@code ovf:fileRef}: id of a {@code File} holding the text, or {@code null}. */
    public String getFileRef() {
        return fileRef;
    }

    /** Sets the OVF 2.x {@code ovf:fileRef}; {@code null} removes it. */
    public void setFileRef(String fileRef) {
        this.fileRef = fileRef;
    }

    /** Attributes not modelled above, in document order (live map). */
    public Map<QName, String> getOtherAttributes() {
        return otherAttributes;
    }

    /** The text, for debugging. */
    @Override
    public String toString() {
        return value;
    }
}
