package io.ovfkit.ovf.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CharRefWriterTest {

    @Test
    void encodesOnlyWhatTheXmlWriterWouldLose() {
        assertThat(CharRefWriter.encode("plain & <text>", true)).isEqualTo("plain & <text>");
        assertThat(CharRefWriter.encode("a\tb\nc\rd\uFDD0", true)).isEqualTo("a\uFDD0tb\uFDD0nc\uFDD0rd\uFDD00");
        assertThat(CharRefWriter.encode("a\tb\nc\rd", false)).isEqualTo("a\tb\nc\uFDD0rd");
    }

    @Test
    void turnsMarkersIntoCharacterReferencesAcrossWriteCalls() throws IOException {
        StringWriter sink = new StringWriter();
        try (CharRefWriter w = new CharRefWriter(sink)) {
            String encoded = CharRefWriter.encode("x\ty\nz\r\uFDD0!", true);
            // Split right after every marker to exercise the pending state.
            for (int i = 0; i < encoded.length(); i++) {
                if (i % 2 == 0) {
                    w.write(encoded.charAt(i));
                } else {
                    w.write(encoded, i, 1);
                }
            }
            w.write(new char[] {'[', CharRefWriter.MARK}, 0, 2);
            w.write(new char[] {'n', ']'}, 0, 2);
        }
        assertThat(sink.toString()).isEqualTo("x&#9;y&#10;z&#13;\uFDD0![&#10;]");
    }
}
