package io.ovfkit.ovf;

import io.ovfkit.ovf.model.Envelope;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.OvfJaxb;
import io.ovfkit.ovf.model.Strings;
import io.ovfkit.ovf.xml.DecodedText;
import io.ovfkit.ovf.xml.NamespaceNormalizer;
import io.ovfkit.ovf.xml.SourceParser;
import jakarta.xml.bind.JAXBException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Looks up the translation of localizable texts ({@code Msg_Type} elements with an
 * {@code ovf:msgid}) in the {@code Strings} bundles of a descriptor, embedded or external, for a
 * language: an exact {@code xml:lang} match first, then the same language without region
 * ({@code de} for {@code de-CH}), then the text written in the element itself.
 *
 * <p>Not thread-safe: it holds the descriptor's mutable {@code Strings} bundles and {@link #add}
 * changes it; confine it to one thread, like the descriptor.
 */
public final class Localization {
    private final List<Strings> bundles = new ArrayList<>();

    private Localization() {
    }

    /** The embedded bundles of {@code envelope}; external ones can be added. */
    public static Localization of(Envelope envelope) {
        Localization l = new Localization();
        for (Strings s : envelope.strings()) {
            if (s.getFileRef() == null) {
                l.bundles.add(s);
            }
        }
        return l;
    }

    /** Adds an external bundle (read with {@link #readBundle}); it takes part in lookups. */
    public Localization add(Strings bundle) {
        bundles.add(bundle);
        return this;
    }

    /** The languages that have bundles, as written. */
    public List<String> languages() {
        return bundles.stream().map(Strings::getLang).filter(l -> l != null).distinct().toList();
    }

    /**
     * The text of {@code msg} in {@code language} (a BCP 47 tag such as {@code de-DE}); the default
     * text when there is no translation. {@code null} for a {@code null} message.
     */
    public String text(Msg msg, String language) {
        if (msg == null) {
            return null;
        }
        if (msg.getMsgid() != null && language != null) {
            Optional<String> t = lookup(msg.getMsgid(), language, true).or(() -> lookup(msg.getMsgid(), language, false));
            if (t.isPresent()) {
                return t.get();
            }
        }
        return msg.getValue();
    }

    private Optional<String> lookup(String msgid, String language, boolean exact) {
        String want = language.toLowerCase(Locale.ROOT);
        String wantBase = want.contains("-") ? want.substring(0, want.indexOf('-')) : want;
        for (Strings s : bundles) {
            String lang = s.getLang() == null ? "" : s.getLang().toLowerCase(Locale.ROOT).replace('_', '-');
            String base = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
            boolean match = exact ? lang.equals(want) : base.equals(wantBase);
            if (match) {
                Optional<String> m = s.message(msgid);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an external message bundle: a standalone {@code Strings} document in the OVF 1 or 2
     * namespace, as referenced by {@code <Strings ovf:fileRef="…">}. Hardened like descriptors.
     *
     * @throws MalformedDescriptorException when the bytes are not such a document
     */
    public static Strings readBundle(byte[] bytes, String sourceName) {
        if (bytes.length > Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES) {
            throw new MalformedDescriptorException(sourceName, "the message bundle is larger than "
                    + Ovf.DEFAULT_MAX_DESCRIPTOR_BYTES + " bytes");
        }
        DecodedText text = DecodedText.decode(bytes, sourceName);
        Document doc = SourceParser.parse(text.text(), sourceName).document();
        Element root = doc.getDocumentElement();
        if (!"Strings".equals(root.getLocalName())) {
            throw new MalformedDescriptorException(sourceName, 1, 1, "the root element is " + root.getTagName()
                    + "; expected a Strings message bundle", null);
        }
        NamespaceNormalizer.normalizeFragment(doc, sourceName);
        try {
            Object o = OvfJaxb.context().createUnmarshaller().unmarshal(doc);
            if (o instanceof Strings s) {
                return s;
            }
        } catch (JAXBException e) {
            throw new MalformedDescriptorException(sourceName, 0, 0, "cannot read the message bundle: " + e, e);
        }
        throw new MalformedDescriptorException(sourceName, "not a Strings message bundle in an OVF namespace");
    }
}
