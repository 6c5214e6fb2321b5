package io.ovfkit.ovf.xml;

/**
 * A change to one attribute of a source element, in canonical (model) namespace terms.
 *
 * @param namespace the attribute's namespace URI, {@code null} for none, {@code Namespaces.XMLNS}
 *     for a namespace declaration
 * @param localName the attribute's local name ({@code "xmlns"} for the default namespace declaration)
 * @param value the new value, or {@code null} to remove the attribute
 */
record AttrEdit(String namespace, String localName, String value) {
}
