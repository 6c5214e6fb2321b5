package io.ovfkit.ova;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link OvfPackage#unpackExpanded} wrote.
 *
 * <p>Immutable (the lists are copied) and safe to share between threads.
 *
 * @param files the files written, in the order written (the descriptor and manifest last)
 * @param expanded the hrefs of the files that were stored compressed or in chunks and are now plain
 * @param warnings what was dropped (a signature that no longer holds), each naming the file
 */
public record ExpandResult(List<Path> files, List<String> expanded, List<String> warnings) {
    /** Copies the lists. */
    public ExpandResult {
        files = List.copyOf(files);
        expanded = List.copyOf(expanded);
        warnings = List.copyOf(warnings);
    }
}
