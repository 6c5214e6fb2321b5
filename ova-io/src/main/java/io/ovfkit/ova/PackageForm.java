package io.ovfkit.ova;

/**
 * How a package is stored.
 *
 * <p>Immutable (an enum) and safe to share between threads.
 */
public enum PackageForm {
    /** A tar archive ({@code .ova}): the descriptor and its files as members. */
    OVA,
    /** A descriptor ({@code .ovf}) with its files beside it, in a folder or under a URL. */
    FOLDER
}
