/**
 * Writing OVF packages: {@link io.ovfkit.ova.write.PackageWriter} (a new package from a descriptor,
 * disks converted on the fly and files copied, to an OVA file, a folder or a pipe, in one pass) and
 * {@link io.ovfkit.ova.write.PackageRewriter} (a new manifest and signature for an existing
 * package, by a streaming copy of its members).
 *
 * <h2>What is written</h2>
 * <ul>
 *   <li>Member order: descriptor, manifest ({@code NAME.mf}), certificate ({@code NAME.cert}), then
 *   the files in {@code References} order, chunks in chunk order. On a pipe the manifest and
 *   certificate come last instead (their content depends on every member before them).</li>
 *   <li>Tar: ustar headers only (magic {@code ustar\0}, version {@code 00}), type '0', mode 0644,
 *   uid/gid 0, empty owner and group names, one modification time for all members; a size above
 *   8 GiB - 1 in GNU base-256 (read by GNU tar, bsdtar, Python, Go and VirtualBox); never PAX, never
 *   GNU long names (a member name longer than 100 bytes is refused); two zero blocks at the end, no
 *   record padding.</li>
 *   <li>Manifest: {@code ALG(name)= hex}, LF, SHA-256 by default; an entry for the descriptor and
 *   each member (each chunk), nothing else. Certificate: ovftool's form (signature line and PEM chain).</li>
 *   <li>{@code ovf:compression="gzip"}: the JDK's gzip, whose header carries no time (MTIME 0).
 *   {@code ovf:chunkSize}: {@code href.000000000}, {@code href.000000001} …; compression first, then
 *   chunking.</li>
 *   <li>Folder: the same files side by side; a stale manifest or certificate is removed.</li>
 * </ul>
 */
package io.ovfkit.ova.write;
