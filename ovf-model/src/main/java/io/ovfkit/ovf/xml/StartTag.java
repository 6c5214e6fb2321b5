package io.ovfkit.ovf.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The text of one start tag, split into its name and attributes so that single attributes can be
 * changed, added or removed while every other character (spacing, line breaks, quote style, order)
 * stays as the source had it. Only well-formed tags are given to it: they come from the parser.
 */
final class StartTag {
    /** One attribute as written: the whitespace before it and its text from name to closing quote. */
    private static final class Token {
        String leading;
        String name;
        String raw;
        char quote;
        boolean isDeclaration;

        Token(String leading, String name, String raw, char quote) {
            this.leading = leading;
            this.name = name;
            this.raw = raw;
            this.quote = quote;
        }
    }

    private String name;
    private final List<Token> tokens = new ArrayList<>();
    private String trailing;

    private StartTag() {
    }

    static StartTag parse(String tag) {
        StartTag t = new StartTag();
        int i = 1;
        int n = tag.length();
        int nameEnd = i;
        while (nameEnd < n && !isSpace(tag.charAt(nameEnd)) && tag.charAt(nameEnd) != '>' && tag.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        t.name = tag.substring(i, nameEnd);
        i = nameEnd;
        while (true) {
            int wsStart = i;
            while (i < n && isSpace(tag.charAt(i))) {
                i++;
            }
            if (i >= n || tag.charAt(i) == '>' || tag.charAt(i) == '/') {
                t.trailing = tag.substring(wsStart);
                break;
            }
            int aStart = i;
            while (i < n && tag.charAt(i) != '=' && !isSpace(tag.charAt(i))) {
                i++;
            }
            String aname = tag.substring(aStart, i);
            while (i < n && tag.charAt(i) != '"' && tag.charAt(i) != '\'') {
                i++;
            }
            char q = tag.charAt(i);
            int close = tag.indexOf(q, i + 1);
            i = close + 1;
            t.tokens.add(new Token(tag.substring(wsStart, aStart), aname, tag.substring(aStart, i), q));
        }
        return t;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    String name() {
        return name;
    }

    void rename(String newLocalName) {
        int colon = name.indexOf(':');
        name = (colon < 0 ? "" : name.substring(0, colon + 1)) + newLocalName;
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            out.add(t.name);
        }
        return out;
    }

    char quoteOf(String attr) {
        for (Token t : tokens) {
            if (t.name.equals(attr)) {
                return t.quote;
            }
        }
        return '"';
    }

    void removeIf(Predicate<String> test) {
        tokens.removeIf(t -> test.test(t.name));
    }

    /**
     * Sets {@code attr} to an already escaped value, or removes it when {@code escaped} is null.
     * New attributes go after the last attribute (declarations after the last declaration).
     */
    void set(String attr, String escaped, boolean declaration) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.name.equals(attr)) {
                if (escaped == null) {
                    tokens.remove(i);
                } else {
                    int eq = t.raw.indexOf('=');
                    int open = t.raw.indexOf(t.quote, eq);
                    t.raw = t.raw.substring(0, open + 1) + escaped + t.quote;
                }
                return;
            }
        }
        if (escaped == null) {
            return;
        }
        Token nt = new Token(" ", attr, attr + "=\"" + escaped + "\"", '"');
        nt.isDeclaration = declaration;
        if (declaration) {
            int at = 0;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).name.startsWith("xmlns")) {
                    at = i + 1;
                }
            }
            tokens.add(at, nt);
        } else {
            tokens.add(nt);
        }
    }

    String render(boolean selfClosing) {
        StringBuilder b = new StringBuilder();
        b.append('<').append(name);
        for (Token t : tokens) {
            b.append(t.leading).append(t.raw);
        }
        String tr = trailing;
        if (selfClosing) {
            b.append(tr);
        } else {
            b.append(tr.endsWith("/>") ? tr.substring(0, tr.length() - 2).stripTrailing() + ">" : tr);
        }
        return b.toString();
    }
}
