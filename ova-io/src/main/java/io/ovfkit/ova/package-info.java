/**
 * OVF packages read in place: {@link io.ovfkit.ova.OvfPackage} opens an OVA archive, an OVF folder,
 * a URL or a stream, gives the descriptor, manifest, certificate and files (gzip compression and
 * chunks undone), opens plain disks as {@link io.ovfkit.disk.DiskImage}s without copying them,
 * verifies ({@link io.ovfkit.ova.VerifyReport}) and unpacks safely.
 *
 * <h2>Tar dialects read</h2>
 * Through Apache Commons Compress: POSIX ustar, GNU (long names, base-256 sizes above 8 GiB), PAX
 * (extended headers, global headers), old V7 headers, and VMware's hybrid magic ({@code "ustar\0"}
 * with version {@code " \0"}); any record padding (512-byte blocks or GNU's 10 KiB records); no
 * end-of-archive marker (a warning). Refused with a {@link io.ovfkit.ova.PackageException} naming
 * the member and offset: symbolic and hard links, character and block devices, FIFOs, sparse
 * entries, other entry types, unsafe names (absolute, drive letter, backslash, {@code ..}, empty or
 * {@code .} segments, control characters), duplicate names, more than 100,000 members, and a
 * truncated archive. Directory entries are skipped with a warning; a leading {@code ./} is removed.
 *
 * <p>The writer lives in {@code io.ovfkit.ova.write}.
 */
package io.ovfkit.ova;
