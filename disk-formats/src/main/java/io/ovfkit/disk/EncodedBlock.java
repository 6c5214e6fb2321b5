package io.ovfkit.disk;

import java.nio.ByteBuffer;

/**
 * A block of guest data ready for a {@link DiskWriter}: its guest offset and length, and the bytes
 * the writer stores for it (the raw bytes, or for compressing formats the compressed ones).
 *
 * <p>Not immutable, since its payload is a buffer: the converter hands each block from the thread that
 * encoded it to the writing thread, and no other thread may touch the buffer meanwhile.
 *
 * @param offset guest byte offset of the block
 * @param length guest bytes the block covers
 * @param payload what the writer stores; position to limit
 */
public record EncodedBlock(long offset, int length, ByteBuffer payload) {
}
