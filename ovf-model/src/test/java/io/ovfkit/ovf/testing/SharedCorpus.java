package io.ovfkit.ovf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the project's shared folder (test corpus, schemas, docs), which lives next to the
 * repository and is never copied into it.
 *
 * <p>Lookup order: the environment variable {@value #ENV} (surefire sets it to
 * {@code <root>/../shared}), then {@code ../shared} and {@code ../../shared} relative to the working
 * directory. Tests that need the corpus call {@link #assumeAvailable()} (or any accessor, which
 * does so) and are skipped with a clear message when the folder is absent.
 */
public final class SharedCorpus {
    /** Environment variable naming the shared folder. */
    public static final String ENV = "OVFKIT_SHARED";

    private static final Optional<Path> ROOT = locate();

    private SharedCorpus() {
    }

    /** The shared folder, if found (no assumption made). */
    public static Optional<Path> find() {
        return ROOT;
    }

    /** Skips the calling test (JUnit assumption) when the shared folder or its corpus is absent. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(ROOT.isPresent(), () -> "shared test corpus not found: set " + ENV
                + " to the shared folder (the one holding corpus/), or place it at ../shared or ../../shared"
                + " relative to " + Path.of("").toAbsolutePath() + "; skipping");
    }

    /** The shared folder; skips the test when it is absent. */
    public static Path root() {
        assumeAvailable();
        return ROOT.orElseThrow();
    }

    /** {@code shared/corpus}; skips the test when it is absent. */
    public static Path corpus() {
        return root().resolve("corpus");
    }

    /** {@code shared/corpus/schemas}; skips the test when it is absent. */
    public static Path schemas() {
        Path p = corpus().resolve("schemas");
        Assumptions.assumeTrue(Files.isDirectory(p), () -> "schema folder not found: " + p + "; skipping");
        return p;
    }

    /** A file of the corpus by relative path ({@code ovf/cot__minimal.ovf}); skips when absent. */
    public static Path file(String relative) {
        Path p = corpus().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), () -> "corpus file not found: " + p + "; skipping");
        return p;
    }

    /**
     * The rows of {@code corpus/SOURCES.tsv} (header skipped); skips the test when the corpus is
     * absent.
     */
    public static List<Source> sources() {
        Path tsv = corpus().resolve("SOURCES.tsv");
        try {
            List<Source> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(new Source(col(c, 0), col(c, 1), col(c, 2), col(c, 3), col(c, 4), col(c, 5), col(c, 6),
                        col(c, 7), col(c, 8)));
            }
            return Collections.unmodifiableList(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv, e);
        }
    }

    /** The rows of {@code SOURCES.tsv} that match {@code filter}. */
    public static List<Source> sources(Predicate<Source> filter) {
        return sources().stream().filter(filter).toList();
    }

    private static String col(String[] c, int i) {
        return i < c.length ? c[i] : "";
    }

    private static Optional<Path> locate() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("../shared");
        candidates.add("../../shared");
        for (String c : candidates) {
            try {
                Path p = Path.of(c).toAbsolutePath().normalize();
                if (Files.isDirectory(p.resolve("corpus"))) {
                    return Optional.of(p);
                }
            } catch (InvalidPathException ignored) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    /**
     * One row of {@code SOURCES.tsv}.
     *
     * @param file path relative to {@code corpus/}
     * @param repo the repository it came from
     * @param pathInRepo its path there
     * @param commit the commit it was taken from
     * @param license its licence
     * @param producer the tool or vendor that made it
     * @param ovfVersion OVF version, or {@code n/a}
     * @param notes what the file exercises, with {@code [auto: ...]} and {@code [xmllint: ...]} notes
     * @param expect the outcome ovfkit must give: {@code read}, {@code invalid}, {@code refuse} or empty
     */
    public record Source(String file, String repo, String pathInRepo, String commit, String license,
            String producer, String ovfVersion, String notes, String expect) {

        /** The file inside the corpus folder. */
        public Path path() {
            return corpus().resolve(file);
        }

        /** Whether the notes carry the given marker, e.g. {@code [xmllint: DSP8023 1.1.1 xsd: VALID]}. */
        public boolean notesContain(String marker) {
            return notes.contains(marker);
        }
    }
}
