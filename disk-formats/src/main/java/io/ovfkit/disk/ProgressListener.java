package io.ovfkit.disk;

/** Receives the progress of a long disk operation; called on one thread, in order. */
@FunctionalInterface
public interface ProgressListener {
    /** Nothing is reported. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done guest bytes processed so far
     * @param total guest bytes in all
     */
    void progress(long done, long total);
}
