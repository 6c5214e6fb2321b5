package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTextTest {
    @Test
    void formatsFileLineColumnSeverityRuleMessage() {
        assertThat(DiagnosticText.format("a.ovf", Diagnostic.error("OVF_X", 3, 7, "bad")))
                .isEqualTo("a.ovf:3:7: error OVF_X: bad");
    }

    @Test
    void leavesOutAnUnknownPlace() {
        assertThat(DiagnosticText.format("a.ovf", Diagnostic.warning("OVF_X", 0, 0, "odd")))
                .isEqualTo("a.ovf: warning OVF_X: odd");
    }

    @Test
    void leavesOutAnUnknownColumn() {
        assertThat(DiagnosticText.format("a.ovf", Diagnostic.info("OVF_X", 4, 0, "fyi")))
                .isEqualTo("a.ovf:4: info OVF_X: fyi");
    }

    @Test
    void summarizesWithSingularAndPlural() {
        assertThat(DiagnosticText.summary(List.of(Diagnostic.error("A", 1, 1, "x"), Diagnostic.warning("B", 1, 1, "y"),
                Diagnostic.warning("C", 1, 1, "z"), Diagnostic.info("D", 1, 1, "i"))))
                .isEqualTo("1 error, 2 warnings");
    }
}
