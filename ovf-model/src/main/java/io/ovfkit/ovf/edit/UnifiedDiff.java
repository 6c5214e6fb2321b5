package io.ovfkit.ovf.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line ({@code diff -u} form, three lines of context), to
 * show what an edit changes in a descriptor. Lines common to both ends are set aside first, so the
 * longest common subsequence is only computed over the changed middle; a middle larger than
 * {@value #MAX_MIDDLE_CELLS} cells is shown as wholly replaced.
 *
 * <p>Stateless; safe to call from any thread.
 */
public final class UnifiedDiff {
    /** The largest middle (lines of one side × lines of the other) aligned line by line. */
    public static final long MAX_MIDDLE_CELLS = 16_000_000L;
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /**
     * The diff of {@code before} and {@code after}.
     *
     * @param before the old text
     * @param after the new text
     * @param beforeName the name shown on the {@code ---} line
     * @param afterName the name shown on the {@code +++} line
     * @return the diff, each line ending with {@code \n}; empty when the texts are equal
     */
    public static String of(String before, String after, String beforeName, String afterName) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> ops = new ArrayList<>(); // ' ', '-', '+' followed by the line
        for (int i = 0; i < prefix; i++) {
            ops.add(" " + a.get(i));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), ops);
        for (int i = a.size() - suffix; i < a.size(); i++) {
            ops.add(" " + a.get(i));
        }
        return render(ops, beforeName, afterName);
    }

    private static void middle(List<String> a, List<String> b, List<String> ops) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_MIDDLE_CELLS) {
            a.forEach(l -> ops.add("-" + l));
            b.forEach(l -> ops.add("+" + l));
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + a.get(i++)); // removals before additions, as diff -u shows them
            } else {
                ops.add("+" + b.get(j++));
            }
        }
    }

    private static String render(List<String> ops, String beforeName, String afterName) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n');
        out.append("+++ ").append(afterName).append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).charAt(0) == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while changes are within 2 × CONTEXT lines of each other
            int lastChange = k;
            while (end < ops.size()) {
                if (ops.get(end).charAt(0) != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = 1;
            int bStart = 1;
            for (int x = 0; x < start; x++) {
                char c = ops.get(x).charAt(0);
                if (c != '+') {
                    aStart++;
                }
                if (c != '-') {
                    bStart++;
                }
            }
            int aLen = 0;
            int bLen = 0;
            for (int x = start; x < end; x++) {
                char c = ops.get(x).charAt(0);
                if (c != '+') {
                    aLen++;
                }
                if (c != '-') {
                    bLen++;
                }
            }
            out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
            for (int x = start; x < end; x++) {
                out.append(ops.get(x)).append('\n');
            }
            k = end;
        }
        return out.toString();
    }

    private static String range(int start, int len) {
        if (len == 0) {
            return (start - 1) + ",0";
        }
        return len == 1 ? Integer.toString(start) : start + "," + len;
    }

    /** The lines of {@code text} without their terminators ({@code \r\n} kept apart from {@code \n} by the \r). */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(from, i));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            out.add(text.substring(from));
        }
        return out;
    }
}
