package io.ovfkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code ovfkit --version}: the Maven project version, filtered into {@code version.properties} at
 * build time.
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class VersionProvider implements IVersionProvider {
    /** Picocli creates it. */
    public VersionProvider() {
    }

    /** The version of this build, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} when not built by Maven. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"ovfkit " + version()};
    }
}
