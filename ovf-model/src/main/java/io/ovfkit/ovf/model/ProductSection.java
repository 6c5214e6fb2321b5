package io.ovfkit.ovf.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A {@code ProductSection}: product information (name, vendor, versions, URLs, icons) and the
 * customization {@code Property}s of an appliance, grouped by {@code Category} headings.
 * {@code ovf:class} and {@code ovf:instance} qualify the property keys in the OVF environment
 * ({@code class.key.instance}).
 *
 * <p>Categories, properties and foreign elements live in one list ({@link #children()}) in
 * document order, since a category applies to the properties after it.
 *
 * <p>Not thread-safe: a mutable part of the descriptor model; confine it, with the
 * {@link io.ovfkit.ovf.OvfDescriptor} it belongs to, to one thread (or synchronize externally);
 * distinct descriptors are independent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlRootElement(name = "ProductSection")
@XmlType(name = "ProductSection_Type", propOrder = {
        "product", "vendor", "version", "fullVersion", "productUrl", "vendorUrl", "appUrl", "icons", "children"})
public class ProductSection extends Section {
    @XmlAttribute(name = "class")
    private String productClass;

    @XmlAttribute(name = "instance")
    private String instance;

    @XmlElement(name = "Product")
    private Msg product;

    @XmlElement(name = "Vendor")
    private Msg vendor;

    @XmlElement(name = "Version")
    private String version;

    @XmlElement(name = "FullVersion")
    private String fullVersion;

    @XmlElement(name = "ProductUrl")
    private String productUrl;

    @XmlElement(name = "VendorUrl")
    private String vendorUrl;

    @XmlElement(name = "AppUrl")
    private String appUrl;

    @XmlElement(name = "Icon")
    private List<Icon> icons = new ArrayList<>();

    @XmlElementRefs({
        @XmlElementRef(type = Category.class),
        @XmlElementRef(type = Property.class)
    })
    @XmlAnyElement
    private List<Object> children = new ArrayList<>();

    /** An empty section; JAXB uses this constructor. */
    public ProductSection() {
    }

    /** The {@code ovf:class} qualifying property keys, or {@code null} (meaning none). */
    public String getProductClass() {
        return productClass;
    }

    /** Sets {@code ovf:class}; {@code null} removes it. */
    public void setProductClass(String productClass) {
        this.productClass = productClass;
    }

    /** The {@code ovf:instance} qualifying property keys, or {@code null} (meaning none). */
    public String getInstance() {
        return instance;
    }

    /** Sets {@code ovf:instance}; {@code null} removes it. */
    public void setInstance(String instance) {
        this.instance = instance;
    }

    /** The {@code Product} name, or {@code null}. */
    public Msg getProduct() {
        return product;
    }

    /** Sets the {@code Product} name; {@code null} removes it. */
    public void setProduct(Msg product) {
        this.product = product;
    }

    /** The {@code Vendor} name, or {@code null}. */
    public Msg getVendor() {
        return vendor;
    }

    /** Sets the {@code Vendor} name; {@code null} removes it. */
    public void setVendor(Msg vendor) {
        this.vendor = vendor;
    }

    /** The short {@code Version}, or {@code null}. */
    public String getVersion() {
        return version;
    }

    /** Sets the {@code Version}; {@code null} removes it. */
    public void setVersion(String version) {
        this.version = version;
    }

    /** The {@code FullVersion} (including build), or {@code null}. */
    public String getFullVersion() {
        return fullVersion;
    }

    /** Sets the {@code FullVersion}; {@code null} removes it. */
    public void setFullVersion(String fullVersion) {
        this.fullVersion = fullVersion;
    }

    /** The {@code ProductUrl}, or {@code null}. */
    public String getProductUrl() {
        return productUrl;
    }

    /** Sets the {@code ProductUrl}; {@code null} removes it. */
    public void setProductUrl(String productUrl) {
        this.productUrl = productUrl;
    }

    /** The {@code VendorUrl}, or {@code null}. */
    public String getVendorUrl() {
        return vendorUrl;
    }

    /** Sets the {@code VendorUrl}; {@code null} removes it. */
    public void setVendorUrl(String vendorUrl) {
        this.vendorUrl = vendorUrl;
    }

    /** The {@code AppUrl} (the running appliance's web UI), or {@code null}. */
    public String getAppUrl() {
        return appUrl;
    }

    /** Sets the {@code AppUrl}; {@code null} removes it. */
    public void setAppUrl(String appUrl) {
        this.appUrl = appUrl;
    }

    /** The {@code Icon}s in document order (live list). */
    public List<Icon> getIcons() {
        return icons;
    }

    /**
     * The live, mixed list after the icons, in document order: {@link Category}, {@link Property}
     * and unknown {@link Element}s.
     */
    public List<Object> children() {
        return children;
    }

    /** The {@code Property}s in document order (a snapshot). */
    public List<Property> properties() {
        return children.stream().filter(Property.class::isInstance).map(Property.class::cast).toList();
    }

    /** The {@code Property} with the given {@code ovf:key}, if any (the first one when repeated). */
    public Optional<Property> property(String key) {
        return properties().stream().filter(p -> key.equals(p.getKey())).findFirst();
    }

    /** The {@code Category} headings in document order (a snapshot). */
    public List<Category> categories() {
        return children.stream().filter(Category.class::isInstance).map(Category.class::cast).toList();
    }

    /**
     * The category {@code property} falls under: the last {@code Category} before it; empty when
     * none precedes it or when it is not in this section.
     */
    public Optional<Category> categoryOf(Property property) {
        Category current = null;
        for (Object child : children) {
            if (child == property) {
                return Optional.ofNullable(current);
            }
            if (child instanceof Category c) {
                current = c;
            }
        }
        return Optional.empty();
    }

    /** Children the model does not know, as DOM elements (a snapshot). */
    public List<Element> unknownElements() {
        return children.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }

    /**
     * The id of {@code property} in the OVF environment and in deployment tools:
     * {@code [class.]key[.instance]} with this section's {@code ovf:class} and {@code ovf:instance}.
     */
    public String propertyId(Property property) {
        StringBuilder b = new StringBuilder();
        if (productClass != null && !productClass.isEmpty()) {
            b.append(productClass).append('.');
        }
        b.append(property.getKey());
        if (instance != null && !instance.isEmpty()) {
            b.append('.').append(instance);
        }
        return b.toString();
    }
}
