package io.ovfkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Test fixture: runs {@code ovfkit} in-process with captured stdout and stderr, and finds the test inputs. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run produced. */
    record Result(int exitCode, String out, String err) {
        /** stdout parsed as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }
    }

    private Cli() {
    }

    /** Runs {@code ovfkit args...} the way {@link Main} does, on string writers. */
    static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> strings = new ArrayList<>();
        for (Object a : args) {
            strings.add(a.toString());
        }
        String[] argv = strings.toArray(String[]::new);
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), argv).execute(argv);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code samples/descriptors/hello-appliance.ovf} of the repository. */
    static Path sample() {
        Path p = Path.of(System.getProperty("ovfkit.samples", "../samples"), "descriptors", "hello-appliance.ovf");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sample descriptor not found: " + p.toAbsolutePath());
        }
        return p;
    }

    /** The sample's text. */
    static String sampleText() {
        try {
            return Files.readString(sample(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name}. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared schema folder ({@code shared/corpus/schemas}, from {@code OVFKIT_SHARED} or beside
     * the repository); skips the calling test when it is absent.
     */
    static Path schemas() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("OVFKIT_SHARED");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("../../shared"));
        candidates.add(Path.of("../shared"));
        for (Path c : candidates) {
            Path s = c.resolve("corpus/schemas");
            if (Files.isDirectory(s.resolve("ovf-1")) && Files.isDirectory(s.resolve("ovf-2"))) {
                return s;
            }
        }
        Assumptions.abort("shared schema folder (shared/corpus/schemas) not found; set OVFKIT_SHARED; skipping");
        return null;
    }
}
