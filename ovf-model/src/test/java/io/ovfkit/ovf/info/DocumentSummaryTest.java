package io.ovfkit.ovf.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.Ovf;
import io.ovfkit.ovf.OvfDescriptor;
import io.ovfkit.ovf.OvfException;
import io.ovfkit.ovf.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The summary read from the document ({@link DocumentSummary}, what {@code ovfkit info} uses) equals
 * the one read from the bound model, on real descriptors and on mutants of them that change values,
 * repeat, drop and move elements and put markup where text is expected.
 */
class DocumentSummaryTest {
    private static final String PASSWORD_DESCRIPTOR = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
              <References><File ovf:id="f1" ovf:href="disk.vmdk" ovf:size="12x"/></References>
              <VirtualSystem ovf:id="vm">
                <Info>vm</Info>
                <ProductSection ovf:class="app">
                  <Info>p</Info>
                  <Category>Secrets</Category>
                  <Property ovf:key="pw" ovf:type="string" ovf:password="true" ovf:value="s3cret!" ovf:userConfigurable="TRUE"/>
                  <Property ovf:key="port" ovf:type="uint16" ovf:value="s3cret!"/>
                </ProductSection>
              </VirtualSystem>
            </Envelope>
            """;

    @Test
    void maskedPasswordsAndScreenedValuesComeOutAlikeFromBothPaths() {
        byte[] bytes = PASSWORD_DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
        DescriptorInfo fromDocument = DescriptorInfo.of(Ovf.read(bytes, "pw.ovf", 1 << 20));
        assertThat(fromDocument.properties()).extracting(DescriptorInfo.PropertyInfo::value)
                .containsExactly(null, "s3cret!");
        assertThat(fromDocument.properties().get(0).category()).isEqualTo("Secrets");
        assertThat(fromDocument.diagnostics()).extracting(d -> d.rule())
                .contains("OVF_BAD_VALUE", "OVF_BOOLEAN_SPELLING");
        assertThat(fromDocument.files().get(0).size()).isNull();
        assertThat(fromDocument).isEqualTo(bound(bytes, "pw.ovf"));
    }

    private static final String VMW_DESCRIPTOR = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
                xmlns:vmw="http://www.vmware.com/schema/ovf"
                xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
              <References/>
              <VirtualSystem ovf:id="vm">
                <Info>vm</Info>
                <VirtualHardwareSection>
                  <Info>hw</Info>
                  <Item>
                    <rasd:ElementName>cpu</rasd:ElementName>
                    <rasd:InstanceID>1</rasd:InstanceID>
                    <rasd:ResourceType>3</rasd:ResourceType>
                    <rasd:VirtualQuantity>4</rasd:VirtualQuantity>
                    <vmw:CoresPerSocket ovf:required="false">two</vmw:CoresPerSocket>
                  </Item>
                  <vmw:Config ovf:required="maybe" vmw:key="firmware" vmw:value="efi"/>
                </VirtualHardwareSection>
              </VirtualSystem>
            </Envelope>
            """;

    /** Found by the mutation test below: a CoresPerSocket that is no count, an unscreened ovf:required. */
    @Test
    void aCoresPerSocketThatIsNoCountAndABadRequiredOnVmwConfigGiveTheSameSummaryBothWays() {
        byte[] bytes = VMW_DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
        DescriptorInfo fromDocument = DescriptorInfo.of(Ovf.read(bytes, "vmw.ovf", 1 << 20));
        DescriptorInfo.SystemInfo vm = fromDocument.virtualSystems().get(0);
        assertThat(vm.cpus()).isEqualTo(4);
        assertThat(vm.coresPerSocket()).isNull();
        assertThat(vm.firmware()).isEqualTo("efi");
        assertThat(fromDocument.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("OVF_BAD_VALUE");
            assertThat(d.message()).contains("Config/@ovf:required is \"maybe\"");
        });
        assertThat(fromDocument).isEqualTo(bound(bytes, "vmw.ovf"));
    }

    @Test
    void theSampleDescriptorIsSummarizedWithoutBindingTheModel() throws IOException {
        Path sample = Path.of("..", "samples", "descriptors", "hello-appliance.ovf");
        byte[] bytes = Files.readAllBytes(sample);
        OvfDescriptor d = Ovf.read(bytes, sample.toString(), 1 << 20);
        DescriptorInfo info = DescriptorInfo.of(d);
        assertThat(d.unbound()).as("the summary must not build the model").isPresent();
        assertThat(info).isEqualTo(bound(bytes, sample.toString()));
        assertThat(info.virtualSystems()).isNotEmpty();
    }

    @Test
    void corpusDescriptorsAndTheirMutantsSummarizeAsTheBoundModelDoes() throws IOException {
        Path dir = SharedCorpus.corpus().resolve("ovf");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".ovf")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        Random random = new Random(20261207);
        int compared = 0;
        int fromDocument = 0;
        List<String> fellBack = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Path file : files) {
            String source = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> variants = new ArrayList<>();
            variants.add(source);
            for (int i = 0; i < MUTANTS; i++) {
                variants.add(mutate(source, random));
            }
            for (int i = 0; i < variants.size(); i++) {
                String name = file.getFileName() + (i == 0 ? "" : "#" + i);
                byte[] bytes = variants.get(i).getBytes(StandardCharsets.ISO_8859_1);
                OvfDescriptor d;
                try {
                    d = Ovf.read(bytes, name, 64 << 20);
                } catch (OvfException e) {
                    continue; // a mutant that no longer parses: nothing to summarize
                }
                OvfDescriptor.Unbound u = d.unbound().orElseThrow();
                DescriptorInfo direct = DocumentSummary.summarize(d.version().number(), u.document(), u.diagnostics(),
                        new ArrayList<>());
                DescriptorInfo expected;
                try {
                    expected = bound(bytes, name);
                } catch (OvfException e) {
                    continue; // the model cannot be bound at all
                }
                compared++;
                if (direct == null) {
                    fellBack.add(name);
                    assertThat(DescriptorInfo.of(Ovf.read(bytes, name, 64 << 20))).as(name).isEqualTo(expected);
                    continue;
                }
                fromDocument++;
                DescriptorInfo actual = DescriptorInfo.of(Ovf.read(bytes, name, 64 << 20));
                if (!actual.equals(expected)) {
                    mismatches.add(name + ": " + difference(actual.toString(), expected.toString()));
                }
            }
        }
        System.out.printf("DocumentSummaryTest: %d descriptors compared, %d summarized from the document, %d fell back%n",
                compared, fromDocument, fellBack.size());
        assertThat(mismatches).isEmpty();
        // Every unmutated corpus descriptor takes the fast path; mutants that put markup into text may not.
        assertThat(fellBack).noneMatch(n -> !n.contains("#"));
        assertThat(fromDocument).as("summaries read from the document, of %d", compared).isGreaterThan(compared * 8 / 10);
    }

    /** Where two renderings part, with some context. */
    private static String difference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "document: ..." + a.substring(from, Math.min(a.length(), i + 120)) + "\n    model:    ..."
                + b.substring(from, Math.min(b.length(), i + 120));
    }

    /** The summary from the bound model: the model is built before summarizing. */
    private static DescriptorInfo bound(byte[] bytes, String name) {
        OvfDescriptor d = Ovf.read(bytes, name, 64 << 20);
        d.envelope();
        return DescriptorInfo.of(d);
    }

    /** Mutants per corpus descriptor; {@code -Dovfkit.mutants=N} for a longer search. */
    private static final int MUTANTS = Integer.getInteger("ovfkit.mutants", 12);
    private static final Pattern VALUE = Pattern.compile("=\"([^\"]*)\"|>([^<]+)<");
    private static final Pattern ELEMENT_LINE = Pattern.compile("(?m)^[ \\t]*<[A-Za-z][^\\n]*(/>|</[^>]+>)[ \\t]*\\n");
    private static final String[] JUNK = {"x!", "-1", "99999999999999999999", "TRUE", "", " 7 ", "1.5", "0",
        "normal", "min", "4096", "byte * 2^20", "ovf:Foo", "  ", "true"};

    /** {@code source} with one change of the kinds the class comment lists. */
    private static String mutate(String source, Random random) {
        StringBuilder b = new StringBuilder(source);
        int kind = random.nextInt(6);
        if (kind <= 1) {
            List<int[]> spots = spots(VALUE, source);
            if (!spots.isEmpty()) {
                int[] s = spots.get(random.nextInt(spots.size()));
                b.replace(s[0], s[1], JUNK[random.nextInt(JUNK.length)]);
            }
        } else if (kind <= 4) {
            Matcher m = ELEMENT_LINE.matcher(source);
            List<int[]> lines = new ArrayList<>();
            while (m.find()) {
                lines.add(new int[] {m.start(), m.end()});
            }
            if (!lines.isEmpty()) {
                int[] l = lines.get(random.nextInt(lines.size()));
                String line = source.substring(l[0], l[1]);
                if (kind == 2) {
                    b.insert(l[1], line); // repeated
                } else if (kind == 3) {
                    b.delete(l[0], l[1]); // dropped
                } else {
                    int[] to = lines.get(random.nextInt(lines.size()));
                    if (to[0] >= l[1]) {
                        b.insert(to[1], line);
                        b.delete(l[0], l[1]); // moved down
                    } else if (to[1] <= l[0]) {
                        b.delete(l[0], l[1]);
                        b.insert(to[0], line); // moved up
                    }
                }
            }
        } else {
            List<int[]> texts = new ArrayList<>();
            for (int[] s : spots(VALUE, source)) {
                if (source.charAt(s[0] - 1) == '>') {
                    texts.add(s);
                }
            }
            if (!texts.isEmpty()) {
                int[] s = texts.get(random.nextInt(texts.size()));
                b.insert(s[0] + (s[1] - s[0]) / 2, random.nextBoolean() ? "<!-- note -->" : "<b xmlns=\"urn:x\">x</b>");
            }
        }
        return b.toString();
    }

    private static List<int[]> spots(Pattern p, String source) {
        Matcher m = p.matcher(source);
        List<int[]> out = new ArrayList<>();
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            out.add(new int[] {m.start(g), m.end(g)});
        }
        return out;
    }
}
