package io.ovfkit.compose;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * One value of a compose spec with its place in the file: a mapping (keys in order), a sequence or
 * a scalar (kept as text; typed when read). {@code !param name=default} scalars are replaced by the
 * parameter's value, or the default, while the tree is built. Every accessor that finds something
 * other than what it expects throws a {@link ComposeSpecException} naming this place.
 */
final class SpecNode {
    /** The tag open-vmdk's ova-compose uses for parameters. */
    static final String PARAM_TAG = "!param";
    /** A spec larger than this is refused before parsing (real ones are a few KiB). */
    static final int MAX_SPEC_CHARS = 4 << 20;

    enum Kind { MAP, LIST, SCALAR, NULL }

    private final String file;
    private final int line;
    private final int column;
    private final Kind kind;
    private final String text;
    private final Map<String, SpecNode> map;
    private final Map<String, SpecNode> keys;
    private final List<SpecNode> list;
    private final String param;

    private SpecNode(String file, int line, int column, Kind kind, String text, Map<String, SpecNode> map,
            Map<String, SpecNode> keys, List<SpecNode> list, String param) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.kind = kind;
        this.text = text;
        this.map = map;
        this.keys = keys;
        this.list = list;
        this.param = param;
    }

    /**
     * Parses {@code yaml} (one document) into a tree.
     *
     * @param file the spec's name in messages
     * @param params values of {@code !param} names
     * @param used receives the names of the parameters the spec refers to
     */
    static SpecNode parse(String yaml, String file, Map<String, String> params, Set<String> used) throws ComposeSpecException {
        if (yaml.length() > MAX_SPEC_CHARS) {
            throw new ComposeSpecException(file, 0, 0, "the spec is larger than " + (MAX_SPEC_CHARS >> 20)
                    + " MiB; a compose spec is a short YAML file");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50).setAllowRecursiveKeys(false).build();
        Node root;
        try {
            Iterable<Node> docs = new Compose(settings).composeAllFromReader(new StringReader(yaml));
            List<Node> all = new ArrayList<>();
            for (Node n : docs) {
                all.add(n);
            }
            if (all.isEmpty()) {
                throw new ComposeSpecException(file, 1, 1, "the spec is empty; expected a mapping with the keys system and hardware");
            }
            if (all.size() > 1) {
                Mark m = all.get(1).getStartMark().orElse(null);
                throw new ComposeSpecException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "a second YAML document; a compose spec is one document");
            }
            root = all.get(0);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String problem = (e.getContext() != null ? e.getContext() + ": " : "") + e.getProblem();
            throw new ComposeSpecException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "malformed YAML: " + problem.strip());
        } catch (YamlEngineException e) {
            throw new ComposeSpecException(file, 0, 0, "malformed YAML: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // SnakeYAML Engine 2 throws this for some malformed tags, such as "!%c" (found by fuzzing).
            throw new ComposeSpecException(file, 0, 0, "malformed YAML: " + e.getMessage());
        }
        return convert(root, file, params, used, 0);
    }

    private static SpecNode convert(Node n, String file, Map<String, String> params, Set<String> used, int depth)
            throws ComposeSpecException {
        Mark m = n.getStartMark().orElse(null);
        int line = m == null ? 0 : m.getLine() + 1;
        int col = m == null ? 0 : m.getColumn() + 1;
        if (depth > 64) {
            throw new ComposeSpecException(file, line, col, "nested deeper than 64 levels");
        }
        String tag = n.getTag().getValue();
        if (n instanceof ScalarNode s) {
            if (tag.equals(PARAM_TAG)) {
                return param(s.getValue(), file, line, col, params, used);
            }
            if (tag.startsWith("!") && !tag.startsWith("!!")) {
                throw new ComposeSpecException(file, line, col, "unknown tag " + tag + "; the one tag a spec may use is "
                        + PARAM_TAG + " NAME[=DEFAULT]");
            }
            boolean plain = s.getScalarStyle() == ScalarStyle.PLAIN;
            return scalar(file, line, col, s.getValue(), plain, null);
        }
        if (!tag.startsWith("tag:yaml.org") && !tag.equals(Tag.MAP.getValue()) && !tag.equals(Tag.SEQ.getValue())) {
            throw new ComposeSpecException(file, line, col, "unknown tag " + tag + " on a collection; " + PARAM_TAG
                    + " applies to single values");
        }
        if (n instanceof SequenceNode q) {
            List<SpecNode> items = new ArrayList<>();
            for (Node c : q.getValue()) {
                items.add(convert(c, file, params, used, depth + 1));
            }
            return new SpecNode(file, line, col, Kind.LIST, null, null, null, Collections.unmodifiableList(items), null);
        }
        MappingNode mn = (MappingNode) n;
        Map<String, SpecNode> values = new LinkedHashMap<>();
        Map<String, SpecNode> keyNodes = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            SpecNode k = convert(t.getKeyNode(), file, params, used, depth + 1);
            if (k.kind != Kind.SCALAR) {
                throw k.error("a key must be a single value, found " + k.describe());
            }
            if (values.containsKey(k.text)) {
                throw k.error("duplicate key '" + k.text + "' (first at line " + keyNodes.get(k.text).line + ")");
            }
            keyNodes.put(k.text, k);
            values.put(k.text, convert(t.getValueNode(), file, params, used, depth + 1));
        }
        return new SpecNode(file, line, col, Kind.MAP, null, Collections.unmodifiableMap(values),
                Collections.unmodifiableMap(keyNodes), null, null);
    }

    private static SpecNode scalar(String file, int line, int col, String value, boolean plain, String param) {
        if (plain && (value.isEmpty() || value.equals("~") || value.equalsIgnoreCase("null"))) {
            return new SpecNode(file, line, col, Kind.NULL, null, null, null, null, param);
        }
        return new SpecNode(file, line, col, Kind.SCALAR, value, null, null, null, param);
    }

    /** {@code !param name} or {@code !param name=default}, as ova-compose reads it. */
    private static SpecNode param(String spec, String file, int line, int col, Map<String, String> params, Set<String> used)
            throws ComposeSpecException {
        String name = spec;
        String dflt = null;
        int eq = spec.indexOf('=');
        if (eq >= 0) {
            name = spec.substring(0, eq).strip();
            dflt = spec.substring(eq + 1).strip();
        }
        name = name.strip();
        if (name.isEmpty()) {
            throw new ComposeSpecException(file, line, col, PARAM_TAG + " needs a name: " + PARAM_TAG + " NAME or "
                    + PARAM_TAG + " NAME=DEFAULT");
        }
        used.add(name);
        String value = params.containsKey(name) ? params.get(name) : dflt;
        if (value == null) {
            throw new ComposeSpecException(file, line, col, "parameter '" + name + "' has no value and no default;"
                    + " give it with --param " + name + "=VALUE (or write " + PARAM_TAG + " " + name + "=DEFAULT)");
        }
        String v = value.strip();
        boolean quoted = v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"));
        if (quoted) {
            v = v.substring(1, v.length() - 1);
        }
        return scalar(file, line, col, v, !quoted, name);
    }

    // ---------------------------------------------------------------------------------------------

    Kind kind() {
        return kind;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean isMap() {
        return kind == Kind.MAP;
    }

    boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    String file() {
        return file;
    }

    /** This node's place, {@code FILE:LINE:COL}. */
    String place() {
        return file + ":" + line + ":" + column;
    }

    /** An error at this node. */
    ComposeSpecException error(String problem) {
        return new ComposeSpecException(file, line, column, problem + (param != null ? " (from parameter '" + param + "')" : ""));
    }

    String describe() {
        return switch (kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "nothing";
            case SCALAR -> "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
        };
    }

    /** The entries of a mapping, in order; an error naming {@code what} when this is not one. */
    Map<String, SpecNode> map(String what) throws ComposeSpecException {
        if (kind == Kind.NULL) {
            return Map.of();
        }
        if (kind != Kind.MAP) {
            throw error(what + ": expected a mapping (KEY: VALUE lines), found " + describe());
        }
        return map;
    }

    /** The node of a key of this mapping, for messages about the key itself. */
    SpecNode keyNode(String key) {
        return keys == null ? this : keys.getOrDefault(key, this);
    }

    /** The items of a list; an error naming {@code what} when this is not one. */
    List<SpecNode> list(String what) throws ComposeSpecException {
        if (kind == Kind.NULL) {
            return List.of();
        }
        if (kind != Kind.LIST) {
            throw error(what + ": expected a list ('- ITEM' lines), found " + describe());
        }
        return list;
    }

    /** The child {@code key} of this mapping, if present and not null. */
    Optional<SpecNode> get(String key) {
        if (kind != Kind.MAP) {
            return Optional.empty();
        }
        SpecNode n = map.get(key);
        return n == null || n.kind == Kind.NULL ? Optional.empty() : Optional.of(n);
    }

    /** The child {@code key}, which must be present. */
    SpecNode require(String key, String what) throws ComposeSpecException {
        return get(key).orElseThrow(() -> error(what + ": the key '" + key + "' is missing"));
    }

    /** Refuses keys of this mapping outside {@code allowed}. */
    void onlyKeys(String what, Set<String> allowed) throws ComposeSpecException {
        if (kind != Kind.MAP) {
            return;
        }
        for (String k : map.keySet()) {
            if (!allowed.contains(k)) {
                throw keyNode(k).error(what + ": unknown key '" + k + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A scalar as text. */
    String text(String what) throws ComposeSpecException {
        if (kind != Kind.SCALAR) {
            throw error(what + ": expected a single value, found " + describe());
        }
        return text;
    }

    /** An optional child as text. */
    Optional<String> text(String key, String what) throws ComposeSpecException {
        Optional<SpecNode> n = get(key);
        return n.isEmpty() ? Optional.empty() : Optional.of(n.get().text(what + "." + key));
    }

    /** A whole number in {@code [min, max]}. */
    long integer(String what, long min, long max) throws ComposeSpecException {
        String t = text(what).strip().replace("_", "");
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw error(what + ": expected a whole number, found " + describe());
        }
        if (v < min || v > max) {
            throw error(what + ": " + v + " is out of range; expected " + min + " to " + max);
        }
        return v;
    }

    /** {@code true} or {@code false} (YAML 1.2 core schema, any case; also yes/no as YAML 1.1 wrote them). */
    boolean bool(String what) throws ComposeSpecException {
        String t = text(what).strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(what + ": expected true or false, found " + describe());
        };
    }

    /** An optional boolean child. */
    Optional<Boolean> bool(String key, String what) throws ComposeSpecException {
        Optional<SpecNode> n = get(key);
        return n.isEmpty() ? Optional.empty() : Optional.of(n.get().bool(what + "." + key));
    }

    /** Wraps an {@link IOException} about a file this node names. */
    ComposeSpecException fileError(String what, IOException e) {
        String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.toString();
        ComposeSpecException x = error(what + ": " + reason);
        x.initCause(e);
        return x;
    }
}
