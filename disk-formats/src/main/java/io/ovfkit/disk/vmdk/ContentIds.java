package io.ovfkit.disk.vmdk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The identifiers a VMDK descriptor carries (disk-formats.md §2.5, §8.5): {@code CID},
 * {@code ddb.longContentID} (32 hex digits whose last 8 are the CID) and {@code ddb.uuid} (16 bytes
 * in VMware's spelling). Random by default; derived from a seed for reproducible output.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param cid the content id, 32 bits, never {@code ffffffff} or {@code fffffffe}
 * @param longContentId 32 lowercase hex digits ending with the CID
 * @param uuid {@code "xx xx xx xx xx xx xx xx-xx xx xx xx xx xx xx xx"}
 */
public record ContentIds(long cid, String longContentId, String uuid) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh random identifiers. */
    public static ContentIds random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return from(b, () -> {
            byte[] more = new byte[4];
            RANDOM.nextBytes(more);
            return more;
        });
    }

    /**
     * Identifiers derived from {@code seed} alone: SHA-256 of {@code "ovfkit-vmdk-ids"} and the seed
     * (8 bytes, big-endian). The same seed always gives the same identifiers.
     */
    public static ContentIds derived(long seed) {
        byte[] first = sha256(seed, 0);
        int[] round = {0};
        return from(first, () -> sha256(seed, ++round[0]));
    }

    /** Random identifiers, or derived ones when {@code seed} is not {@code null}. */
    public static ContentIds of(Long seed) {
        return seed == null ? random() : derived(seed);
    }

    private interface MoreBytes {
        byte[] next();
    }

    private static ContentIds from(byte[] b, MoreBytes more) {
        // bytes 0..3: CID (re-rolled while it is one of the reserved values), 4..15: the rest of
        // longContentID, 16..31: uuid.
        long cid = Integer.toUnsignedLong(ByteBuffer.wrap(b, 0, 4).getInt());
        while (cid == 0xffffffffL || cid == 0xfffffffeL) {
            cid = Integer.toUnsignedLong(ByteBuffer.wrap(more.next(), 0, 4).getInt());
        }
        HexFormat hex = HexFormat.of();
        String longId = hex.formatHex(b, 4, 16) + String.format("%08x", cid);
        StringBuilder uuid = new StringBuilder(47);
        for (int i = 0; i < 16; i++) {
            if (i > 0) {
                uuid.append(i == 8 ? '-' : ' ');
            }
            uuid.append(hex.toHexDigits(b[16 + i]));
        }
        return new ContentIds(cid, longId, uuid.toString());
    }

    private static byte[] sha256(long seed, int round) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("ovfkit-vmdk-ids".getBytes(StandardCharsets.US_ASCII));
            md.update(ByteBuffer.allocate(12).putLong(seed).putInt(round).array());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
