package io.ovfkit.ovf.model;

import static io.ovfkit.ovf.model.Xml.childNames;
import static io.ovfkit.ovf.model.Xml.ovf;
import static io.ovfkit.ovf.model.Xml.qn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Namespaces;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ProductSectionTest {
    private static final String PRODUCT = """
            <ProductSection ovf:class="com.cisco.csr1000v" ovf:instance="1" ovf:required="false">
              <Info>Information about the installed software</Info>
              <Product ovf:msgid="product">Cisco CSR 1000V</Product>
              <Vendor>Cisco Systems, Inc.</Vendor>
              <Version>3.15</Version>
              <FullVersion>3.15.0S</FullVersion>
              <ProductUrl>http://www.cisco.com/go/csr1000v</ProductUrl>
              <VendorUrl>http://www.cisco.com</VendorUrl>
              <AppUrl>https://${ip}/</AppUrl>
              <Icon ovf:fileRef="icon" ovf:mimeType="image/png" ovf:width="32" ovf:height="32"/>
              <Property ovf:key="license" ovf:type="string" ovf:value="ax"/>
              <Category>1. Bootstrap Properties</Category>
              <Property ovf:key="hostname" ovf:type="string" ovf:userConfigurable="true" ovf:qualifiers="MaxLen(63)">
                <Label>Router Name</Label>
                <Description>Hostname of this router</Description>
              </Property>
              <acme:Note/>
              <Property ovf:key="ip0" ovf:type="string" vmw:qualifiers="Ip('Network 1')" ovf:password="true"/>
              <Category>2. Features</Category>
              <Property ovf:key="size" ovf:type="uint8" ovf:value="1" ovf:configuration="small big">
                <Value ovf:value="2" ovf:configuration="big"/>
                <Value ovf:value="1" ovf:configuration="small"/>
              </Property>
            </ProductSection>
            """;

    private static ProductSection product() {
        return Xml.read(Xml.virtualSystem(PRODUCT)).virtualSystems().get(0).productSections().get(0);
    }

    @Test
    void headerFieldsAreTyped() {
        ProductSection p = product();

        assertThat(p.getProductClass()).isEqualTo("com.cisco.csr1000v");
        assertThat(p.getInstance()).isEqualTo("1");
        assertThat(p.isRequired()).isFalse();
        assertThat(p.getProduct().getValue()).isEqualTo("Cisco CSR 1000V");
        assertThat(p.getProduct().getMsgid()).isEqualTo("product");
        assertThat(p.getVendor().getValue()).isEqualTo("Cisco Systems, Inc.");
        assertThat(p.getVersion()).isEqualTo("3.15");
        assertThat(p.getFullVersion()).isEqualTo("3.15.0S");
        assertThat(p.getProductUrl()).isEqualTo("http://www.cisco.com/go/csr1000v");
        assertThat(p.getVendorUrl()).isEqualTo("http://www.cisco.com");
        assertThat(p.getAppUrl()).isEqualTo("https://${ip}/");
        Icon icon = p.getIcons().get(0);
        assertThat(icon.getFileRef()).isEqualTo("icon");
        assertThat(icon.getMimeType()).isEqualTo("image/png");
        assertThat(icon.getWidth()).isEqualTo(32);
        assertThat(icon.getHeight()).isEqualTo(32);
    }

    @Test
    void propertiesAreTyped() {
        ProductSection p = product();

        assertThat(p.properties()).extracting(Property::getKey).containsExactly("license", "hostname", "ip0", "size");
        Property hostname = p.property("hostname").orElseThrow();
        assertThat(hostname.getType()).isEqualTo("string");
        assertThat(hostname.getValue()).isNull();
        assertThat(hostname.isUserConfigurable()).isTrue();
        assertThat(hostname.getQualifiers()).isEqualTo("MaxLen(63)");
        assertThat(hostname.getLabel().getValue()).isEqualTo("Router Name");
        assertThat(hostname.getDescription().getValue()).isEqualTo("Hostname of this router");
        Property ip = p.property("ip0").orElseThrow();
        assertThat(ip.getVmwQualifiers()).isEqualTo("Ip('Network 1')");
        assertThat(ip.isPassword()).isTrue();
        assertThat(ip.isUserConfigurable()).isFalse();
        Property size = p.property("size").orElseThrow();
        assertThat(size.getConfiguration()).isEqualTo("small big");
        assertThat(size.getValues()).extracting(PropertyValue::getConfiguration, PropertyValue::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big", "2"),
                        org.assertj.core.groups.Tuple.tuple("small", "1"));
    }

    @Test
    void eachPropertyFallsUnderTheLastCategoryBeforeIt() {
        ProductSection p = product();

        assertThat(p.categories()).extracting(Msg::getValue).containsExactly("1. Bootstrap Properties", "2. Features");
        assertThat(p.categoryOf(p.property("license").orElseThrow())).isEmpty();
        assertThat(p.categoryOf(p.property("hostname").orElseThrow())).get()
                .extracting(Msg::getValue).isEqualTo("1. Bootstrap Properties");
        assertThat(p.categoryOf(p.property("ip0").orElseThrow())).get()
                .extracting(Msg::getValue).isEqualTo("1. Bootstrap Properties");
        assertThat(p.categoryOf(p.property("size").orElseThrow())).get()
                .extracting(Msg::getValue).isEqualTo("2. Features");
        assertThat(p.categoryOf(new Property("other", "string"))).isEmpty();
    }

    @Test
    void marshallingKeepsTheInterleavingOfCategoriesPropertiesAndForeignElements() {
        Envelope env = Xml.read(Xml.virtualSystem(PRODUCT));
        Element out = Xml.child(Xml.child(Xml.write(env).getDocumentElement(), "VirtualSystem"), "ProductSection");

        assertThat(childNames(out)).containsExactly(ovf("Info"), ovf("Product"), ovf("Vendor"), ovf("Version"),
                ovf("FullVersion"), ovf("ProductUrl"), ovf("VendorUrl"), ovf("AppUrl"), ovf("Icon"),
                ovf("Property"), ovf("Category"), ovf("Property"), qn("urn:acme", "Note"), ovf("Property"),
                ovf("Category"), ovf("Property"));
        Element ip = Xml.children(out).get(13);
        assertThat(ip.getAttributeNS(Namespaces.VMW, "qualifiers")).isEqualTo("Ip('Network 1')");
        assertThat(ip.hasAttributeNS(Namespaces.OVF, "value")).isFalse();
        assertThat(childNames(Xml.children(out).get(15))).containsExactly(ovf("Value"), ovf("Value"));
    }

    @Test
    void propertiesAddedInCodeGoWhereTheyAreInserted() {
        ProductSection p = product();
        p.children().add(0, new Category("0. First"));

        assertThat(p.categoryOf(p.property("license").orElseThrow())).get()
                .extracting(Msg::getValue).isEqualTo("0. First");
    }
}
