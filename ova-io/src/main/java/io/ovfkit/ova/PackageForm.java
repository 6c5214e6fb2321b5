package io.ovfkit.ova;

/** How a package is stored. */
public enum PackageForm {
    /** A tar archive ({@code .ova}): the descriptor and its files as members. */
    OVA,
    /** A descriptor ({@code .ovf}) with its files beside it, in a folder or under a URL. */
    FOLDER
}
