package io.ovfkit.ova;

/**
 * An OVF package cannot be read, verified or written: a truncated or malformed archive, an unsafe
 * member name, a missing descriptor, a member that does not match its manifest. Every instance
 * names the package and, where there is one, the member and the byte offset.
 *
 * <p>Safe to hand to another thread once thrown: it holds nothing beyond what it was constructed with.
 */
public class PackageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String member;
    private final long offset;

    /**
     * @param source the package (file, folder or URL), may be null
     * @param member the member or file inside it, may be null
     * @param offset byte offset in the package, -1 when there is no particular place
     * @param message what is wrong and what was expected
     * @param cause the underlying failure, may be null
     */
    public PackageException(String source, String member, long offset, String message, Throwable cause) {
        super((source == null ? "" : source + ": ") + (member == null ? "" : member + ": ")
                + (offset >= 0 ? "at offset " + offset + ": " : "") + message, cause);
        this.source = source;
        this.member = member;
        this.offset = offset;
    }

    /** An error about a whole package. */
    public PackageException(String source, String message) {
        this(source, null, -1, message, null);
    }

    /** The package, or {@code null}. */
    public String source() {
        return source;
    }

    /** The member, or {@code null}. */
    public String member() {
        return member;
    }

    /** The byte offset, or -1. */
    public long offset() {
        return offset;
    }
}
