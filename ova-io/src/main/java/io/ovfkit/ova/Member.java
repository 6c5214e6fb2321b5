package io.ovfkit.ova;

import java.util.Objects;

/**
 * One file of a package as stored: a tar member of an OVA, or a file beside the descriptor of an
 * OVF folder or URL.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param name the member name, normalised (a leading {@code ./} removed) and checked to stay inside
 *     the package: relative, no {@code ..}, no drive letter, no backslash
 * @param size the stored size in bytes (compressed size for a gzip-compressed file, one chunk's size
 *     for a chunk)
 * @param offset where the member's bytes start in the archive (after its headers); 0 for a file of a
 *     folder or URL
 */
public record Member(String name, long size, long offset) {
    /**
     * @param name see the class description
     * @param size see the class description
     * @param offset see the class description
     */
    public Member {
        Objects.requireNonNull(name, "name");
        if (size < 0 || offset < 0) {
            throw new IllegalArgumentException("negative size or offset for " + name);
        }
    }
}
