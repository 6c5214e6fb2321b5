package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ManPages}: a page per command (not {@code help}), plain ASCII troff that groff renders without warnings. */
class ManPagesTest {
    @TempDir
    Path tmp;

    @Test
    void everyCommandGetsAPageThatGroffRendersWithoutWarnings() throws IOException {
        List<Path> pages = ManPages.write(tmp);
        assertThat(pages).hasSize(EveryCommandTest.commands().size() - 1);
        assertThat(tmp.resolve("man1/ovfkit.1")).isRegularFile();
        assertThat(tmp.resolve("man1/ovfkit-disk-convert.1")).isRegularFile();
        for (Path p : pages) {
            assertThat(Files.readString(p).chars().allMatch(c -> c < 128)).as(p.toString()).isTrue();
        }
        Path groff = Oracle.require("groff");
        for (Path p : pages) {
            Oracle.Result r = Oracle.run(List.of(groff.toString(), "-man", "-Tutf8", "-ww", p.toString()), tmp,
                    Duration.ofSeconds(30), Map.of());
            assertThat(r.exitCode()).as(p + r.stderr()).isZero();
            assertThat(r.stderr()).as(p.toString()).isEmpty();
        }
    }

    @Test
    void aPageHasTheSectionsOfAManPage() throws IOException {
        ManPages.write(tmp);
        String page = Files.readString(tmp.resolve("man1/ovfkit-unpack.1"));
        assertThat(page).startsWith(".\\\" Generated").contains(".TH \"OVFKIT-UNPACK\" 1").contains(".SH NAME\novfkit unpack \\-")
                .contains(".SH SYNOPSIS").contains(".SH OPTIONS").contains("\\fB\\-\\-expand\\fR").contains(".SH EXIT STATUS")
                .contains(".SH EXAMPLES").contains("ovfkit unpack \\-\\-expand appliance.ova out/")
                .contains("\\fBovfkit\\fR(1)");
    }
}
