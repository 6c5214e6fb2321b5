package io.ovfkit.ovf.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code xmllint} schema-validation oracle, offline: {@code XML_CATALOG_FILES=<set>/catalog.xml
 * xmllint --nonet --noout --schema <set>/<root> FILE}. Requires xmllint via {@link Oracle#require}.
 */
public final class Xmllint {
    private Xmllint() {
    }

    /**
     * Validates {@code file} against the root schema {@code rootSchema} of the schema set in
     * {@code schemaSet} (a folder such as {@code shared/corpus/schemas/ovf-1} holding
     * {@code catalog.xml}).
     *
     * @param schemaSet the folder of the schema set
     * @param rootSchema the root schema's file name, e.g. {@code dsp8023.xsd}
     * @param file the document to check
     * @return xmllint's result: exit 0 valid, 3 invalid, 1-2 not well-formed or unusable schema
     */
    public static Oracle.Result validate(Path schemaSet, String rootSchema, Path file) {
        Path xmllint = Oracle.require("xmllint");
        return Oracle.run(List.of(xmllint.toString(), "--nonet", "--noout", "--schema",
                        schemaSet.resolve(rootSchema).toString(), file.toAbsolutePath().toString()),
                schemaSet, Duration.ofSeconds(60),
                Map.of("XML_CATALOG_FILES", schemaSet.resolve("catalog.xml").toString()));
    }
}
