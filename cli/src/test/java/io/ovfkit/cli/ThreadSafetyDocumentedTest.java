package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type of the library modules, the CLI and the Maven plugin says in its class
 * Javadoc whether it is thread-safe (docs/architecture.md, "Thread safety"): the comment must mention
 * threads or immutability. A source scan of the sibling modules' {@code src/main/java} (this test runs
 * in {@code cli/}, under {@code mvn verify} from the root as from the module), no class loading.
 */
class ThreadSafetyDocumentedTest {
    /** The modules whose public types are API; {@code samples} holds examples, not API. */
    static final List<String> MODULES = List.of("ovf-model", "disk-formats", "ova-io", "signing", "converters", "cli",
            "maven-plugin");

    private static final Pattern DECLARATION = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");
    private static final Pattern SAYS_IT = Pattern.compile("(?i)thread|immutable");

    @Test
    void everyPublicTypeSaysWhetherItIsThreadSafe() throws IOException {
        List<String> missing = new ArrayList<>();
        int types = 0;
        for (String module : MODULES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertThat(sources).as("the sources of " + module + " (the test runs in cli/)").isDirectory();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher d = DECLARATION.matcher(text);
                if (!d.find()) {
                    continue; // package-private, or package-info.java
                }
                types++;
                String doc = classComment(text, d.start());
                if (doc == null || !SAYS_IT.matcher(doc).find()) {
                    missing.add(module + "/" + sources.relativize(file).toString().replace('\\', '/') + " (" + d.group(1)
                            + (doc == null ? ": no class Javadoc" : "") + ")");
                }
            }
        }
        assertThat(types).as("public types scanned").isGreaterThan(200);
        assertThat(missing)
                .as("public types whose class Javadoc does not say whether they are thread-safe; add one sentence such as"
                        + " \"Immutable and safe to share between threads.\", \"Not thread-safe: confine an instance to one"
                        + " thread.\" or \"Stateless; safe to call from any thread.\" (docs/architecture.md, Thread safety)")
                .isEmpty();
    }

    /**
     * The Javadoc comment that belongs to the declaration at {@code declaration}: the last {@code /**}
     * comment before it that comes after the imports (annotations may stand between the two), or null.
     */
    static String classComment(String text, int declaration) {
        String head = text.substring(0, declaration);
        int end = head.lastIndexOf("*/");
        int start = end < 0 ? -1 : head.lastIndexOf("/**", end);
        if (start < 0) {
            return null;
        }
        Matcher imports = Pattern.compile("(?m)^(?:import|package)\\s[^;]*;").matcher(head);
        int afterImports = 0;
        while (imports.find()) {
            afterImports = imports.end();
        }
        return start >= afterImports ? head.substring(start, end + 2) : null;
    }
}
