package io.ovfkit.ovf.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OsTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Unknown", "1|Other", "2|MACOS", "12|OS/2", "14|MSDOS", "29|Solaris", "35|BS2000", "36|LINUX",
        "42|FreeBSD", "58|Windows 2000", "63|Windows (R) Me", "66|Not Applicable", "67|Windows XP",
        "69|Microsoft Windows Server 2003", "79|RedHat Enterprise Linux", "94|Ubuntu 64-Bit", "96|Debian 64-Bit",
        "101|Linux 64-Bit", "102|Other 64-Bit", "103|Microsoft Windows Server 2008 R2", "104|VMware ESXi",
        "107|CentOS 64-bit", "110|eComStation 32-bitx", "111|Microsoft Windows Server 2011",
        "112|Microsoft Windows Server 2012", "114|Microsoft Windows 8 64-bit", "118|Microsoft Windows Server 2016",
        "120|Microsoft Windows 10 64-bit"
    })
    void ofCimNamesKnownIds(int id, String name) {
        OsType t = OsType.ofCim(id);
        assertThat(t.cimId()).isEqualTo(id);
        assertThat(t.cimName()).isEqualTo(name);
        assertThat(t.knownCimId()).isTrue();
        assertThat(t.vmwareGuestId()).isNull();
    }

    @Test
    void tableCoversEveryIdFrom0To120() {
        for (int id = 0; id <= 120; id++) {
            assertThat(OsType.cimName(id)).as("id %d", id).isPresent();
        }
        assertThat(OsType.cimName(121)).isEmpty();
        assertThat(OsType.cimName(-1)).isEmpty();
    }

    @Test
    void ofCimAcceptsUnassignedIdsUpToUnsignedShortMax() {
        OsType t = OsType.ofCim(65535);
        assertThat(t.knownCimId()).isFalse();
        assertThat(t.cimName()).isEqualTo("Unassigned OSType 65535");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MAX_VALUE})
    void ofCimRejectsIdsOutsideUnsignedShort(int id) {
        assertThatThrownBy(() -> OsType.ofCim(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(id))
                .hasMessageContaining("0..65535");
    }

    @Test
    void ofVmwareGuestIdIsCaseInsensitiveAndReturnsVmwareSpelling() {
        OsType t = OsType.ofVmwareGuestId("UBUNTU64GUEST").orElseThrow();
        assertThat(t.vmwareGuestId()).isEqualTo("ubuntu64Guest");
        assertThat(t.cimId()).isEqualTo(94);
        assertThat(t.knownVmwareGuestId()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "ubuntu64Guest, 94", "ubuntuGuest, 93", "otherLinux64Guest, 101", "otherLinuxGuest, 36",
        "windows9_64Guest, 120", "windows9Guest, 119", "windows7Server64Guest, 103", "windows8Server64Guest, 112",
        "windows9Server64Guest, 118", "windows2019srv_64Guest, 118", "windows11_64Guest, 120",
        "centos8_64Guest, 107", "rhel9_64Guest, 80", "rhel6Guest, 79", "debian12_64Guest, 96",
        "vmwarePhoton64Guest, 101", "other3xLinux64Guest, 101", "other26xLinux64Guest, 100", "sles15_64Guest, 85",
        "oracleLinux8_64Guest, 109", "freebsd13_64Guest, 78", "solaris11_64Guest, 81", "winXPProGuest, 67",
        "winNetEnterprise64Guest, 70", "winLonghorn64Guest, 77", "dosGuest, 14", "vmkernel8Guest, 104",
        "otherGuest, 1", "otherGuest64, 102"
    })
    void mapsCommonVmwareGuestIdsToBestCimId(String guestId, int cimId) {
        assertThat(OsType.ofVmwareGuestId(guestId).orElseThrow().cimId()).isEqualTo(cimId);
        assertThat(OsType.cimIdOf(guestId)).hasValue(cimId);
    }

    @Test
    void ofVmwareGuestIdIsEmptyForUnknownIds() {
        assertThat(OsType.ofVmwareGuestId("commodore64Guest")).isEmpty();
        assertThat(OsType.ofVmwareGuestId(null)).isEmpty();
        assertThat(OsType.ofVmwareGuestId("x".repeat(10_000))).isEmpty();
        assertThat(OsType.cimIdOf("nope")).isEmpty();
    }

    @Test
    void tableHoldsAtLeastSixtyGuestIdsEachMappedToAKnownCimId() {
        assertThat(OsType.vmwareGuestIds()).hasSizeGreaterThanOrEqualTo(60);
        for (String id : OsType.vmwareGuestIds()) {
            assertThat(OsType.ofVmwareGuestId(id).orElseThrow().knownCimId()).as(id).isTrue();
        }
    }

    @Test
    void everyCimIdHasADefaultGuestIdFromTheTable() {
        for (int id = 0; id <= 120; id++) {
            String guest = OsType.defaultVmwareGuestId(id);
            assertThat(OsType.ofVmwareGuestId(guest)).as("id %d -> %s", id, guest).isPresent();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "94, ubuntu64Guest", "93, ubuntuGuest", "101, otherLinux64Guest", "36, otherLinuxGuest",
        "120, windows9_64Guest", "80, rhel7_64Guest", "107, centos64Guest", "1, otherGuest", "0, otherGuest",
        "102, otherGuest64", "3, otherGuest", "92, turboLinux64Guest", "500, otherGuest"
    })
    void defaultVmwareGuestIdPicksAReasonableId(int cimId, String guestId) {
        assertThat(OsType.defaultVmwareGuestId(cimId)).isEqualTo(guestId);
    }

    @Test
    void effectiveVmwareGuestIdPrefersTheGivenId() {
        assertThat(OsType.of(36, "vmwarePhoton64Guest").effectiveVmwareGuestId()).isEqualTo("vmwarePhoton64Guest");
        assertThat(OsType.ofCim(94).effectiveVmwareGuestId()).isEqualTo("ubuntu64Guest");
    }

    @Test
    void parseAcceptsCimNumber() {
        assertThat(OsType.parse(" 94 ")).isEqualTo(OsType.ofCim(94));
        assertThat(OsType.parse("0")).isEqualTo(OsType.ofCim(0));
        assertThat(OsType.parse("00101").cimId()).isEqualTo(101);
    }

    @Test
    void parseAcceptsVmwareGuestId() {
        OsType t = OsType.parse("centos8_64guest");
        assertThat(t.cimId()).isEqualTo(107);
        assertThat(t.vmwareGuestId()).isEqualTo("centos8_64Guest");
    }

    @Test
    void parseRejectsNeitherWithAnExampleOfEach() {
        assertThatThrownBy(() -> OsType.parse("windows"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'windows'")
                .hasMessageContaining("94")
                .hasMessageContaining("ubuntu64Guest");
    }

    @Test
    void parseRejectsOutOfRangeNumber() {
        assertThatThrownBy(() -> OsType.parse("70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'70000'")
                .hasMessageContaining("0..65535");
    }

    @Test
    void parseRejectsHostileLongInput() {
        assertThatThrownBy(() -> OsType.parse("9".repeat(1_000_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> OsType.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofKeepsUnknownGuestIdVerbatimAndCanonicalizesKnownOnes() {
        OsType future = OsType.of(101, "futureLinux99_64Guest");
        assertThat(future.vmwareGuestId()).isEqualTo("futureLinux99_64Guest");
        assertThat(future.knownVmwareGuestId()).isFalse();
        assertThat(OsType.of(94, "Ubuntu64guest").vmwareGuestId()).isEqualTo("ubuntu64Guest");
        assertThat(OsType.of(94, null)).isEqualTo(OsType.ofCim(94));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ubuntu 64", "a<b", "guest\n"})
    void ofRejectsMalformedGuestIds(String id) {
        assertThatThrownBy(() -> OsType.of(1, id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VMware guest id");
    }

    @Test
    void withVmwareGuestIdReplacesTheGuestId() {
        assertThat(OsType.ofCim(36).withVmwareGuestId("otherLinuxGuest"))
                .isEqualTo(OsType.of(36, "otherLinuxGuest"));
    }

    @Test
    void equalityAndToStringCoverBothIds() {
        assertThat(OsType.of(94, "ubuntu64Guest")).isEqualTo(OsType.of(94, "ubuntu64Guest"))
                .hasSameHashCodeAs(OsType.of(94, "ubuntu64Guest"))
                .isNotEqualTo(OsType.ofCim(94))
                .hasToString("94 (Ubuntu 64-Bit) vmw:osType=ubuntu64Guest");
    }
}
