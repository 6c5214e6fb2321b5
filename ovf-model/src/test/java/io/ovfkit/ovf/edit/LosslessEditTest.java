package io.ovfkit.ovf.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.model.DeviceItem;
import io.ovfkit.ovf.model.FileReference;
import io.ovfkit.ovf.model.Msg;
import io.ovfkit.ovf.model.Network;
import io.ovfkit.ovf.model.NetworkSection;
import io.ovfkit.ovf.model.ProductSection;
import io.ovfkit.ovf.model.Property;
import io.ovfkit.ovf.model.VirtualHardwareSection;
import io.ovfkit.ovf.model.VirtualSystem;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An edited descriptor changes only what was edited; everything around it is kept as written. */
class LosslessEditTest {

    private static final Path SAMPLE = Path.of("..", "samples", "descriptors", "hello-appliance.ovf");

    private static List<String> lines(byte[] b) {
        return List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1));
    }

    /** Lines of {@code after} that are not at the same place in {@code before}, aligned by a simple LCS. */
    private static List<String> changed(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] t = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                t[i][j] = before.get(i).equals(after.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                i++;
                j++;
            } else if (j < m && (i >= n || t[i][j + 1] >= t[i + 1][j])) {
                out.add("+" + after.get(j++));
            } else {
                out.add("-" + before.get(i++));
            }
        }
        return out;
    }

    private static VirtualSystem vs(OvfDescriptor d) {
        return d.envelope().virtualSystems().get(0);
    }

    @Test
    void changing_one_attribute_changes_only_that_line() throws Exception {
        OvfDescriptor d = Ovf.read(SAMPLE);
        FileReference f = d.envelope().references().orElseThrow().files().get(0);
        f.setSize(12345L);
        List<String> diff = changed(lines(Files.readAllBytes(SAMPLE)), lines(d.toBytes()));
        assertThat(diff).containsExactlyInAnyOrder(
                "-    <File ovf:href=\"hello-appliance-disk1.vmdk\" ovf:id=\"file1\" ovf:size=\"68608\"/>",
                "+    <File ovf:href=\"hello-appliance-disk1.vmdk\" ovf:id=\"file1\" ovf:size=\"12345\"/>");
    }

    @Test
    void changing_leaf_text_keeps_the_tags_and_comment() throws Exception {
        OvfDescriptor d = Ovf.read(SAMPLE);
        vs(d).section(ProductSection.class).orElseThrow().setVendor(new Msg("Example & Co <eu>"));
        byte[] out = d.toBytes();
        List<String> diff = changed(lines(Files.readAllBytes(SAMPLE)), lines(out));
        assertThat(diff).containsExactlyInAnyOrder("-      <Vendor>ovfkit</Vendor>", "+      <Vendor>Example &amp; Co &lt;eu&gt;</Vendor>");
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("<!-- A small appliance descriptor");
        assertThat(vs(Ovf.read(out, "edited")).section(ProductSection.class).orElseThrow().getVendor().getValue())
                .isEqualTo("Example & Co <eu>");
    }

    @Test
    void removing_an_item_removes_only_its_lines() throws Exception {
        OvfDescriptor d = Ovf.read(SAMPLE);
        VirtualHardwareSection hw = vs(d).section(VirtualHardwareSection.class).orElseThrow();
        hw.getItems().removeIf(i -> "5".equals(i.getInstanceId()));
        List<String> diff = changed(lines(Files.readAllBytes(SAMPLE)), lines(d.toBytes()));
        assertThat(diff).hasSize(10).allMatch(l -> l.startsWith("-"));
        assertThat(diff).anyMatch(l -> l.contains("Network adapter 1"));
        OvfDescriptor back = Ovf.read(d.toBytes(), "edited");
        assertThat(vs(back).section(VirtualHardwareSection.class).orElseThrow().devices())
                .extracting(DeviceItem::getInstanceId).doesNotContain("5");
    }

    @Test
    void adding_a_property_inserts_it_indented_like_its_siblings() throws Exception {
        OvfDescriptor d = Ovf.read(SAMPLE);
        ProductSection ps = vs(d).section(ProductSection.class).orElseThrow();
        Property p = new Property("timezone", "string");
        p.setValue("UTC");
        p.setUserConfigurable(true);
        p.setLabel(new Msg("Time zone"));
        ps.children().add(p);
        byte[] out = d.toBytes();
        List<String> diff = changed(lines(Files.readAllBytes(SAMPLE)), lines(out));
        assertThat(diff).allMatch(l -> l.startsWith("+"));
        assertThat(diff.get(0)).startsWith("+      <Property ");
        assertThat(diff).contains("+        <Label>Time zone</Label>", "+      </Property>");
        assertThat(diff.get(0)).contains("ovf:key=\"timezone\"").contains("ovf:value=\"UTC\"").doesNotContain("xmlns");
        ProductSection back = vs(Ovf.read(out, "edited")).section(ProductSection.class).orElseThrow();
        assertThat(back.properties()).extracting(Property::getKey).endsWith("timezone");
    }

    @Test
    void new_content_in_a_1x_descriptor_stays_in_the_1x_namespace() throws Exception {
        OvfDescriptor d = Ovf.read(SAMPLE);
        NetworkSection ns = d.envelope().networkSection().orElseThrow();
        Network n = new Network("Backup Network");
        n.setDescription(new Msg("Second network"));
        ns.getNetworks().add(n);
        String out = new String(d.toBytes(), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("envelope/2");
        assertThat(out).contains("    <Network ovf:name=\"Backup Network\">\n      <Description>Second network</Description>\n    </Network>\n  </NetworkSection>");
        assertThat(Ovf.read(out.getBytes(StandardCharsets.UTF_8), "x").envelope().networkSection().orElseThrow()
                .network("Backup Network")).isPresent();
    }

    @Test
    void prefixed_descriptor_gets_prefixed_new_elements() {
        Path p = SharedCorpus.file("ovf/cot__csr1000v.ovf");
        OvfDescriptor d = Ovf.read(p);
        d.envelope().networkSection().orElseThrow().getNetworks().add(new Network("extra"));
        String out = new String(d.toBytes(), StandardCharsets.UTF_8);
        assertThat(out).containsPattern("<ovf:Network ovf:name=\"extra\"\\s*/>");
    }

    @Test
    void crlf_and_tabs_elsewhere_are_kept_when_editing() throws Exception {
        Path p = SharedCorpus.file("ovf/govmomi__make_delta.ovf");
        byte[] original = Files.readAllBytes(p);
        OvfDescriptor d = Ovf.read(p);
        vs(d.envelope().virtualSystems().size() > 0 ? d : d).setId("renamed");
        byte[] out = d.toBytes();
        String a = new String(original, StandardCharsets.UTF_8);
        String b = new String(out, StandardCharsets.UTF_8);
        assertThat(b.chars().filter(c -> c == '\r').count()).isEqualTo(a.chars().filter(c -> c == '\r').count());
        assertThat(b.chars().filter(c -> c == '\t').count()).isEqualTo(a.chars().filter(c -> c == '\t').count());
        assertThat(b.length() - a.length()).isEqualTo("renamed".length() - vsIdLength(original));
    }

    private static int vsIdLength(byte[] original) {
        return vs(Ovf.read(original, "x")).getId().length();
    }

    @Test
    void every_corpus_descriptor_survives_an_edit_and_rereads_with_the_edit() {
        for (SharedCorpus.Source s : SharedCorpus.sources(x -> x.expect().equals("read") || x.expect().equals("invalid"))) {
            Path p = SharedCorpus.file(s.file());
            OvfDescriptor d = Ovf.read(p);
            if (d.envelope().virtualSystems().isEmpty()) {
                continue;
            }
            VirtualSystem v = vs(d);
            v.setName(new Msg("edited name"));
            OvfDescriptor back = Ovf.read(d.toBytes(), s.file());
            assertThat(vs(back).getName().getValue()).as(s.file()).isEqualTo("edited name");
            assertThat(back.envelope().virtualSystems()).as(s.file()).hasSameSizeAs(d.envelope().virtualSystems());
        }
    }
}
