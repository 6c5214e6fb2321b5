package io.ovfkit.ova;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one place that decides whether a name from an archive or a descriptor may be used as a file
 * name inside a package. A safe name is relative and stays inside the package's folder whatever the
 * platform: no leading {@code /}, no drive letter ({@code C:}), no backslash (a folder separator on
 * Windows), no {@code .} or {@code ..} segment, no empty segment, no NUL or other control character.
 * A leading {@code ./} (some tar writers add it) is removed first.
 */
final class MemberNames {
    /** Longest name accepted, in characters. */
    static final int MAX_LENGTH = 4096;

    private MemberNames() {
    }

    /**
     * {@code raw} normalised, or {@code null} when it is not safe.
     *
     * @param raw a tar member name or an href
     */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String n = raw;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return problem(n) == null ? n : null;
    }

    /** Why {@code name} (already without its leading {@code ./}) is unsafe, or {@code null} when it is safe. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "the name is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the name contains a control character";
            }
        }
        if (name.startsWith("/")) {
            return "the name is an absolute path";
        }
        if (name.indexOf('\\') >= 0) {
            return "the name contains a backslash (a folder separator on Windows)";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "the name starts with a drive letter";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "the name leaves the package's folder (..)";
            }
            if (segment.equals(".") || segment.isEmpty()) {
                return "the name has an empty or '.' segment";
            }
        }
        return null;
    }

    /**
     * Checks an href of the descriptor and returns the member name it refers to.
     *
     * @throws PackageException when it is an absolute URL or escapes the package
     */
    static String fromHref(String source, String href) {
        if (href == null || href.isEmpty()) {
            throw new PackageException(source, null, -1, "a File has an empty ovf:href", null);
        }
        String lower = href.toLowerCase(Locale.ROOT);
        if (lower.matches("^[a-z][a-z0-9+.-]*:.*") && !(lower.length() >= 2 && lower.charAt(1) == ':'
                && (lower.length() == 2 || lower.charAt(2) == '/' || lower.charAt(2) == '\\'))) {
            if (lower.startsWith("file:")) {
                throw new PackageException(source, href, -1, "an absolute file: URL; hrefs must be relative to "
                        + "the descriptor so that the package stays together", null);
            }
            throw new PackageException(source, href, -1, "an absolute URL; ovfkit reads files stored in the "
                    + "package, named relative to the descriptor", null);
        }
        String n = href;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        String why = problem(n);
        if (why != null) {
            throw new PackageException(source, href, -1, "unsafe ovf:href: " + why
                    + "; files must lie inside the package", null);
        }
        return n;
    }

    /** {@code href} with %-escapes decoded, or the href itself when it has none or they are malformed. */
    static String decoded(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** The name of chunk {@code index} of a chunked file: {@code href.000000000}. */
    static String chunk(String name, long index) {
        return name + "." + String.format(Locale.ROOT, "%09d", index);
    }
}
