package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ovfkit.disk.CheckResult;
import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.Extent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * What {@code ovfkit disk info} and {@code disk check} print: the facts of an image, as text for
 * people or as the JSON documented in {@code cli/README.md}.
 */
final class DiskReport {
    /** Allocation-map windows: the map of a huge disk is asked for piece by piece. */
    private static final long WINDOW = 1L << 30;

    private DiskReport() {
    }

    /**
     * The facts of one image.
     *
     * @param format format id ({@code vmdk})
     * @param subformat variant ({@code streamOptimized})
     * @param virtualSize guest bytes
     * @param actualSize bytes on the host
     * @param allocatedBytes guest bytes the map says are stored (DATA runs)
     * @param details the format's facts
     */
    record Info(String format, String subformat, long virtualSize, long actualSize, long allocatedBytes,
            Map<String, Object> details) {
        /** Reads the facts of {@code image}, walking its allocation map window by window. */
        static Info of(DiskImage image) throws IOException {
            long capacity = image.capacity();
            long allocated = 0;
            // An image read from a stream knows its map one grain ahead: ask grain by grain.
            long step = image.sequential() ? 64 << 10 : WINDOW;
            for (long w = 0; w < capacity; w += step) {
                for (Extent e : image.extents(w, Math.min(step, capacity - w))) {
                    if (e.kind() == Extent.Kind.DATA) {
                        allocated += e.length();
                    }
                }
            }
            return new Info(image.format().id(), image.subformat(), capacity, image.actualSize(), allocated,
                    image.details());
        }
    }

    /** {@code disk info} as text. */
    static void infoText(PrintWriter out, String file, Info info) {
        out.println("image: " + file);
        out.println("file format: " + info.format());
        out.println("subformat: " + info.subformat());
        out.println("virtual size: " + sizeText(info.virtualSize()));
        out.println("disk size: " + sizeText(info.actualSize()));
        out.println("allocated: " + sizeText(info.allocatedBytes()));
        if (!info.details().isEmpty()) {
            out.println("details:");
            detailsText(out, info.details(), "  ");
        }
        out.flush();
    }

    private static String sizeText(long bytes) {
        return bytes < 1024 ? ByteSize.format(bytes) : ByteSize.format(bytes) + " (" + bytes + " bytes)";
    }

    private static void detailsText(PrintWriter out, Map<?, ?> map, String indent) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                out.println(indent + e.getKey() + ":");
                detailsText(out, m, indent + "  ");
            } else if (v instanceof Iterable<?> it) {
                out.println(indent + e.getKey() + ":");
                for (Object item : it) {
                    out.println(indent + "  - " + inline(item));
                }
            } else {
                out.println(indent + e.getKey() + ": " + inline(v));
            }
        }
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(e.getKey()).append('=').append(inline(e.getValue()));
            }
            return b.toString();
        }
        return String.valueOf(v);
    }

    /** {@code disk info --json}. */
    static void infoJson(Writer out, Info info) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("format", info.format());
            nullableString(g, "subformat", info.subformat());
            g.writeNumberField("virtualSize", info.virtualSize());
            g.writeNumberField("actualSize", info.actualSize());
            g.writeNumberField("allocatedBytes", info.allocatedBytes());
            g.writeFieldName("details");
            value(g, info.details());
            g.writeEndObject();
        }
        JsonOutput.end(out);
    }

    /** {@code disk check} findings as text: one line per finding, then a summary line. */
    static void checkText(PrintWriter out, String file, CheckResult result) {
        for (String c : result.corruptions()) {
            out.println(file + ": error: " + c);
        }
        for (String l : result.leaks()) {
            out.println(file + ": warning: " + l);
        }
        if (result.corruptions().isEmpty() && result.leaks().isEmpty()) {
            out.println("No errors were found on the image.");
        } else if (result.corruptions().isEmpty()) {
            out.println(count(result.leaks().size(), "leak") + " found on the image: space is wasted, no data is harmed.");
        } else {
            out.println(count(result.corruptions().size(), "corruption") + " and " + count(result.leaks().size(), "leak")
                    + " found on the image.");
        }
        out.flush();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code disk check --json}. */
    static void checkJson(Writer out, String file, String format, String subformat, CheckResult result) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("file", file);
            nullableString(g, "format", format);
            nullableString(g, "subformat", subformat);
            g.writeBooleanField("consistent", result.consistent());
            g.writeArrayFieldStart("corruptions");
            for (String c : result.corruptions()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("leaks");
            for (String l : result.leaks()) {
                g.writeString(l);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        JsonOutput.end(out);
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    /** Any value of a details map: numbers, booleans, strings, nested maps and lists; anything else as its text. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof Float || v instanceof Double) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object item : it) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                value(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
