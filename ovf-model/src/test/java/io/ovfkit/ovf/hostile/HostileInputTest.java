package io.ovfkit.ovf.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovfkit.ovf.MalformedDescriptorException;
import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Hostile and broken descriptors fail fast with a clear, typed error naming the file. */
class HostileInputTest {
    private static final String OVF1 = "http://schemas.dmtf.org/ovf/envelope/1";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void billion_laughs_is_refused_without_expansion() {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            s.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                s.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            s.append("\">\n");
        }
        s.append("]>\n<Envelope xmlns=\"" + OVF1 + "\">&lol9;</Envelope>");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> Ovf.read(b(s.toString()), "lolz.ovf"))
                        .isInstanceOf(MalformedDescriptorException.class)
                        .hasMessageContaining("lolz.ovf")
                        .hasMessageContaining("DOCTYPE"));
    }

    @Test
    void external_entity_is_refused_and_never_fetched(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Envelope xmlns=\"" + OVF1 + "\"><References/>&x;</Envelope>";
        assertThatThrownBy(() -> Ovf.read(b(xml), "xxe.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageNotContaining("TOP-SECRET")
                .hasMessageContaining("xxe.ovf");
    }

    @Test
    void external_parameter_entity_is_refused() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>\n"
                + "<Envelope xmlns=\"" + OVF1 + "\"/>";
        assertThatThrownBy(() -> Ovf.read(b(xml), "pe.ovf")).isInstanceOf(MalformedDescriptorException.class);
    }

    @Test
    void deep_nesting_fails_fast() {
        StringBuilder s = new StringBuilder("<Envelope xmlns=\"" + OVF1 + "\">");
        for (int i = 0; i < 100_000; i++) {
            s.append("<a>");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> Ovf.read(b(s.toString()), "deep.ovf"))
                        .isInstanceOf(MalformedDescriptorException.class)
                        .hasMessageContaining("deep.ovf"));
    }

    @Test
    void oversized_stream_is_refused_before_parsing() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, (byte) ' ');
                return len;
            }
        };
        assertThatThrownBy(() -> Ovf.read(endless, "endless.ovf", 1 << 20))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("endless.ovf")
                .hasMessageContaining("larger than");
    }

    @Test
    void oversized_file_is_refused_by_its_size(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.ovf");
        Files.write(big, new byte[2048]);
        assertThatThrownBy(() -> Ovf.read(big, 1024)).isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("big.ovf").hasMessageContaining("2048 bytes");
    }

    @Test
    void empty_file_is_refused() {
        assertThatThrownBy(() -> Ovf.read(new byte[0], "empty.ovf"))
                .isInstanceOf(MalformedDescriptorException.class).hasMessageContaining("empty");
    }

    @Test
    void binary_garbage_is_refused_with_its_name() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        assertThatThrownBy(() -> Ovf.read(junk, "junk.ovf"))
                .isInstanceOf(MalformedDescriptorException.class).hasMessageContaining("junk.ovf");
    }

    @Test
    void unknown_envelope_namespace_names_what_was_expected() {
        assertThatThrownBy(() -> Ovf.read(b("<Envelope xmlns=\"urn:other\"/>"), "other.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("other.ovf:1:1")
                .hasMessageContaining(OVF1);
    }

    @Test
    void truncated_document_reports_the_place() {
        assertThatThrownBy(() -> Ovf.read(b("<Envelope xmlns=\"" + OVF1 + "\">\n  <References>\n"), "cut.ovf"))
                .isInstanceOf(MalformedDescriptorException.class)
                .hasMessageStartingWith("cut.ovf:3:");
    }

    @Test
    void missing_file_is_an_io_error_naming_it(@TempDir Path dir) {
        Path none = dir.resolve("none.ovf");
        assertThatThrownBy(() -> Ovf.read(none)).isInstanceOf(OvfException.class)
                .isNotInstanceOf(MalformedDescriptorException.class).hasMessageContaining("none.ovf");
    }

    @Test
    void invalid_utf8_names_the_byte_offset() {
        byte[] bad = b("<Envelope xmlns=\"" + OVF1 + "\">xx</Envelope>");
        bad[bad.length - 13] = (byte) 0xC3;
        bad[bad.length - 12] = (byte) 0x28;
        assertThatThrownBy(() -> Ovf.read(bad, "bad.ovf")).isInstanceOf(MalformedDescriptorException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void bad_number_becomes_a_diagnostic_with_its_line() {
        OvfDescriptor d = Ovf.read(b("<Envelope xmlns=\"" + OVF1 + "\" xmlns:ovf=\"" + OVF1 + "\">\n<References>\n"
                + "<File ovf:id=\"f\" ovf:href=\"a\" ovf:size=\"12x\"/>\n</References>\n</Envelope>"), "n.ovf");
        assertThat(d.readDiagnostics()).anySatisfy(x -> {
            assertThat(x.rule()).isEqualTo("OVF_BAD_VALUE");
            assertThat(x.line()).isEqualTo(3);
        });
        assertThat(d.toBytes()).isEqualTo(d.originalBytes());
    }

    @Test
    void utf16_declared_but_utf8_content_is_read_with_a_warning() {
        OvfDescriptor d = Ovf.read(b("<?xml version=\"1.0\" encoding=\"utf-16\"?><Envelope xmlns=\"" + OVF1 + "\"><References/></Envelope>"), "x.ovf");
        assertThat(d.readDiagnostics()).anyMatch(x -> x.rule().equals("OVF_ENCODING_MISMATCH"));
    }

    @Test
    void bom_and_crlf_are_warned_and_kept() {
        byte[] in = b("\uFEFF<Envelope xmlns=\"" + OVF1 + "\">\r\n<References/>\r\n</Envelope>\r\n");
        OvfDescriptor d = Ovf.read(in, "bom.ovf");
        assertThat(d.readDiagnostics()).extracting(x -> x.rule()).contains("OVF_BOM", "OVF_CRLF");
        assertThat(d.toBytes()).isEqualTo(in);
        d.envelope().references().orElseThrow().files().isEmpty();
    }

    @Test
    void many_attributes_do_not_hang() {
        StringBuilder s = new StringBuilder("<Envelope xmlns=\"" + OVF1 + "\"><References><File ");
        for (int i = 0; i < 20_000; i++) {
            s.append("a").append(i).append("=\"v\" ");
        }
        s.append("/></References></Envelope>");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                Ovf.read(b(s.toString()), "attrs.ovf");
            } catch (MalformedDescriptorException e) {
                assertThat(e).hasMessageContaining("attrs.ovf");
            }
        });
    }

    @Test
    void stream_read_is_bounded() throws Exception {
        byte[] ok = b("<Envelope xmlns=\"" + OVF1 + "\"><References/></Envelope>");
        assertThat(Ovf.read(new ByteArrayInputStream(ok), "s.ovf", 1024).version().number()).isEqualTo("1.0");
    }
}
