package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovfkit.ovf.testing.Oracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a user gets them: unpacked with GNU tar into a folder of their own, run
 * through {@code bin/ovfkit} from other working folders, through a symbolic link on {@code PATH},
 * with the installation read-only and the per-user cache writable or not. Runs after
 * {@code package} (failsafe), on {@code target/ovfkit-VERSION.tar.gz} and {@code .zip}.
 */
class DistributionIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String VERSION = System.getProperty("ovfkit.version", "unknown");
    private static final String TOP = "ovfkit-" + VERSION;

    @TempDir
    static Path tmp;
    private static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        Path tar = Path.of(System.getProperty("ovfkit.dist.tar"));
        assertThat(tar).as("release archive built by package").isRegularFile();
        Path into = Files.createDirectories(tmp.resolve("opt"));
        Oracle.Result r = Oracle.run(List.of(Oracle.require("tar").toString(), "-xzf", tar.toString(), "-C",
                into.toString()), into, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        home = into.resolve(TOP);
    }

    @Test
    void holdsTheLauncherTheJarsAndTheLicences() throws IOException {
        assertThat(home.resolve("bin/ovfkit")).isExecutable();
        assertThat(Files.readString(home.resolve("bin/ovfkit.bat"))).contains("\r\n").contains("-jar");
        assertThat(home.resolve("lib/ovfkit-cli-" + VERSION + ".jar")).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0");
        assertThat(home.resolve("NOTICE")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("samples/descriptors/hello-appliance.ovf")).isRegularFile();
    }

    @Test
    void shipsAManPagePerCommandThatGroffRendersWithoutWarnings() throws IOException {
        Path man1 = home.resolve("man/man1");
        assertThat(man1.resolve("ovfkit.1")).isRegularFile();
        for (String page : List.of("ovfkit-info.1", "ovfkit-verify.1", "ovfkit-unpack.1", "ovfkit-disk.1",
                "ovfkit-disk-convert.1", "ovfkit-completion.1")) {
            assertThat(man1.resolve(page)).isRegularFile();
        }
        java.util.Optional<Path> groff = Oracle.find("groff");
        org.junit.jupiter.api.Assumptions.assumeTrue(groff.isPresent() || Oracle.find("man").isPresent(),
                "neither groff nor man is installed: the pages are not rendered");
        List<String> cmd = groff.isPresent()
                ? List.of(groff.get().toString(), "-man", "-Tutf8", "-ww", man1.resolve("ovfkit-disk-convert.1").toString())
                : List.of(Oracle.find("man").get().toString(), "-l", man1.resolve("ovfkit-disk-convert.1").toString());
        Oracle.Result r = Oracle.run(cmd, home, TIMEOUT, Map.of("MANWIDTH", "80", "MANPAGER", "cat", "PAGER", "cat"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).as("warnings").isEmpty();
        // Plain text: no overstrike bold or underline, ASCII hyphens for groff's minus and hyphen signs.
        String text = r.stdout().replaceAll(".\b", "").replace('\u2212', '-').replace('\u2010', '-');
        assertThat(text).contains("NAME").contains("SYNOPSIS").contains("--member").contains("EXIT STATUS")
                .contains("EXAMPLES");
    }

    @Test
    void everyBundledJarHasItsRowInThirdPartyAndItsLicenceFiles() throws IOException {
        String thirdParty = Files.readString(home.resolve("THIRD-PARTY.md"));
        TreeSet<String> rows = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `([^`]+\\.jar)` \\|", Pattern.MULTILINE).matcher(thirdParty);
        while (m.find()) {
            rows.add(m.group(1));
        }
        TreeSet<String> bundled = new TreeSet<>();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            jars.map(p -> p.getFileName().toString()).filter(n -> !isOurs(n)).forEach(bundled::add);
        }
        assertThat(bundled).isNotEmpty();
        assertThat(rows).as("THIRD-PARTY.md rows against lib/ (update it when a dependency changes)")
                .isEqualTo(bundled);
        for (String jar : bundled) {
            Path licences = home.resolve("licenses").resolve(artifactId(jar));
            assertThat(licences).as("licence files of %s", jar).isDirectory();
            try (Stream<Path> files = Files.list(licences)) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("LICENSE")))
                        .as("a LICENSE file for %s", jar).isNotEmpty();
            }
        }
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarball() throws IOException {
        Path zip = Path.of(System.getProperty("ovfkit.dist.zip"));
        TreeSet<String> inZip = new TreeSet<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory()) {
                    inZip.add(entry.getName());
                }
            }
        }
        TreeSet<String> unpacked = new TreeSet<>();
        try (Stream<Path> all = Files.walk(home)) {
            all.filter(Files::isRegularFile).forEach(p -> unpacked.add(TOP + "/" + home.relativize(p).toString()
                    .replace('\\', '/')));
        }
        assertThat(inZip).isEqualTo(unpacked);
    }

    @Test
    void runsFromAnyFolderThroughASymlinkAndFromAReadOnlyInstall() throws IOException {
        Map<String, FileTime> before = snapshot(home);
        setWritable(home, false);
        try {
            Path cache = tmp.resolve("cache-a");
            Path work = Files.createDirectories(tmp.resolve("elsewhere"));
            Map<String, String> env = env(cache);

            // First run: makes the class-data archive in the per-user cache, not in the installation.
            Oracle.Result version = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "--version"), work,
                    TIMEOUT, env);
            assertThat(version.exitCode()).as(version.describe()).isZero();
            assertThat(version.stdout().trim()).isEqualTo("ovfkit " + VERSION);
            List<Path> archives = find(cache, "ovfkit.jsa");
            assertThat(archives).as("class-data archive in %s; stderr: %s", cache, version.stderr()).hasSize(1);
            assertThat(archives.get(0).toString()).contains("/ovfkit/" + VERSION + "/");
            // The archive's training runs convert a raw image with holes, which loads JNA: its native
            // library is kept beside the archive rather than unpacked again at every start.
            boolean linux = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
            if (linux) {
                List<Path> kept = find(cache, System.mapLibraryName("jnidispatch"));
                assertThat(kept).as("JNA's library in %s", cache).hasSize(1);
                assertThat(kept.get(0).getParent().getParent()).isEqualTo(archives.get(0).getParent());
            }

            // Later runs map it: -Xshare:on makes the JVM fail rather than run without it.
            Map<String, String> strict = new HashMap<>(env);
            strict.put("OVFKIT_JAVA_OPTS", "-Xmx256m -Xshare:on");
            Path sample = home.resolve("samples/descriptors/hello-appliance.ovf");
            Oracle.Result info = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "info", sample.toString()),
                    work, TIMEOUT, strict);
            assertThat(info.exitCode()).as(info.describe()).isZero();
            assertThat(info.stdout()).contains("hello-appliance").contains("OVF 1.0");
            assertThat(info.stderr()).as("nothing to say on a warm start").isEmpty();
            // A raw image of 64 MiB with holes: JNA from the kept library, blocks reserved as written.
            Path raw = work.resolve("holes.raw");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(raw.toFile(), "rw")) {
                f.setLength(64 << 20);
                f.seek(32 << 20);
                f.write(new byte[] {1, 2, 3});
            }
            Oracle.Result conv = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "disk", "convert",
                    raw.toString(), work.resolve("holes.qcow2").toString(), "--format", "qcow2", "-q"), work, TIMEOUT,
                    strict);
            assertThat(conv.exitCode()).as(conv.describe()).isZero();
            assertThat(conv.stderr()).isEmpty();
            assertThat(Files.size(work.resolve("holes.qcow2"))).isLessThan(1 << 20);

            // Through a symbolic link found on PATH, from yet another folder.
            Path links = Files.createDirectories(tmp.resolve("links"));
            Files.createSymbolicLink(links.resolve("ovfkit"), home.resolve("bin/ovfkit"));
            Map<String, String> onPath = new HashMap<>(strict);
            onPath.put("PATH", links + ":" + System.getenv("PATH"));
            // A shell looks the command up on its PATH, as a user's shell does.
            Oracle.Result viaLink = Oracle.run(List.of("sh", "-c", "ovfkit --version"),
                    Files.createDirectories(tmp.resolve("w2")), TIMEOUT, onPath);
            assertThat(viaLink.exitCode()).as(viaLink.describe()).isZero();
            assertThat(viaLink.stdout().trim()).isEqualTo("ovfkit " + VERSION);
        } finally {
            setWritable(home, true);
        }
        assertThat(snapshot(home)).as("the installation is never written to").isEqualTo(before);
    }

    @Test
    void keepsWhereTheJavaIsAndWorksItOutAgainWhenThatNoLongerHolds() throws IOException {
        Path cache = tmp.resolve("cache-java");
        Map<String, String> env = env(cache);
        version(env);
        Path known = cache.resolve("ovfkit/" + VERSION + "/java");
        String line = Files.readString(known).trim();
        // installation|java|its home|its build|archive folder
        String[] f = line.split("\\|");
        assertThat(f).hasSize(5);
        assertThat(f[0]).isEqualTo(home.toRealPath().toString());
        assertThat(Path.of(f[2], "bin/java")).exists();
        assertThat(f[4]).matches("\\d+");
        assertThat(cache.resolve("ovfkit/" + VERSION + "/" + f[4] + "/ovfkit.jsa")).exists();

        // Kept answers that no longer hold are not used: a home whose bin/java is not this java, and
        // a build other than the one installed. Either way the launcher works it out again and runs
        // with the archive of the real Java (-Xshare:on fails rather than run without one).
        Map<String, String> strict = new HashMap<>(env);
        strict.put("OVFKIT_JAVA_OPTS", "-Xmx256m -Xshare:on");
        for (String stale : new String[] {f[0] + "|" + f[1] + "|" + tmp.resolve("no-such-jdk") + "|" + f[3] + "|" + f[4],
            f[0] + "|" + f[1] + "|" + f[2] + "|0.0.0-other-build|999"}) {
            Files.writeString(known, stale + "\n");
            assertThat(version(strict).stderr()).as("no new archive: the same Java").isEmpty();
            assertThat(Files.readString(known).trim()).isEqualTo(line);
        }
    }

    @Test
    void remakesTheArchiveWhenTheJarsWereRewrittenInPlace() throws IOException {
        // Reproducible builds give every jar the same fixed date, so a rebuild that rewrites them in
        // place is seen only on their folder: the archive made before must be made again (the JVM
        // would refuse it for a jar of another size and run without it, slowly and silently).
        Path cache = tmp.resolve("cache-rebuilt");
        Map<String, String> env = env(cache);
        assertThat(version(env).stderr()).contains("archiving classes");
        Path jsa = find(cache, "ovfkit.jsa").get(0);
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(now - 3_600_000));
        FileTime libBefore = Files.getLastModifiedTime(home.resolve("lib"));
        Files.setLastModifiedTime(home.resolve("lib"), FileTime.fromMillis(now - 60_000));
        try {
            assertThat(version(env).stderr()).as("a rebuilt installation gets a new archive").contains("archiving classes");
            Map<String, String> strict = new HashMap<>(env);
            strict.put("OVFKIT_JAVA_OPTS", "-Xmx256m -Xshare:on");
            assertThat(version(strict).stderr()).as("fresh again").isEmpty();
        } finally {
            Files.setLastModifiedTime(home.resolve("lib"), libBefore);
        }
    }

    @Test
    void anOutputThatCannotGrowIsNamedAndNothingIsLeftBehind() throws IOException {
        // A full disk, seen as a file size limit (ulimit -f): the JDK's message alone says "File too
        // large", not which file; ovfkit names the output, exits 3 and removes what it wrote.
        Map<String, String> env = env(tmp.resolve("cache-full"));
        version(env); // the class-data archive, made without the limit
        Path work = Files.createDirectories(tmp.resolve("full"));
        Path src = work.resolve("src.raw");
        byte[] data = new byte[16 << 20];
        new java.util.Random(7).nextBytes(data);
        Files.write(src, data);
        // QCOW2 (the writers of fixed layouts), streamOptimized and monolithicSparse VMDK (their own).
        for (String[] format : new String[][] {{"qcow2", "qcow2"}, {"vmdk", "streamOptimized"}, {"vmdk", "monolithicSparse"}}) {
            Path out = work.resolve("out." + format[1]);
            Oracle.Result r = Oracle.run(List.of("sh", "-c",
                    "ulimit -f 4096; exec \"$0\" disk convert \"$1\" \"$2\" --format \"$3\" --subformat \"$4\"",
                    home.resolve("bin/ovfkit").toString(), src.toString(), out.toString(), format[0],
                    format[0].equals("qcow2") ? "v3" : format[1]), work, TIMEOUT, env);
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
            assertThat(r.stderr()).contains(out.getFileName() + ": cannot write: File too large");
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.map(p -> p.getFileName().toString())).as(format[1]).containsExactly("src.raw");
            }
        }
        // A package: the disk streams into the OVA, whose write fails.
        Path ova = work.resolve("out.ova");
        Oracle.Result r = Oracle.run(List.of("sh", "-c", "ulimit -f 4096; exec \"$0\" create --name full --disk \"$1\" \"$2\"",
                home.resolve("bin/ovfkit").toString(), src.toString(), ova.toString()), work, TIMEOUT, env);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).contains(ova + ": cannot write: File too large");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("create").containsExactly("src.raw");
        }
    }

    @Test
    void runsWhenTheCacheCannotBeWritten() throws IOException {
        Path notAFolder = Files.writeString(tmp.resolve("cache-is-a-file"), "x");
        Oracle.Result r = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "--version"), tmp, TIMEOUT,
                env(notAFolder.resolve("sub")));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("ovfkit " + VERSION);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void refusesAJavaOlderThan17WithExit127() throws IOException {
        Path jdk = Files.createDirectories(tmp.resolve("old-jdk/bin"));
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho should not run\nexit 99\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Map<String, String> env = env(tmp.resolve("cache-old"));
        env.put("JAVA_HOME", jdk.getParent().toString());
        Oracle.Result r = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "--version"), tmp, TIMEOUT, env);
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).contains("Java 17 or newer is needed").contains("11.0.2");
        assertThat(r.stdout()).isEmpty();
    }

    /** Runs {@code bin/ovfkit --version} in {@code tmp}; it must print the version. */
    private static Oracle.Result version(Map<String, String> env) {
        Oracle.Result r = Oracle.run(List.of(home.resolve("bin/ovfkit").toString(), "--version"), tmp, TIMEOUT, env);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("ovfkit " + VERSION);
        return r;
    }

    private static Map<String, String> env(Path cache) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("OVFKIT_CDS_DIR", "");
        env.put("OVFKIT_JAVA_OPTS", "");
        env.put("OVFKIT_CDS", "1");
        return env;
    }

    private static boolean isOurs(String jar) {
        return jar.endsWith("-" + VERSION + ".jar");
    }

    /** {@code jaxb-runtime-4.0.9.jar} → {@code jaxb-runtime}. */
    private static String artifactId(String jar) {
        return jar.replaceFirst("-\\d[^-]*\\.jar$", "");
    }

    private static List<Path> find(Path root, String name) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }

    private static Map<String, FileTime> snapshot(Path root) throws IOException {
        Map<String, FileTime> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                m.put(root.relativize(p) + "#" + (Files.isDirectory(p) ? "d" : Files.size(p)),
                        Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    private static void setWritable(Path root, boolean writable) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            p.toFile().setWritable(writable, false);
        }
    }
}
