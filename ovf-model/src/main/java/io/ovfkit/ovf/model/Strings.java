package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A {@code Strings} bundle ({@code Strings_Type}): translations, for the language in
 * {@code xml:lang}, of the messages whose {@code ovf:msgid} matches a {@code Msg}. Either inline at
 * the end of the Envelope, or external: then {@code ovf:fileRef} names a {@code File} that is
 * itself a standalone {@code Strings} document (the reason this is a global element).
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "Strings")
@XmlType(name = "Strings_Type", propOrder = {"messages", "any"})
public class Strings {
    @XmlAttribute(name = "lang", namespace = XMLConstants.XML_NS_URI)
    private String lang;

    @XmlAttribute(name = "fileRef")
    private String fileRef;

    @XmlElement(name = "Msg")
    private List<Msg> messages = new ArrayList<>();

    @XmlAnyElement
    private List<Element> any = new ArrayList<>();

    @XmlAnyAttribute
    private Map<QName, String> otherAttributes = new LinkedHashMap<>();

    /** An empty bundle; JAXB uses this constructor. */
    public Strings() {
    }

    /** The {@code xml:lang} language of the bundle (such as {@code de-DE}), or {@code null}. */
    public String getLang() {
        return lang;
    }

    /** Sets {@code xml:lang}. */
    public void setLang(String lang) {
        this.lang = lang;
    }

    /** The {@code ovf:fileRef} of an external bundle, or {@code null} for an inline one. */
    public String getFileRef() {
        return fileRef;
    }

    /** Sets {@code ovf:fileRef}; {@code null} removes it. */
    public void setFileRef(String fileRef) {
        this.fileRef = fileRef;
    }

    /** The {@code Msg} translations in document order (live list). */
    public List<Msg> getMessages() {
        return messages;
    }

    /** The translated text for {@code msgid}, if this bundle has it (the first one when repeated). */
    public Optional<String> message(String msgid) {
        return messages.stream().filter(m -> msgid.equals(m.getMsgid())).map(Msg::getValue).findFirst();
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
