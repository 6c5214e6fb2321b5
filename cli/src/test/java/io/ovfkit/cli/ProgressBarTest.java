package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void rendersTheFractionAsABarAPercentageAndSizes() {
        assertThat(ProgressBar.render("converting", 0, 1L << 30))
                .isEqualTo("converting [------------------------------]   0%  0 bytes / 1 GiB");
        assertThat(ProgressBar.render("converting", 3L << 28, 1L << 30))
                .isEqualTo("converting [######################--------]  75%  768 MiB / 1 GiB");
        assertThat(ProgressBar.render("converting", 1L << 30, 1L << 30))
                .isEqualTo("converting [##############################] 100%  1 GiB / 1 GiB");
    }

    @Test
    void redrawsInPlaceAtMostFiveTimesASecondAndAlwaysAtTheEnd() {
        StringWriter s = new StringWriter();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintWriter(s), "x", () -> now[0]);
        bar.progress(10, 100);
        now[0] += 50_000_000L;
        bar.progress(20, 100); // too soon: skipped
        now[0] += 200_000_000L;
        bar.progress(30, 100);
        bar.progress(100, 100); // the end is always drawn
        bar.end();
        String out = s.toString();
        assertThat(out.split("\r", -1)).hasSize(4);
        assertThat(out).contains(" 10%").doesNotContain(" 20%").contains(" 30%").contains("100%").endsWith(System.lineSeparator());
    }

    @Test
    void endPrintsNothingWhenNothingWasDrawn() {
        StringWriter s = new StringWriter();
        new ProgressBar(new PrintWriter(s), "x").end();
        assertThat(s.toString()).isEmpty();
    }
}
