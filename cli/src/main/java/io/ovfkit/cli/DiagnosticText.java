package io.ovfkit.cli;

import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Severity;
import java.util.List;

/** The one-line text form of a finding, as compilers print them, so editors can jump to the place. */
final class DiagnosticText {
    private DiagnosticText() {
    }

    /**
     * {@code FILE:LINE:COL: severity RULE: message}; without a known line {@code FILE: severity RULE:
     * message}, without a known column {@code FILE:LINE: ...}.
     */
    static String format(String file, Diagnostic d) {
        StringBuilder b = new StringBuilder(file);
        if (d.line() > 0) {
            b.append(':').append(d.line());
            if (d.column() > 0) {
                b.append(':').append(d.column());
            }
        }
        return b.append(": ").append(d.severity().label()).append(' ').append(d.rule()).append(": ")
                .append(d.message()).toString();
    }

    /** How many findings have severity {@code s}. */
    static long count(List<Diagnostic> findings, Severity s) {
        return findings.stream().filter(d -> d.severity() == s).count();
    }

    /** {@code N errors, N warnings}, with the singular for one. */
    static String summary(List<Diagnostic> findings) {
        return plural(count(findings, Severity.ERROR), "error") + ", " + plural(count(findings, Severity.WARNING), "warning");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
