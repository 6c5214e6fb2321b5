package io.ovfkit.ovf.schema;

import io.ovfkit.ovf.Namespaces;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of documents {@link SchemaValidator} can check, each with the namespace of its root
 * element, the subfolder of a schema folder that holds its schema set, and the files of that set
 * with the URLs they are published at.
 *
 * <p>A schema folder has one subfolder per kind ({@code ovf-1/}, {@code ovf-2/}, {@code ovf-env/}).
 * Each subfolder is flat: it holds the root schema and every file the set imports, side by side,
 * under the base names of their URLs ({@link #files()}). The root schema may be named by its short
 * name ({@link #rootFile()}, such as {@code dsp8023.xsd}) or as DMTF publishes it
 * ({@link #rootFilePattern()}, such as {@code dsp8023_1.1.1.xsd}); see {@link #isRootFileName(String)}.
 * Downloading each URL of {@link #files()} into the kind's subfolder therefore builds a complete set.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum SchemaKind {
    /** OVF 1.x descriptors, validated with DSP8023 1.1 ({@code ovf-1/dsp8023.xsd} or {@code ovf-1/dsp8023_1*.xsd}). */
    OVF_1(Namespaces.OVF_1, "ovf-1", "OVF 1.x", "DSP8023 1.1.x", "dsp8023", "dsp8023_1",
            List.of(
                    "https://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/common.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_VirtualSystemSettingData.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2.22.0/CIM_ResourceAllocationSettingData.xsd",
                    "https://www.w3.org/2001/xml.xsd")),
    /** OVF 2.x descriptors, validated with DSP8023 2.0.1 ({@code ovf-2/dsp8023.xsd} or {@code ovf-2/dsp8023_2*.xsd}). */
    OVF_2(Namespaces.OVF, "ovf-2", "OVF 2.x", "DSP8023 2.0.1", "dsp8023", "dsp8023_2",
            List.of(
                    "https://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/common.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootConfigSetting.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_BootSourceSetting.xsd",
                    "https://www.w3.org/2001/xml.xsd",
                    "https://www.w3.org/TR/2002/REC-xmldsig-core-20020212/xmldsig-core-schema.xsd",
                    "https://www.w3.org/TR/2002/REC-xmlenc-core-20021210/xenc-schema.xsd",
                    "https://www.w3.org/TR/2012/WD-xmlenc-core1-20120105/xenc-schema-11.xsd")),
    /** OVF environment documents, validated with DSP8027 ({@code ovf-env/dsp8027.xsd} or {@code ovf-env/dsp8027_1*.xsd}). */
    OVF_ENV(Namespaces.OVF_ENV, "ovf-env", "OVF environment", "DSP8027 1.x", "dsp8027", "dsp8027_1",
            List.of(
                    "https://schemas.dmtf.org/ovf/environment/1/dsp8027_1.1.0.xsd",
                    "https://schemas.dmtf.org/wbem/wscim/1/common.xsd"));

    /**
     * One file of a schema set: the name it has in the set's subfolder and the URL it is published
     * at. The name is the last path segment of the URL.
     *
     * @param fileName the file name inside the set's subfolder, such as {@code common.xsd}
     * @param url where the file can be downloaded
     */
    public record SchemaFile(String fileName, URI url) {
        /**
         * @param fileName the file name inside the set's subfolder
         * @param url where the file can be downloaded
         */
        public SchemaFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(url, "url");
        }

        static SchemaFile of(String url) {
            URI u = URI.create(url);
            String path = u.getPath();
            return new SchemaFile(path.substring(path.lastIndexOf('/') + 1), u);
        }
    }

    private final String namespace;
    private final String folder;
    private final String title;
    private final String specification;
    private final String rootStem;
    private final String versionedRootPrefix;
    private final List<SchemaFile> files;

    SchemaKind(String namespace, String folder, String title, String specification, String rootStem,
            String versionedRootPrefix, List<String> urls) {
        this.namespace = namespace;
        this.folder = folder;
        this.title = title;
        this.specification = specification;
        this.rootStem = rootStem;
        this.versionedRootPrefix = versionedRootPrefix;
        this.files = urls.stream().map(SchemaFile::of).toList();
    }

    /** The namespace URI of the root element of documents of this kind. */
    public String namespace() {
        return namespace;
    }

    /** The name of the subfolder of a schema folder holding this kind's schema set: {@code ovf-1}, {@code ovf-2} or {@code ovf-env}. */
    public String folder() {
        return folder;
    }

    /** What the set validates, for messages: {@code OVF 1.x}, {@code OVF 2.x} or {@code OVF environment}. */
    public String title() {
        return title;
    }

    /** The DMTF schema and version the set is made for, for messages: {@code DSP8023 1.1.x}, ... */
    public String specification() {
        return specification;
    }

    /**
     * The short file name of the root schema inside {@link #folder()}: {@code dsp8023.xsd} or
     * {@code dsp8027.xsd}. The name DMTF publishes it under is accepted too, see
     * {@link #isRootFileName(String)}.
     */
    public String rootFile() {
        return rootStem + ".xsd";
    }

    /**
     * The published names of the root schema accepted besides {@link #rootFile()}, as a glob matched
     * without regard to case: {@code dsp8023_1*.xsd}, {@code dsp8023_2*.xsd} or {@code dsp8027_1*.xsd}.
     */
    public String rootFilePattern() {
        return versionedRootPrefix + "*.xsd";
    }

    /**
     * Whether a file of that name in {@link #folder()} is taken as this kind's root schema: the short
     * name ({@code dsp8023.xsd}) or a name matching {@link #rootFilePattern()}
     * ({@code dsp8023_1.1.xsd}, {@code dsp8023_1.1.0.xsd}, {@code DSP8023_1.1.1.xsd}, ...), in any
     * case.
     *
     * @param fileName a file name without folder
     * @return true when the name is accepted as the root schema
     */
    public boolean isRootFileName(String fileName) {
        if (fileName == null) {
            return false;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.equals(rootFile()) || (n.startsWith(versionedRootPrefix) && n.endsWith(".xsd"));
    }

    /**
     * Every file of this kind's schema set with the URL it is published at, the root schema first
     * (under its published name; {@link #rootFile()} is accepted as well), then the files it imports,
     * directly or through another import. {@code XMLSchema.dtd}, named in the DOCTYPE of the W3C
     * schemas, is not needed.
     */
    public List<SchemaFile> files() {
        return files;
    }

    /** The root schema's entry of {@link #files()}: its published name and URL. */
    public SchemaFile root() {
        return files.get(0);
    }

    /** The files the root schema imports, directly or indirectly: {@link #files()} without {@link #root()}. */
    public List<SchemaFile> imports() {
        return files.subList(1, files.size());
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
