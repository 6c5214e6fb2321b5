package io.ovfkit.ova.write;

import io.ovfkit.ovf.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What an edit of a package would change ({@link PackageEditor#plan()}): the new descriptor, a
 * unified diff of it against the original, the members that would be added, modified or removed,
 * and the validation findings the edit introduces. An immutable value ({@link #descriptor()} returns a
 * copy), safe to share between threads.
 *
 * @param descriptorName the descriptor's member name
 * @param descriptor the edited descriptor's bytes (equal to the original when it is not edited)
 * @param diff the unified diff ({@code diff -u} form) of the descriptor; empty when unchanged
 * @param changes the members that change, in package order: descriptor, added files, removed
 *     files, then manifest and certificate
 * @param newFindings errors and warnings of the edited descriptor that the original did not have
 *     (lax profile); an error means {@link PackageEditor#write} will refuse the edit
 */
public record EditPlan(String descriptorName, byte[] descriptor, String diff, List<Change> changes,
        List<Diagnostic> newFindings) {

    /** Checks and copies the components. */
    public EditPlan {
        Objects.requireNonNull(descriptorName, "descriptorName");
        descriptor = descriptor.clone();
        Objects.requireNonNull(diff, "diff");
        changes = List.copyOf(changes);
        newFindings = List.copyOf(newFindings);
    }

    /** The edited descriptor's bytes (a copy). */
    @Override
    public byte[] descriptor() {
        return descriptor.clone();
    }

    /** What happens to a member. */
    public enum Action {
        /** The member is new. */
        ADDED,
        /** The member is written with new content. */
        MODIFIED,
        /** The member is left out. */
        REMOVED
    }

    /**
     * One member that changes.
     *
     * @param member its name in the package
     * @param action what happens to it
     */
    public record Change(String member, Action action) {
        /** Checks the components. */
        public Change {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(action, "action");
        }
    }
}
