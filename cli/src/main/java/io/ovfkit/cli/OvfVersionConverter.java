package io.ovfkit.cli;

import io.ovfkit.ovf.OvfVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --ovf-version}: {@code 1.0}, {@code 1.1}, {@code 2.0}, {@code 2.1} (or {@code 1}, {@code 2}). */
final class OvfVersionConverter implements ITypeConverter<OvfVersion> {
    @Override
    public OvfVersion convert(String value) {
        try {
            return OvfVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
