package io.ovfkit.ova;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OVF package published as a folder on a web server: the descriptor's URL and its files at URLs
 * relative to it. Each file is looked up with HEAD (or a one-byte range request) when first needed;
 * files of a server with range support open as disks in place.
 */
final class UrlFolderSource extends Source {
    private final Http http;
    private final URI base;
    private final Member descriptor;
    private final Map<String, Member> found = new LinkedHashMap<>();
    private final Map<String, Http.Resource> resources = new LinkedHashMap<>();

    UrlFolderSource(Http http, URI descriptorUrl) throws IOException {
        super(Http.redact(descriptorUrl));
        this.http = http;
        this.base = descriptorUrl;
        String path = descriptorUrl.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String member = MemberNames.decoded(last);
        this.descriptor = find(member).orElseThrow(() -> Http.statusError(descriptorUrl, 404));
    }

    @Override
    PackageForm form() {
        return PackageForm.FOLDER;
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
        return List.copyOf(found.values());
    }

    private URI uriOf(String member) {
        String why = MemberNames.problem(member);
        if (why != null) {
            throw new PackageException(name, member, -1, "unsafe name: " + why, null);
        }
        try {
            // Encode the name as a relative path (spaces and the like), then resolve it against the descriptor's URL.
            URI rel = new URI(null, null, member, null);
            return base.resolve(rel);
        } catch (URISyntaxException e) {
            throw new PackageException(name, member, -1, "cannot be made into a URL: " + e.getMessage(), e);
        }
    }

    @Override
    synchronized Optional<Member> find(String member) throws IOException {
        Member m = found.get(member);
        if (m != null) {
            return Optional.of(m);
        }
        URI u = uriOf(member);
        Http.Resource r = http.probe(u);
        if (!r.exists()) {
            return Optional.empty();
        }
        if (r.size() < 0) {
            throw new PackageException(Http.redact(u), "the server does not tell the file's size (no Content-Length)");
        }
        m = new Member(member, r.size(), 0);
        found.put(member, m);
        resources.put(member, r);
        return Optional.of(m);
    }

    private synchronized Http.Resource resource(Member m) throws IOException {
        if (!resources.containsKey(m.name())) {
            find(m.name());
        }
        return resources.get(m.name());
    }

    @Override
    ReadableByteChannel open(Member m) throws IOException {
        return Channels.newChannel(http.open(resource(m), 0, m.size()));
    }

    @Override
    Optional<DiskImage> openDisk(Member m, String displayName) throws IOException {
        Http.Resource r = resource(m);
        if (!r.ranges()) {
            return Optional.empty();
        }
        HttpRangeChannel ch = new HttpRangeChannel(http, r, http.options().readAhead());
        try {
            return Optional.of(new ClosingDiskImage(DiskImages.open(ch, 0, m.size(), displayName), ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    String display(String member) {
        return Http.redact(uriOf(member));
    }

    @Override
    public void close() {
        // one request per read
    }
}
