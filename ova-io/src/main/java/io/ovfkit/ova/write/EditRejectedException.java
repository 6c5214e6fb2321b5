package io.ovfkit.ova.write;

import io.ovfkit.ova.PackageException;
import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Severity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An edit that would leave the descriptor with validation errors it did not have: nothing was
 * written. {@link #findings()} lists them.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public final class EditRejectedException extends PackageException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> findings;

    /**
     * @param descriptorName the descriptor's member name
     * @param findings the new findings (errors among them)
     */
    public EditRejectedException(String descriptorName, List<Diagnostic> findings) {
        super(descriptorName, "the edit makes the descriptor invalid; nothing was written: " + findings.stream()
                .filter(d -> d.severity() == Severity.ERROR).map(d -> d.rule() + ": " + d.message())
                .collect(Collectors.joining("; ")));
        this.findings = List.copyOf(findings);
    }

    /** The findings the edit introduces. */
    public List<Diagnostic> findings() {
        return findings;
    }
}
