/**
 * The typed JAXB model of an OVF descriptor (DMTF DSP0243), bound to the canonical namespaces only:
 * the OVF 2 envelope namespace ({@link io.ovfkit.ovf.Namespaces#OVF}) for every OVF element and
 * attribute, and the CIM namespaces (rasd, vssd, sasd, epasd) for the settings-data children of
 * {@code System}, {@code Item}, {@code StorageItem} and {@code EthernetPortItem}.
 *
 * <p>Descriptors of OVF 1.x and 0.9, and files using namespace aliases, are mapped onto these
 * namespaces before unmarshalling (see {@code io.ovfkit.ovf.xml}); nothing here knows about them.
 *
 * <p>The model is lossless by construction:
 * <ul>
 *   <li>every value field starts out {@code null}, so an attribute or element that was absent stays
 *       absent when marshalled;</li>
 *   <li>unknown attributes are kept in {@code otherAttributes} maps and unknown elements as DOM
 *       {@link org.w3c.dom.Element}s wherever the schema has an {@code xs:any} slot;</li>
 *   <li>where children of different kinds interleave in real files (the Envelope, VirtualSystem and
 *       VirtualSystemCollection section lists, References, the Category/Property run of a
 *       ProductSection, VMware extensions in hardware sections and items) they live in one mixed
 *       list, so marshalling reproduces the source order.</li>
 * </ul>
 *
 * <p>Numeric and boolean attributes are parsed by package-level adapters that turn a malformed
 * value into a validation event and a {@code null} field instead of a failed unmarshal.
 *
 * <p>{@link io.ovfkit.ovf.model.OvfJaxb} holds the shared {@code JAXBContext} and convenience
 * methods to unmarshal from and marshal to DOM.
 */
@XmlSchema(
        namespace = Namespaces.OVF,
        elementFormDefault = XmlNsForm.QUALIFIED,
        attributeFormDefault = XmlNsForm.QUALIFIED,
        xmlns = {
            @XmlNs(prefix = "ovf", namespaceURI = Namespaces.OVF),
            @XmlNs(prefix = "rasd", namespaceURI = Namespaces.RASD),
            @XmlNs(prefix = "vssd", namespaceURI = Namespaces.VSSD),
            @XmlNs(prefix = "sasd", namespaceURI = Namespaces.SASD),
            @XmlNs(prefix = "epasd", namespaceURI = Namespaces.EPASD),
            @XmlNs(prefix = "vmw", namespaceURI = Namespaces.VMW),
            @XmlNs(prefix = "vbox", namespaceURI = Namespaces.VBOX),
            @XmlNs(prefix = "xsi", namespaceURI = Namespaces.XSI)
        })
@XmlAccessorType(XmlAccessType.FIELD)
@XmlJavaTypeAdapters({
    @XmlJavaTypeAdapter(value = LongAttributeAdapter.class, type = Long.class),
    @XmlJavaTypeAdapter(value = IntegerAttributeAdapter.class, type = Integer.class),
    @XmlJavaTypeAdapter(value = BooleanAttributeAdapter.class, type = Boolean.class)
})
package io.ovfkit.ovf.model;

import io.ovfkit.ovf.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapters;
