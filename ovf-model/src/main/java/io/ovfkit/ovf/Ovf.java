package io.ovfkit.ovf;

import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.OvfJaxb;
import io.ovfkit.ovf.xml.SourceEditor;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Entry point of the OVF model: reads descriptors from files, streams or bytes, and creates new
 * ones from a model built in code.
 *
 * <h2>Limits</h2>
 * A descriptor larger than {@link #DEFAULT_MAX_DESCRIPTOR_BYTES} (16 MiB; the largest real
 * appliance descriptors are about 0.5 MiB) is refused before it is parsed; callers can choose
 * another cap. Documents with a DOCTYPE are refused, so there are no entities to expand or fetch,
 * and element nesting is limited to {@value io.ovfkit.ovf.xml.SourceParser#MAX_DEPTH} levels.
 *
 * <p>Stateless; safe to call from any thread (each call returns a new, unshared {@link OvfDescriptor}).
 */
public final class Ovf {
    /** The default cap on the size of a descriptor: 16 MiB. */
    public static final long DEFAULT_MAX_DESCRIPTOR_BYTES = 16L << 20;

    private Ovf() {
    }

    /** Reads the descriptor at {@code path} with the default size cap. */
    public static OvfDescriptor read(Path path) {
        return read(path, DEFAULT_MAX_DESCRIPTOR_BYTES);
    }

    /**
     * Reads the descriptor at {@code path}.
     *
     * @param maxBytes the largest descriptor accepted
     * @throws MalformedDescriptorException when the file is not a descriptor ovfkit can read
     * @throws OvfException when the file cannot be read
     */
    public static OvfDescriptor read(Path path, long maxBytes) {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) {
                throw new OvfException(name, "is a folder; expected an .ovf file");
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new MalformedDescriptorException(name, "the file is " + size + " bytes; descriptors larger than "
                        + maxBytes + " bytes are refused");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, name, maxBytes);
            }
        } catch (NoSuchFileException e) {
            throw new OvfException(path, "no such file", e);
        } catch (IOException e) {
            throw new OvfException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a descriptor from a stream, reading at most {@code maxBytes + 1} bytes.
     *
     * @throws MalformedDescriptorException when the stream holds more than {@code maxBytes} bytes or
     *     is not a descriptor ovfkit can read
     */
    public static OvfDescriptor read(InputStream in, String sourceName, long maxBytes) throws IOException {
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] bytes = in.readNBytes(cap + 1);
        if (bytes.length > cap) {
            throw new MalformedDescriptorException(sourceName, "the descriptor is larger than " + cap
                    + " bytes; larger descriptors are refused");
        }
        return read(bytes, sourceName, maxBytes);
    }

    /**
     * Reads a descriptor held in memory with the default size cap; {@code sourceName} names it in
     * messages (may be null).
     */
    public static OvfDescriptor read(byte[] bytes, String sourceName) {
        return read(bytes, sourceName, DEFAULT_MAX_DESCRIPTOR_BYTES);
    }

    /**
     * Reads a descriptor held in memory.
     *
     * @param maxBytes the largest descriptor accepted (docs/limits.md)
     * @throws MalformedDescriptorException when it is larger or not a descriptor ovfkit can read
     */
    public static OvfDescriptor read(byte[] bytes, String sourceName, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw new MalformedDescriptorException(sourceName, "the descriptor is " + bytes.length
                    + " bytes; descriptors larger than " + maxBytes + " bytes are refused");
        }
        return new OvfDescriptor(sourceName, bytes.clone());
    }

    /**
     * Creates a descriptor from a model built in code, written in {@code version} with the
     * conventional prefixes (default namespace and {@code ovf:} for the envelope, {@code rasd:},
     * {@code vssd:}, {@code vmw:} …), UTF-8, two-space indentation.
     *
     * @param sourceName the name the descriptor will carry in messages (may be null)
     */
    public static OvfDescriptor create(Envelope envelope, OvfVersion version, String sourceName) {
        if (version.family() == OvfVersion.Family.OVF_0_9) {
            throw new IllegalArgumentException("OVF 0.9 can be read but not written; use 1.0 or 2.0");
        }
        Document doc;
        try {
            doc = OvfJaxb.marshal(envelope);
        } catch (JAXBException e) {
            throw new OvfException(sourceName, 0, 0, "cannot marshal the model: " + e, e);
        }
        String ovfNs = version.family().namespace();
        Set<String> used = new LinkedHashSet<>();
        collectNamespaces(doc.getDocumentElement(), used);
        Map<String, String> decls = new LinkedHashMap<>();
        decls.put("", ovfNs);
        decls.put("ovf", ovfNs);
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put(Namespaces.RASD, "rasd");
        prefixes.put(Namespaces.VSSD, "vssd");
        prefixes.put(Namespaces.SASD, "sasd");
        prefixes.put(Namespaces.EPASD, "epasd");
        prefixes.put(Namespaces.VMW, "vmw");
        prefixes.put(Namespaces.VBOX, "vbox");
        prefixes.put(Namespaces.XSI, "xsi");
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (used.contains(p.getKey())) {
                decls.put(p.getValue(), p.getKey());
            }
        }
        Map<String, String> out = Map.of(Namespaces.OVF, ovfNs);
        String text = SourceEditor.writeNew(doc, out, decls);
        return read(text.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    private static void collectNamespaces(Element e, Set<String> used) {
        if (e.getNamespaceURI() != null) {
            used.add(e.getNamespaceURI());
        }
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) {
            Attr a = (Attr) m.item(i);
            if (a.getNamespaceURI() != null && !Namespaces.XMLNS.equals(a.getNamespaceURI())) {
                used.add(a.getNamespaceURI());
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                collectNamespaces(ce, used);
            }
        }
    }
}
