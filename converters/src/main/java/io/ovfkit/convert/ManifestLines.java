package io.ovfkit.convert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a manifest as written, each reduced to its algorithm token, its file name and its
 * <em>shape</em>: the line with the algorithm replaced by {@code ALG}, the name by {@code f} and
 * the digest by {@code h}, spaces kept ({@code ALG(f)= h} is the DSP0243 form; VirtualBox and
 * {@code sha256sum --tag} write {@code ALG (f) = h}). Target rules on manifest syntax are patterns
 * over shapes. Blank lines (ovftool pads manifests with spaces) are skipped.
 */
final class ManifestLines {
    /** One non-blank line. */
    record Line(int number, String algorithm, String name, String shape) {
    }

    /** A name ends at the last {@code )} before the last {@code =}. */
    private static final Pattern ENTRY = Pattern.compile("([^()\\s]*)(\\s*)\\((.*)\\)(\\s*)=(\\s*)([0-9A-Za-z]*)\\s*");

    private ManifestLines() {
    }

    static List<Line> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.isBlank()) {
                continue;
            }
            String s = l.strip();
            Matcher m = ENTRY.matcher(s);
            if (m.matches()) {
                String shape = "ALG" + m.group(2) + "(f)" + m.group(4) + "=" + m.group(5) + "h";
                out.add(new Line(i + 1, m.group(1), m.group(3), shape));
            } else {
                out.add(new Line(i + 1, "", "", "unparsable"));
            }
        }
        return out;
    }
}
