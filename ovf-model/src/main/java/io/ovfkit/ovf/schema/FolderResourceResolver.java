package io.ovfkit.ovf.schema;

import io.ovfkit.ovf.Namespaces;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Resolves every schema document a schema set asks for to the file of the same base name in one
 * folder, whatever the requested URL ({@code http://schemas.dmtf.org/.../common.xsd},
 * {@code common.xsd}, ...). {@code XMLSchema.dtd} (named in the DOCTYPE of the W3C xmldsig/xenc
 * schemas) resolves to an empty stream. Any other name is an error: nothing is ever fetched from the
 * network or read outside the folder.
 */
final class FolderResourceResolver implements LSResourceResolver {
    /** The DTD the W3C xmldsig and xenc schemas name in their DOCTYPE. */
    static final String XML_SCHEMA_DTD = "XMLSchema.dtd";

    private final Path folder;

    FolderResourceResolver(Path folder) {
        this.folder = folder;
    }

    @Override
    public LSInput resolveResource(String type, String namespaceUri, String publicId, String systemId,
            String baseUri) {
        String name = baseName(systemId);
        if (name == null) {
            name = fileForNamespace(namespaceUri);
        }
        if (name == null) {
            throw new UnresolvedResourceException("cannot resolve a schema document without a location"
                    + " (namespace " + namespaceUri + ") inside " + folder);
        }
        if (name.equals(XML_SCHEMA_DTD)) {
            return new Input(publicId, systemId, baseUri, new byte[0]);
        }
        Path file = folder.resolve(name);
        if (!file.normalize().startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
            throw new UnresolvedResourceException("schema document '" + systemId + "' is not available: expected a file named '"
                    + name + "' in " + folder);
        }
        try {
            return new Input(publicId, file.toUri().toString(), baseUri, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UnresolvedResourceException("cannot read schema document " + file + ": " + e.getMessage());
        }
    }

    /** The last path segment of a URL or path, without query or fragment; null when there is none. */
    static String baseName(String systemId) {
        if (systemId == null) {
            return null;
        }
        String s = systemId.trim();
        int cut = indexOfAny(s, '?', '#');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return null;
        }
        return s;
    }

    /**
     * The conventional file name for an import that names no location (DSP8023 1.0.0 imports the CIM
     * and W3C namespaces that way).
     */
    static String fileForNamespace(String namespaceUri) {
        if (namespaceUri == null) {
            return null;
        }
        if (namespaceUri.equals(Namespaces.XML)) {
            return "xml.xsd";
        }
        if (namespaceUri.equals(Namespaces.CIM_COMMON)) {
            return "common.xsd";
        }
        if (namespaceUri.startsWith("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/")) {
            return baseName(namespaceUri) + ".xsd";
        }
        return null;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    /** Thrown out of the parser when a schema document cannot be resolved inside the folder. */
    static final class UnresolvedResourceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnresolvedResourceException(String message) {
            super(message);
        }
    }

    /** An in-memory {@link LSInput}. */
    private static final class Input implements LSInput {
        private String publicId;
        private String systemId;
        private String baseUri;
        private InputStream byteStream;
        private Reader characterStream;
        private String stringData;
        private String encoding;
        private boolean certifiedText;

        Input(String publicId, String systemId, String baseUri, byte[] bytes) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseUri = baseUri;
            this.byteStream = new ByteArrayInputStream(bytes);
        }

        @Override
        public Reader getCharacterStream() {
            return characterStream;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
            this.characterStream = characterStream;
        }

        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
            this.byteStream = byteStream;
        }

        @Override
        public String getStringData() {
            return stringData;
        }

        @Override
        public void setStringData(String stringData) {
            this.stringData = stringData;
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
            this.systemId = systemId;
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {
            this.publicId = publicId;
        }

        @Override
        public String getBaseURI() {
            return baseUri;
        }

        @Override
        public void setBaseURI(String baseUri) {
            this.baseUri = baseUri;
        }

        @Override
        public String getEncoding() {
            return encoding;
        }

        @Override
        public void setEncoding(String encoding) {
            this.encoding = encoding;
        }

        @Override
        public boolean getCertifiedText() {
            return certifiedText;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
            this.certifiedText = certifiedText;
        }
    }
}
