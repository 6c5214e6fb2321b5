/**
 * VMware VMDK virtual disks: {@link io.ovfkit.disk.vmdk.VmdkImage} reads them, the writers ({@code VmdkWriters}) create
 * them; {@link io.ovfkit.disk.vmdk.SparseExtentHeader} and {@link io.ovfkit.disk.vmdk.VmdkDescriptor}
 * are the header and descriptor both sides share. Pure Java (zlib through {@code java.util.zip}).
 *
 * <h2>Dialects the reader supports</h2>
 * <table>
 * <caption>Supported VMDK variants</caption>
 * <tr><th>createType / extent</th><th>what is read</th></tr>
 * <tr><td>{@code monolithicSparse}</td><td>one {@code KDMV} file with an embedded descriptor, sparse
 * header versions 1–3, grain directory and grain tables (the redundant copy is only checked), grain
 * table entry 0 = unallocated, 1 = zeroed grain when the header's flag 0x4 is set and the version is
 * ≥ 2, grain directory entry 0 = a whole grain table unallocated; any power-of-two grain size up to
 * 65536 sectors; 512 entries per grain table</td></tr>
 * <tr><td>{@code streamOptimized}</td><td>compressed grains (zlib, RFC 1950) with grain markers, in
 * both layouts: grain directory after the data with {@code gdOffset = GD_AT_END}, a footer and an
 * end-of-stream marker (VMware, ovftool, VirtualBox; zero padding after the end-of-stream marker is
 * tolerated up to 1 MiB), and grain directory at the front without footer (qemu, open-vmdk); omitted
 * grain tables; a last grain shorter than a grain when the capacity is not a whole number of grains;
 * compressed extents without markers (raw zlib at the grain's sector, as qemu reads them); grains of
 * at most 2048 sectors (1 MiB)</td></tr>
 * <tr><td>{@code twoGbMaxExtentSparse}</td><td>a text descriptor and {@code SPARSE} extent files
 * without embedded descriptor; extent sizes come from the extent lines</td></tr>
 * <tr><td>{@code monolithicFlat}, {@code twoGbMaxExtentFlat}, {@code vmfs}, {@code vmfsThin}, any
 * other createType</td><td>text descriptors whose extent lines are {@code FLAT "file" offset},
 * {@code VMFS "file"} (no offset), {@code SPARSE "file"} or {@code ZERO}, with access {@code RW} or
 * {@code RDONLY}</td></tr>
 * <tr><td>delta disks</td><td>{@code parentCID} other than {@code ffffffff} with
 * {@code parentFileNameHint}: the parent is opened from the descriptor's folder, its {@code CID} must
 * equal {@code parentCID}; chains of at most 64 images, without loops</td></tr>
 * </table>
 *
 * <h2>Not supported (refused with a {@link io.ovfkit.disk.DiskFormatException})</h2>
 * <ul>
 * <li>ESXi snapshot extents: {@code VMFSSPARSE} (COWD) and {@code SESPARSE};</li>
 * <li>raw device mappings: {@code VMFSRDM}, {@code VMFSRAW};</li>
 * <li>{@code NOACCESS} extent lines;</li>
 * <li>extent or parent file names that are absolute or leave the descriptor's folder
 * ({@code ..}, folder separators): extents must lie beside the descriptor;</li>
 * <li>sparse headers with unknown incompatible flags (bits 16–31 other than 0x10000 compressed and
 * 0x20000 markers), a compression algorithm other than deflate, or a grain table size other than
 * 512 entries;</li>
 * <li>a sparse extent file opened on its own, without the descriptor that names it (no embedded
 * descriptor), and files an open-vmdk writer left unfinished (magic {@code kdmv}).</li>
 * </ul>
 *
 * <p>Bounds applied to every input: descriptor ≤ 1 MiB and 65536 extent lines, grain directory
 * ≤ 32 Mi entries and inside the file, compressed grain ≤ twice the grain, decoded grain exactly one
 * grain.
 */
package io.ovfkit.disk.vmdk;
