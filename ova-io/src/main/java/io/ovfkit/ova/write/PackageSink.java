package io.ovfkit.ova.write;

import io.ovfkit.signing.DigestAlgorithm;
import java.io.IOException;

/**
 * Where the members of a package go: an OVA file (seekable: headers completed after their data),
 * an OVA stream (a pipe: each header needs its size first) or a folder (one file per member).
 * Output appears under its final name only at {@link #finish()}; {@link #abort()} removes it.
 */
interface PackageSink {
    /**
     * Starts a member.
     *
     * @param name the member name (already checked)
     * @param size its size when known, -1 otherwise (not allowed when {@link #needsSizes()})
     * @param digest the manifest algorithm, {@code null} for no digest
     */
    MemberChannel open(String name, long size, DigestAlgorithm digest) throws IOException;

    /** Whether every member's size must be known before its data (a pipe). */
    boolean needsSizes();

    /** Ends the archive and gives the output its final name. */
    void finish() throws IOException;

    /** Removes what was written; never throws. */
    void abort();

    /** The target, for messages. */
    String describe();
}
