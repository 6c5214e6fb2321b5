package io.ovfkit.convert;

import io.ovfkit.ovf.OvfDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places in the descriptor: a model object's element as the model locates it, or one of its child
 * elements (the {@code rasd:ResourceSubType} of an item), found in the source text after the
 * parent's start tag and before its end tag.
 */
final class DescriptorPositions {
    private final OvfDescriptor descriptor;
    private final String file;
    private final String text;
    private final int[] lineStarts;

    DescriptorPositions(OvfDescriptor descriptor, String file) {
        this.descriptor = descriptor;
        this.file = file;
        String t;
        try {
            t = new String(descriptor.originalBytes(), descriptor.charset());
        } catch (RuntimeException e) {
            t = "";
        }
        this.text = t;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The descriptor's name in messages. */
    String file() {
        return file;
    }

    /** The element of {@code modelObject}, or the whole file when it cannot be located. */
    Place of(Object modelObject) {
        Optional<int[]> at = modelObject == null ? Optional.empty() : descriptor.locate(modelObject);
        return at.map(p -> new Place(file, p[0], p[1])).orElse(Place.of(file));
    }

    /**
     * The first child element named {@code localName} (any prefix) of the element of
     * {@code parent} whose own local name is {@code parentName}; the parent's place when not found.
     */
    Place child(Object parent, String parentName, String localName) {
        Place p = of(parent);
        if (p.line() == 0 || p.line() > lineStarts.length) {
            return p;
        }
        int start = lineStarts[p.line() - 1] + Math.max(0, p.column() - 1);
        if (start >= text.length()) {
            return p;
        }
        Matcher end = Pattern.compile("</(?:[\\w.-]+:)?" + Pattern.quote(parentName) + "\\s*>").matcher(text);
        int limit = end.find(start) ? end.start() : text.length();
        Matcher m = Pattern.compile("<(?:[\\w.-]+:)?" + Pattern.quote(localName) + "[\\s/>]").matcher(text);
        m.region(start, limit);
        if (!m.find()) {
            return p;
        }
        return at(m.start());
    }

    /**
     * The {@code n}-th (0-based) child element named {@code localName} of the parent, as {@link #child}.
     */
    Place child(Object parent, String parentName, String localName, int n) {
        Place first = child(parent, parentName, localName);
        if (n == 0 || first.line() == 0) {
            return first;
        }
        int from = lineStarts[first.line() - 1] + first.column();
        Matcher m = Pattern.compile("<(?:[\\w.-]+:)?" + Pattern.quote(localName) + "[\\s/>]").matcher(text);
        int found = 0;
        while (m.find(from)) {
            found++;
            if (found == n) {
                return at(m.start());
            }
            from = m.end();
        }
        return first;
    }

    private Place at(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Place(file, lo + 1, offset - lineStarts[lo] + 1);
    }
}
