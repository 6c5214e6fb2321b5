package io.ovfkit.ovf;

import java.util.List;

/**
 * A conversion between OVF versions would lose content the target version cannot express. The
 * findings list every such element or attribute with its line; nothing is dropped silently.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class OvfConversionException extends OvfException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> losses;

    /** @param losses what the target version cannot express */
    public OvfConversionException(String source, OvfVersion target, List<Diagnostic> losses) {
        super(source, 0, 0, "cannot convert to OVF " + target + " without losing content: "
                + losses.size() + " element(s) or attribute(s) exist only in OVF 2.x (first: "
                + (losses.isEmpty() ? "" : losses.get(0)) + ")", null);
        this.losses = List.copyOf(losses);
    }

    /** Every element or attribute the target version cannot express. */
    public List<Diagnostic> losses() {
        return losses;
    }
}
