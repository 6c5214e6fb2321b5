package io.ovfkit.ova;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A tar archive read at random: a file, or a URL whose server supports range requests. The archive
 * is indexed once, with Commons Compress's {@link TarFile} reading the headers (each member's data
 * is skipped, not read); members are then read from their offsets, several at once.
 */
final class TarSource extends Source {
    /** Opens {@code [offset, offset + length)} of the archive as a stream of its own. */
    interface RangeOpener {
        ReadableByteChannel open(long offset, long length) throws IOException;
    }

    private final SeekableByteChannel channel;
    private final RangeOpener ranges;
    private final TarEntries entries;
    private final Member descriptor;

    TarSource(String name, SeekableByteChannel channel, RangeOpener ranges) throws IOException {
        super(name);
        this.channel = channel;
        this.ranges = ranges;
        this.entries = new TarEntries(name, warnings);
        long size = channel.size();
        List<TarArchiveEntry> list;
        try {
            TarFile tf = new TarFile(new Unclosable(channel), TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE,
                    StandardCharsets.UTF_8.name(), false);
            list = tf.getEntries(); // not closed: that would close the channel, which this source owns
        } catch (IOException | IllegalArgumentException e) {
            throw diagnose(e);
        }
        long end = 0;
        for (TarArchiveEntry e : list) {
            long off = e.getDataOffset();
            if (off + e.getSize() > size) {
                throw new PackageException(name, e.getName(), size, "the archive is truncated: it ends at offset " + size
                        + ", inside this member (" + e.getSize() + " bytes from offset " + off + ")", null);
            }
            entries.add(e, off);
            end = off + ((e.getSize() + 511) / 512) * 512;
        }
        checkTail(end, size);
        this.descriptor = TarEntries.descriptor(name, entries.members(), warnings, true);
    }

    /**
     * {@link TarFile} stops quietly at a partial header; this tells a complete archive (end-of-archive
     * zero blocks, or nothing after the last member) from a cut one.
     */
    private void checkTail(long end, long size) throws IOException {
        long rest = size - end;
        if (rest <= 0) {
            if (entries.size() == 0) {
                throw new PackageException(name, "the file is empty, not a tar archive");
            }
            warnings.add(name + ": the archive has no end-of-archive marker after its last member (offset " + end
                    + "); it may have been cut short");
            return;
        }
        int n = (int) Math.min(rest, 1024);
        ByteBuffer b = ByteBuffer.allocate(n);
        channel.position(end);
        while (b.hasRemaining() && channel.read(b) > 0) {
            // fill
        }
        byte[] a = b.array();
        int firstNonZero = -1;
        for (int i = 0; i < b.position(); i++) {
            if (a[i] != 0) {
                firstNonZero = i;
                break;
            }
        }
        if (firstNonZero < 0) {
            if (rest < 1024) {
                warnings.add(name + ": the end-of-archive marker after offset " + end + " is " + rest
                        + " bytes instead of 1024");
            }
            return;
        }
        if (firstNonZero < 512 && rest < 512) {
            throw new PackageException(name, null, end, "the archive is truncated: a tar header is cut off after "
                    + rest + " of its 512 bytes", null);
        }
        throw new PackageException(name, null, end, "not a valid tar header" + (entries.size() == 0
                ? ": the file is not a tar archive (.ova)" : " after the last readable member; the archive is damaged"),
                null);
    }

    /** Names the member and the offset when {@link TarFile} refuses the archive. */
    private PackageException diagnose(Exception cause) throws IOException {
        channel.position(0);
        TarArchiveEntry last = null;
        long lastOffset = 0;
        long size = channel.size();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Channels.newInputStream(new Unclosable(channel)),
                StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                last = e;
                lastOffset = in.getBytesRead();
            }
        } catch (IOException | IllegalArgumentException e) {
            if (last != null && lastOffset + last.getSize() > size) {
                return new PackageException(name, last.getName(), size, "the archive is truncated: it ends at offset "
                        + size + ", inside this member (" + last.getSize() + " bytes from offset " + lastOffset + ")",
                        cause);
            }
            long at = last == null ? 0 : lastOffset + ((last.getSize() + 511) / 512) * 512;
            return new PackageException(name, null, at, "not a readable tar archive: " + cause.getMessage(), cause);
        }
        return new PackageException(name, null, -1, "not a readable tar archive: " + cause.getMessage(), cause);
    }

    @Override
    PackageForm form() {
        return PackageForm.OVA;
    }

    @Override
    boolean randomAccess() {
        return true;
    }

    @Override
    Member descriptor() {
        return descriptor;
    }

    @Override
    List<Member> members() {
        return entries.members();
    }

    @Override
    Optional<Member> find(String member) {
        return Optional.ofNullable(entries.get(member));
    }

    @Override
    ReadableByteChannel open(Member m) throws IOException {
        return ranges.open(m.offset(), m.size());
    }

    @Override
    Optional<DiskImage> openDisk(Member m, String displayName) throws IOException {
        return Optional.of(DiskImages.open(channel, m.offset(), m.size(), displayName));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads {@code [offset, offset + length)} of a file with positional reads: many may run at once. */
    static ReadableByteChannel fileRange(FileChannel file, long offset, long length) {
        return new ReadableByteChannel() {
            private long pos = offset;
            private final long end = offset + length;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (!open) {
                    throw new java.nio.channels.ClosedChannelException();
                }
                if (pos >= end) {
                    return -1;
                }
                int want = (int) Math.min(dst.remaining(), end - pos);
                int n = file.read(dst.slice(dst.position(), want), pos);
                if (n < 0) {
                    throw new PackageException(null, null, pos, "the file ended before the member's last byte", null);
                }
                dst.position(dst.position() + n);
                pos += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    /** Reads of a URL range as a channel. */
    static ReadableByteChannel streamRange(InputStream in) {
        return Channels.newChannel(in);
    }

    /** A view of a channel whose {@code close} does nothing: {@link TarFile} would close the source's channel. */
    private static final class Unclosable implements SeekableByteChannel {
        private final SeekableByteChannel c;

        Unclosable(SeekableByteChannel c) {
            this.c = c;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return c.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return c.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            c.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return c.size();
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return c.isOpen();
        }

        @Override
        public void close() {
            // the source closes the channel
        }
    }
}
