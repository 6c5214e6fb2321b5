package io.ovfkit.ovf.l10n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.Localization;
import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.EulaSection;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Strings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ovf:msgid lookup in embedded and external Strings bundles, with language fallback. */
class LocalizationTest {
    private static final String NS = "http://schemas.dmtf.org/ovf/envelope/1";
    private static final String DOC = "<Envelope xmlns=\"" + NS + "\" xmlns:ovf=\"" + NS + "\"><References/>"
            + "<VirtualSystem ovf:id=\"v\"><Info>vm</Info><EulaSection><Info>eula</Info>"
            + "<License ovf:msgid=\"lic\">English licence</License></EulaSection></VirtualSystem>"
            + "<Strings xml:lang=\"de-DE\"><Msg ovf:msgid=\"lic\">Deutsche Lizenz</Msg></Strings>"
            + "<Strings xml:lang=\"fr\"><Msg ovf:msgid=\"lic\">Licence française</Msg></Strings></Envelope>";

    private static Msg licence(OvfDescriptor d) {
        return d.envelope().virtualSystems().get(0).section(EulaSection.class).orElseThrow().getLicense();
    }

    @Test
    void exact_language_wins() {
        OvfDescriptor d = Ovf.read(DOC.getBytes(StandardCharsets.UTF_8), "l.ovf");
        assertThat(Localization.of(d.envelope()).text(licence(d), "de-DE")).isEqualTo("Deutsche Lizenz");
    }

    @Test
    void language_without_region_is_the_fallback() {
        OvfDescriptor d = Ovf.read(DOC.getBytes(StandardCharsets.UTF_8), "l.ovf");
        Localization l = Localization.of(d.envelope());
        assertThat(l.text(licence(d), "de-AT")).isEqualTo("Deutsche Lizenz");
        assertThat(l.text(licence(d), "fr-CA")).isEqualTo("Licence française");
    }

    @Test
    void default_text_when_no_translation() {
        OvfDescriptor d = Ovf.read(DOC.getBytes(StandardCharsets.UTF_8), "l.ovf");
        assertThat(Localization.of(d.envelope()).text(licence(d), "ja-JP")).isEqualTo("English licence");
    }

    @Test
    void external_bundle_takes_part() {
        OvfDescriptor d = Ovf.read(DOC.getBytes(StandardCharsets.UTF_8), "l.ovf");
        Strings ja = Localization.readBundle(("<Strings xmlns=\"" + NS + "\" xmlns:ovf=\"" + NS + "\" xml:lang=\"ja-JP\">"
                + "<Msg ovf:msgid=\"lic\">ライセンス</Msg></Strings>").getBytes(StandardCharsets.UTF_8), "ja.xml");
        assertThat(Localization.of(d.envelope()).add(ja).text(licence(d), "ja-JP")).isEqualTo("ライセンス");
    }

    @Test
    void external_bundle_must_be_a_strings_document() {
        assertThatThrownBy(() -> Localization.readBundle("<x/>".getBytes(StandardCharsets.UTF_8), "x.xml"))
                .isInstanceOf(MalformedDescriptorException.class).hasMessageContaining("x.xml").hasMessageContaining("Strings");
    }
}
