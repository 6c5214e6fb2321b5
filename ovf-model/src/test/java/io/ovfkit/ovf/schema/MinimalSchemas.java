package io.ovfkit.ovf.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a schema folder without the DMTF schemas: every file of every set is present, so the
 * completeness check passes, but each root schema only declares the root element (any content) and
 * imports nothing, and the other files are empty schemas. Enough for tests about parsing, naming and
 * completeness, which need no real schema.
 */
final class MinimalSchemas {
    private MinimalSchemas() {
    }

    /** Writes the three sets into {@code dir} (root schemas under their short names) and returns {@code dir}. */
    static Path write(Path dir) throws IOException {
        for (SchemaKind k : SchemaKind.values()) {
            writeSet(dir, k, k.rootFile());
        }
        return dir;
    }

    /** Writes the set of {@code kind} into {@code dir/kind.folder()}, the root schema named {@code rootName}; returns the set's folder. */
    static Path writeSet(Path dir, SchemaKind kind, String rootName) throws IOException {
        Path set = Files.createDirectories(dir.resolve(kind.folder()));
        writeRoot(set.resolve(rootName), kind, "");
        for (SchemaKind.SchemaFile f : kind.imports()) {
            Files.writeString(set.resolve(f.fileName()), "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>\n",
                    StandardCharsets.UTF_8);
        }
        return set;
    }

    /**
     * Writes a root schema declaring only the root element of {@code kind}'s documents (with any
     * content), after {@code extra} (more top-level schema content, such as an import).
     */
    static Path writeRoot(Path file, SchemaKind kind, String extra) throws IOException {
        String root = kind == SchemaKind.OVF_ENV ? "Environment" : "Envelope";
        String xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"" + kind.namespace() + "\""
                + " elementFormDefault=\"qualified\">\n"
                + extra
                + "  <xs:element name=\"" + root + "\"><xs:complexType><xs:sequence>"
                + "<xs:any namespace=\"##any\" processContents=\"lax\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>"
                + "</xs:sequence><xs:anyAttribute namespace=\"##any\" processContents=\"lax\"/></xs:complexType></xs:element>\n"
                + "</xs:schema>\n";
        return Files.writeString(file, xsd, StandardCharsets.UTF_8);
    }

    /** A document whose root element is in {@code kind}'s namespace but not the one the schema declares. */
    static byte[] undeclaredRoot(SchemaKind kind) {
        return ("<Bogus xmlns=\"" + kind.namespace() + "\"/>").getBytes(StandardCharsets.UTF_8);
    }
}
