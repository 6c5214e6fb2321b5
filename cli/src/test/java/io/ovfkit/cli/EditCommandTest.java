package io.ovfkit.cli;

import static io.ovfkit.cli.CreateCommandTest.extract;
import static io.ovfkit.cli.CreateCommandTest.tarNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovfkit.ovf.testing.Govmomi;
import io.ovfkit.ovf.testing.Oracle;
import io.ovfkit.ovf.testing.SharedCorpus;
import io.ovfkit.ovf.testing.Xmllint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovfkit edit}: descriptor edits through the lossless model, members copied, manifest and signature anew. */
class EditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path ova;
    byte[] originalOvf;

    @BeforeEach
    void constructedPackage() throws IOException {
        Path disk = DiskFixtures.usedRaw(tmp.resolve("boot.raw"));
        ova = tmp.resolve("web.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", disk, "--name", "web", "--cpus", "2", "--memory", "1G",
                "--network", "VM Network", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        originalOvf = Files.readAllBytes(extract(ova).resolve("web.ovf"));
    }

    private JsonNode info(Path pkg) throws IOException {
        Cli.Result r = Cli.run("info", "--json", pkg);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> lines(byte[] text) {
        return List.of(new String(text, StandardCharsets.UTF_8).split("\n", -1));
    }

    /** The lines of {@code a} that are not in {@code b}, in order (a multiset difference). */
    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String l : a) {
            if (!rest.remove(l)) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void editsInPlaceCopiesTheDiskAndRehashes() throws IOException {
        byte[] disk = Files.readAllBytes(extract(ova).resolve("web-disk1.vmdk"));
        Cli.Result r = Cli.run("edit", ova, "--cpus", "4", "--memory", "2G");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("edited " + ova);
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk");
        Path x = extract(ova);
        assertThat(Files.readAllBytes(x.resolve("web-disk1.vmdk"))).as("copied, not converted").isEqualTo(disk);
        CreateCommandTest.assertManifestMatchesSha256sum(x, "web.mf");
        JsonNode vs = info(ova).get("virtualSystems").get(0);
        assertThat(vs.get("cpus").asInt()).isEqualTo(4);
        assertThat(vs.get("memoryBytes").asLong()).isEqualTo(2L << 30);
        assertThat(DiskFixtures.names(tmp)).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void manifestLinesEqualJdkDigestsOfTheMembers() throws Exception {
        assertThat(Cli.run("edit", ova, "--product", "Web", "-q").exitCode()).isZero();
        Path x = extract(ova);
        for (String line : Files.readAllLines(x.resolve("web.mf"))) {
            String name = line.substring(line.indexOf('(') + 1, line.indexOf(')'));
            String hex = line.substring(line.indexOf("= ") + 2);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(x.resolve(name)));
            assertThat(hex).as(name).isEqualTo(HexFormat.of().formatHex(digest));
        }
    }

    @Test
    void onlyTheEditedLinesOfTheDescriptorChange() throws IOException {
        assertThat(Cli.run("edit", ova, "--cpus", "4", "-q").exitCode()).isZero();
        byte[] edited = Files.readAllBytes(extract(ova).resolve("web.ovf"));
        assertThat(minus(lines(originalOvf), lines(edited))).containsExactly(
                "        <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>",
                "        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>");
        assertThat(minus(lines(edited), lines(originalOvf))).containsExactly(
                "        <rasd:ElementName>4 virtual CPU(s)</rasd:ElementName>",
                "        <rasd:VirtualQuantity>4</rasd:VirtualQuantity>");
    }

    @Test
    void editedDescriptorIsValidAgainstTheDmtfSchema() throws IOException {
        SharedCorpus.assumeAvailable();
        Cli.Result r = Cli.run("edit", ova, "--cpus", "4", "--cores-per-socket", "2", "--memory", "2G", "--nic-count", "2",
                "--nic-type", "VmxNet3", "--add-network", "Backup:Backup network", "--nic-network", "2=Backup",
                "--product", "Web", "--vendor", "ACME", "--product-version", "1.0", "--full-version", "1.0.0-1",
                "--product-url", "https://example.com/web", "--vendor-url", "https://example.com", "--annotation", "notes",
                "--eula", Cli.write(tmp, "eula.txt", "Be nice."), "--property", "hostname=web1", "--property",
                "port=8443+uint16", "--property-label", "port=Port", "--user-configurable", "port",
                "--add-configuration", "large:Large", "--default-configuration", "large", "--firmware", "efi",
                "--add-disk", "1G", "--add-serial-port", "--transport", "com.vmware.guestInfo", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path ovf = extract(ova).resolve("web.ovf");
        Oracle.Result v = Xmllint.validate(SharedCorpus.schemas().resolve("ovf-1"), "dsp8023.xsd", ovf);
        assertThat(v.exitCode()).as(v.describe()).isZero();
    }

    @Test
    void signsAnewWithSignKey() throws IOException {
        Path[] key = CreateCommandTest.opensslEcKey(tmp);
        Cli.Result r = Cli.run("edit", ova, "--cpus", "3", "--sign-key", key[0], "--sign-cert", key[1]);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web.cert", "web-disk1.vmdk");
        CreateCommandTest.opensslVerify(extract(ova), "web", key[1], "sha256");
    }

    @Test
    void dropsASignatureThatNoLongerHoldsWithAWarning() throws IOException {
        Path[] key = CreateCommandTest.opensslEcKey(tmp);
        assertThat(Cli.run("sign", ova, "--key", key[0], "--cert", key[1], "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("edit", ova, "--cpus", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: removed the certificate web.cert");
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk");
    }

    @Test
    void keepsTheManifestAlgorithmOfThePackage() throws IOException {
        Path sha1 = tmp.resolve("sha1.ova");
        assertThat(Cli.run("manifest", ova, "--digest", "sha1", "-o", sha1, "-q").exitCode()).isZero();
        assertThat(Cli.run("edit", sha1, "--cpus", "3", "-q").exitCode()).isZero();
        Path x = extract(sha1);
        assertThat(Files.readString(x.resolve("web.mf"))).startsWith("SHA1(");
        CreateCommandTest.assertManifestMatchesSha256sum(x, "web.mf");
    }

    @Test
    void dryRunPrintsTheDiffAndTheMembersAndWritesNothing() throws IOException {
        byte[] before = Files.readAllBytes(ova);
        Cli.Result r = Cli.run("edit", ova, "--dry-run", "--cpus", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("--- a/web.ovf\n+++ b/web.ovf\n@@ ")
                .contains("-        <rasd:VirtualQuantity>2</rasd:VirtualQuantity>\n")
                .contains("+        <rasd:VirtualQuantity>4</rasd:VirtualQuantity>\n")
                .endsWith("members that would change:\n  modified  web.ovf\n  modified  web.mf\n");
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
    }

    @Test
    void badValueIsExit2NamingTheOptionAndWritesNothing() throws IOException {
        byte[] before = Files.readAllBytes(ova);
        Cli.Result r = Cli.run("edit", ova, "--cpus", "4", "--nic-type", "rtl8139");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--nic-type").contains("'rtl8139'");
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
    }

    @Test
    void propertyValueThatDoesNotFitItsTypeIsExit2() {
        Cli.Result r = Cli.run("edit", ova, "--property", "port=http+uint16");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--property").contains("'port'");
    }

    @Test
    void editThatMakesTheDescriptorInvalidIsExit1AndWritesNothing() throws IOException {
        assertThat(Cli.run("edit", ova, "--add-configuration", "big", "--configuration", "big", "--property", "n=300",
                "-q").exitCode()).isZero();
        byte[] before = Files.readAllBytes(ova);
        Cli.Result r = Cli.run("edit", ova, "--property", "n+uint8");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("OVF_PROPERTY_VALUE").contains("nothing was written");
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
    }

    @Test
    void nothingToEditIsExit2() {
        Cli.Result r = Cli.run("edit", ova);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to edit");
    }

    @Test
    void outputOptionLeavesTheInputAsItWas() throws IOException {
        byte[] before = Files.readAllBytes(ova);
        Path out = tmp.resolve("out.ova");
        assertThat(Cli.run("edit", ova, "-o", out, "--name", "Web server", "-q").exitCode()).isZero();
        assertThat(Files.readAllBytes(ova)).isEqualTo(before);
        assertThat(info(out).get("virtualSystems").get(0).get("name").asText()).isEqualTo("Web server");
    }

    @Test
    void passwordPropertyValueComesFromAFileAndIsNeverShown() throws IOException {
        Path value = Cli.write(tmp, "secret.txt", "s3cret!\n");
        Cli.Result r = Cli.run("edit", ova, "--property", "root_password", "--property-password", "root_password",
                "--property-password-file", value, "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode p = info(ova).get("properties").get(0);
        assertThat(p.get("password").asBoolean()).isTrue();
        assertThat(p.get("value").isNull()).isTrue();
        assertThat(Files.readString(extract(ova).resolve("web.ovf"))).contains("ovf:password=\"true\"")
                .contains("ovf:value=\"s3cret!\"");
    }

    @Test
    void passwordValueFromAnArgumentIsRefused() {
        assertThat(Cli.run("edit", ova, "--property", "pw", "--property-password", "pw", "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("edit", ova, "--property", "pw=visible");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("password").contains("never comes from an argument");
    }

    @Test
    void addsAndRemovesFiles() throws IOException {
        Path readme = Cli.write(tmp, "README.txt", "read me\n");
        assertThat(Cli.run("edit", ova, "--add-file", readme, "-q").exitCode()).isZero();
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "web-disk1.vmdk", "README.txt");
        CreateCommandTest.assertManifestMatchesSha256sum(extract(ova), "web.mf");
        assertThat(Cli.run("edit", ova, "--remove-file", "web-disk1.vmdk", "-q").exitCode()).isZero();
        assertThat(tarNames(ova)).containsExactly("web.ovf", "web.mf", "README.txt");
        JsonNode info = info(ova);
        assertThat(info.get("disks")).isEmpty();
        assertThat(Files.readString(extract(ova).resolve("web.ovf"))).doesNotContain("ovf:/disk/");
    }

    @Test
    void addsABlankDiskOnTheExistingController() throws IOException {
        assertThat(Cli.run("edit", ova, "--add-disk", "20G", "-q").exitCode()).isZero();
        JsonNode info = info(ova);
        assertThat(info.get("disks")).hasSize(2);
        assertThat(info.get("disks").get(1).get("capacityBytes").asLong()).isEqualTo(20L << 30);
        assertThat(info.get("disks").get(1).get("fileRef").isNull()).isTrue();
        assertThat(info.get("virtualSystems").get(0).get("controllers")).hasSize(1);
    }

    @Test
    void infoJsonShowsTheEditedProductAndHardware() throws IOException {
        Cli.Result r = Cli.run("edit", ova, "--product", "Web", "--vendor", "ACME", "--product-version", "2.0",
                "--full-version", "2.0.1", "--product-url", "https://example.com/web", "--vendor-url", "https://acme.test",
                "--annotation", "Notes", "--eula", Cli.write(tmp, "eula.txt", "Licence"), "--firmware", "efi",
                "--cores-per-socket", "2", "--nic-type", "VmxNet3", "--nic-name", "1=front", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode info = info(ova);
        JsonNode product = info.get("product");
        assertThat(product.get("name").asText()).isEqualTo("Web");
        assertThat(product.get("vendor").asText()).isEqualTo("ACME");
        assertThat(product.get("version").asText()).isEqualTo("2.0");
        assertThat(product.get("fullVersion").asText()).isEqualTo("2.0.1");
        assertThat(product.get("productUrl").asText()).isEqualTo("https://example.com/web");
        assertThat(product.get("vendorUrl").asText()).isEqualTo("https://acme.test");
        assertThat(info.get("annotation").asText()).isEqualTo("Notes");
        assertThat(info.get("eula").asText()).isEqualTo("Licence");
        JsonNode vs = info.get("virtualSystems").get(0);
        assertThat(vs.get("firmware").asText()).isEqualTo("efi");
        assertThat(vs.get("coresPerSocket").asInt()).isEqualTo(2);
        assertThat(vs.get("nics").get(0).get("name").asText()).isEqualTo("front");
        assertThat(vs.get("nics").get(0).get("type").asText()).isEqualTo("VmxNet3");
        assertThat(vs.get("nics").get(0).get("network").asText()).isEqualTo("VM Network");
        assertThat(vs.get("controllers").get(0).get("kind").asText()).isEqualTo("scsi");
    }

    @Test
    void configurationScopesHardwareEditsToOneOption() throws IOException {
        assertThat(Cli.run("edit", ova, "--add-configuration", "small:Small", "--add-configuration", "large:Large",
                "--configuration", "large", "--cpus", "8", "-q").exitCode()).isZero();
        assertThat(info(ova).get("virtualSystems").get(0).get("cpus").asInt()).as("small, the first, is the default")
                .isEqualTo(2);
        assertThat(Cli.run("edit", ova, "--default-configuration", "large", "-q").exitCode()).isZero();
        assertThat(info(ova).get("virtualSystems").get(0).get("cpus").asInt()).isEqualTo(8);
        assertThat(Cli.run("edit", ova, "--remove-configuration", "large", "-q").exitCode()).isZero();
        JsonNode info = info(ova);
        assertThat(info.get("deploymentOptions")).hasSize(1);
        assertThat(Files.readString(extract(ova).resolve("web.ovf"))).doesNotContain("large");
        assertThat(info.get("virtualSystems").get(0).get("cpus").asInt()).isEqualTo(2);
    }

    @Test
    void editsAFolderPackageInPlace() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        assertThat(Cli.run("unpack", ova, folder, "-q").exitCode()).isZero();
        Cli.Result r = Cli.run("edit", folder.resolve("web.ovf"), "--vendor", "ACME", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(folder.resolve("web.ovf"))).contains("<Vendor>ACME</Vendor>");
        CreateCommandTest.assertManifestMatchesSha256sum(folder, "web.mf");
    }

    @Test
    void govmomiParsesTheEditedDescriptor() throws IOException {
        assertThat(Cli.run("edit", ova, "--property", "hostname=web1", "--add-configuration", "large", "-q")
                .exitCode()).isZero();
        JsonNode summary = JSON.readTree(Govmomi.summary(extract(ova).resolve("web.ovf")));
        assertThat(summary.get("properties").toString()).contains("hostname");
        assertThat(summary.get("configurations").toString()).contains("large");
    }
}
