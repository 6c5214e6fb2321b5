package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|Other", "2|Computer System", "3|Processor", "4|Memory", "5|IDE Controller", "6|Parallel SCSI HBA",
        "7|FC HBA", "8|iSCSI HBA", "9|IB HCA", "10|Ethernet Adapter", "11|Other Network Adapter", "12|I/O Slot",
        "13|I/O Device", "14|Floppy Drive", "15|CD Drive", "16|DVD drive", "17|Disk Drive", "18|Tape Drive",
        "19|Storage Extent", "20|Other storage device", "21|Serial port", "22|Parallel port", "23|USB Controller",
        "24|Graphics controller", "25|IEEE 1394 Controller", "26|Partitionable Unit", "27|Base Partitionable Unit",
        "28|Power", "29|Cooling Capacity", "30|Ethernet Switch Port", "31|Logical Disk", "32|Storage Volume",
        "33|Ethernet Connection"
    })
    void everyDmtfValueHasItsDmtfName(int code, String name) {
        ResourceType t = ResourceType.fromCode(code).orElseThrow();
        assertThat(t.code()).isEqualTo(code);
        assertThat(t.displayName()).isEqualTo(name);
        assertThat(t.standard()).isTrue();
    }

    @Test
    void virtualBoxSoundCardIsNonStandard35() {
        assertThat(ResourceType.VIRTUALBOX_SOUND_CARD.code()).isEqualTo(35);
        assertThat(ResourceType.VIRTUALBOX_SOUND_CARD.standard()).isFalse();
        assertThat(ResourceType.fromCode(35)).contains(ResourceType.VIRTUALBOX_SOUND_CARD);
        assertThat(ResourceType.values()).hasSize(34);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 34, 36, 32767, 32768, 65535, -1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void fromCodeIsEmptyForCodesWithoutConstant(int code) {
        assertThat(ResourceType.fromCode(code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "17|17 (Disk Drive)", "0|0 (DMTF reserved)", "34|34 (DMTF reserved)", "32767|32767 (DMTF reserved)",
        "32768|32768 (Vendor reserved)", "65535|65535 (Vendor reserved)", "65536|65536 (invalid: outside 0..65535)",
        "-1|-1 (invalid: outside 0..65535)", "35|35 (Sound Card (VirtualBox, non-standard))"
    })
    void describeNamesEveryRange(int code, String description) {
        assertThat(ResourceType.describe(code)).isEqualTo(description);
    }

    @Test
    void parseAcceptsTrimmedDecimal() {
        assertThat(ResourceType.parse(" 17\n")).isEqualTo(ResourceType.DISK_DRIVE);
        assertThat(ResourceType.parse("010")).isEqualTo(ResourceType.ETHERNET_ADAPTER);
    }

    @Test
    void parseRejectsReservedCodeNamingTheRange() {
        assertThatThrownBy(() -> ResourceType.parse("40"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'40'")
                .hasMessageContaining("DMTF reserved");
        assertThatThrownBy(() -> ResourceType.parse("40000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Vendor reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"disk", "-1", "1.0", "", "0x11", "17 18"})
    void parseRejectsNonDecimalText(String text) {
        assertThatThrownBy(() -> ResourceType.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Texts.quote(text))
                .hasMessageContaining("not a decimal number");
    }

    @Test
    void parseRejectsOutOfRange() {
        assertThatThrownBy(() -> ResourceType.parseCode("65536"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> ResourceType.parseCode("9".repeat(100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void parseCodeAcceptsReservedAndVendorCodes() {
        assertThat(ResourceType.parseCode("0")).isZero();
        assertThat(ResourceType.parseCode("40000")).isEqualTo(40000);
        assertThat(ResourceType.parseCode("00065535")).isEqualTo(65535);
    }

    @Test
    void parseRejectsNull() {
        assertThatThrownBy(() -> ResourceType.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }
}
