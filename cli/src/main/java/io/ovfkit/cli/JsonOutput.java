package io.ovfkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.ovfkit.ovf.Diagnostic;
import io.ovfkit.ovf.Severity;
import io.ovfkit.ovf.info.DescriptorInfo;
import io.ovfkit.ovf.info.DescriptorInfo.ControllerInfo;
import io.ovfkit.ovf.info.DescriptorInfo.DeploymentOptionInfo;
import io.ovfkit.ovf.info.DescriptorInfo.DiskInfo;
import io.ovfkit.ovf.info.DescriptorInfo.FileInfo;
import io.ovfkit.ovf.info.DescriptorInfo.NetworkInfo;
import io.ovfkit.ovf.info.DescriptorInfo.NicInfo;
import io.ovfkit.ovf.info.DescriptorInfo.ProductInfo;
import io.ovfkit.ovf.info.DescriptorInfo.PropertyInfo;
import io.ovfkit.ovf.info.DescriptorInfo.SystemInfo;
import io.ovfkit.ovf.validation.Profile;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The JSON reports of {@code --json}, written with jackson-core's streaming generator: pretty
 * printed with two-space indentation and {@code "name": value}, fields in a fixed order, absent
 * values as {@code null} (never left out), one document per run followed by a newline. The shapes
 * are documented in {@code cli/README.md}; change them only compatibly (add fields).
 */
final class JsonOutput {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the target is stdout: flush, never close
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private JsonOutput() {
    }

    /** Writes the {@code ovfkit info --json} document. */
    static void info(Writer out, DescriptorInfo info) throws IOException {
        try (JsonGenerator g = open(out)) {
            g.writeStartObject();
            g.writeStringField("ovfVersion", info.ovfVersion());
            if (info.product() == null) {
                g.writeNullField("product");
            } else {
                ProductInfo p = info.product();
                g.writeObjectFieldStart("product");
                string(g, "name", p.name());
                string(g, "vendor", p.vendor());
                string(g, "version", p.version());
                string(g, "fullVersion", p.fullVersion());
                string(g, "productUrl", p.productUrl());
                string(g, "vendorUrl", p.vendorUrl());
                g.writeEndObject();
            }
            string(g, "annotation", info.annotation());
            string(g, "eula", info.eula());
            g.writeArrayFieldStart("virtualSystems");
            for (SystemInfo s : info.virtualSystems()) {
                g.writeStartObject();
                string(g, "id", s.id());
                string(g, "name", s.name());
                number(g, "cpus", s.cpus() == null ? null : s.cpus().longValue());
                number(g, "memoryBytes", s.memoryBytes());
                string(g, "osType", s.osType());
                number(g, "osTypeId", s.osTypeId() == null ? null : s.osTypeId().longValue());
                string(g, "virtualSystemType", s.virtualSystemType());
                string(g, "firmware", s.firmware());
                number(g, "coresPerSocket", s.coresPerSocket() == null ? null : s.coresPerSocket().longValue());
                g.writeArrayFieldStart("nics");
                for (NicInfo n : s.nics()) {
                    g.writeStartObject();
                    string(g, "name", n.name());
                    string(g, "type", n.type());
                    string(g, "network", n.network());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("controllers");
                for (ControllerInfo c : s.controllers()) {
                    g.writeStartObject();
                    string(g, "instanceId", c.instanceId());
                    string(g, "kind", c.kind());
                    string(g, "type", c.type());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (FileInfo f : info.files()) {
                g.writeStartObject();
                string(g, "id", f.id());
                string(g, "href", f.href());
                number(g, "size", f.size());
                string(g, "compression", f.compression());
                number(g, "chunkSize", f.chunkSize());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("disks");
            for (DiskInfo d : info.disks()) {
                g.writeStartObject();
                string(g, "diskId", d.diskId());
                string(g, "fileRef", d.fileRef());
                string(g, "capacity", d.capacity());
                number(g, "capacityBytes", d.capacityBytes());
                string(g, "format", d.format());
                string(g, "formatName", d.formatName());
                number(g, "populatedSize", d.populatedSize());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("networks");
            for (NetworkInfo n : info.networks()) {
                g.writeStartObject();
                string(g, "name", n.name());
                string(g, "description", n.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("properties");
            for (PropertyInfo p : info.properties()) {
                g.writeStartObject();
                string(g, "key", p.key());
                string(g, "id", p.id());
                string(g, "type", p.type());
                string(g, "value", p.password() ? null : p.value());
                string(g, "label", p.label());
                g.writeBooleanField("userConfigurable", p.userConfigurable());
                g.writeBooleanField("password", p.password());
                string(g, "qualifiers", p.qualifiers());
                string(g, "category", p.category());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("deploymentOptions");
            for (DeploymentOptionInfo o : info.deploymentOptions()) {
                g.writeStartObject();
                string(g, "id", o.id());
                string(g, "label", o.label());
                g.writeBooleanField("default", o.defaultOption());
                g.writeEndObject();
            }
            g.writeEndArray();
            diagnostics(g, info.diagnostics());
            g.writeEndObject();
        }
        end(out);
    }

    /** Writes the {@code ovfkit validate --json} document. */
    static void validation(Writer out, String file, Profile profile, List<Diagnostic> findings) throws IOException {
        long errors = DiagnosticText.count(findings, Severity.ERROR);
        try (JsonGenerator g = open(out)) {
            g.writeStartObject();
            g.writeBooleanField("ok", errors == 0);
            g.writeStringField("file", file);
            g.writeStringField("profile", profile.name().toLowerCase(Locale.ROOT));
            g.writeNumberField("errors", errors);
            g.writeNumberField("warnings", DiagnosticText.count(findings, Severity.WARNING));
            diagnostics(g, findings);
            g.writeEndObject();
        }
        end(out);
    }

    static JsonGenerator open(Writer out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.setPrettyPrinter(PRETTY.createInstance());
        return g;
    }

    static void end(Writer out) throws IOException {
        out.write('\n');
        out.flush();
    }

    private static void diagnostics(JsonGenerator g, List<Diagnostic> findings) throws IOException {
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : findings) {
            g.writeStartObject();
            g.writeStringField("severity", d.severity().label());
            g.writeStringField("rule", d.rule());
            g.writeStringField("message", d.message());
            // 0 means unknown in Diagnostic; JSON says so with null, like every other unknown value.
            number(g, "line", d.line() > 0 ? Long.valueOf(d.line()) : null);
            number(g, "column", d.line() > 0 && d.column() > 0 ? Long.valueOf(d.column()) : null);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value.longValue());
        }
    }
}
