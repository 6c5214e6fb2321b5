package io.ovfkit.ovf.schema;

import io.ovfkit.ovf.Namespaces;
import java.util.Optional;

/**
 * The kinds of documents {@link SchemaValidator} can check, each with the namespace of its root
 * element, the subfolder of a schema folder (laid out like {@code shared/corpus/schemas}) that holds
 * its XSD set and the root schema file in that subfolder.
 */
public enum SchemaKind {
    /** OVF 1.x descriptors, validated with DSP8023 1.1.1 ({@code ovf-1/dsp8023.xsd}). */
    OVF_1(Namespaces.OVF_1, "ovf-1", "dsp8023.xsd"),
    /** OVF 2.x descriptors, validated with DSP8023 2.0.1 ({@code ovf-2/dsp8023.xsd}). */
    OVF_2(Namespaces.OVF, "ovf-2", "dsp8023.xsd"),
    /** OVF environment documents, validated with DSP8027 ({@code ovf-env/dsp8027.xsd}). */
    OVF_ENV(Namespaces.OVF_ENV, "ovf-env", "dsp8027.xsd");

    private final String namespace;
    private final String folder;
    private final String rootFile;

    SchemaKind(String namespace, String folder, String rootFile) {
        this.namespace = namespace;
        this.folder = folder;
        this.rootFile = rootFile;
    }

    /** The namespace URI of the root element of documents of this kind. */
    public String namespace() {
        return namespace;
    }

    /** The name of the subfolder of a schema folder holding this kind's XSD set. */
    public String folder() {
        return folder;
    }

    /** The file name of the root schema inside {@link #folder()}. */
    public String rootFile() {
        return rootFile;
    }

    /**
     * The kind whose root element lives in {@code namespaceUri}.
     *
     * @param namespaceUri namespace of a document's root element, may be {@code null}
     * @return the kind, or empty when no schema set covers that namespace (OVF 0.9, oVirt, ...)
     */
    public static Optional<SchemaKind> forNamespace(String namespaceUri) {
        if (namespaceUri != null) {
            for (SchemaKind k : values()) {
                if (k.namespace.equals(namespaceUri)) {
                    return Optional.of(k);
                }
            }
        }
        return Optional.empty();
    }
}
