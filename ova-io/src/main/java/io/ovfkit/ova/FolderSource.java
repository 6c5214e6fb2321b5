package io.ovfkit.ova;

import io.ovfkit.disk.DiskImage;
import io.ovfkit.disk.DiskImages;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OVF package as a folder: the descriptor and its files beside it. Only names the package uses
 * are looked up (no listing of the folder); each must be safe ({@link MemberNames}) and, once symbolic
 * links are resolved, still lie inside the folder.
 */
final class FolderSource extends Source {
    private final Path dir;
    private final Path realDir;
    private final Member descriptor;
    private final Map<String, Member> found = new LinkedHashMap<>();

    FolderSource(Path descriptorFile) throws IOException {
        super(descriptorFile.toString());
        Path abs = descriptorFile.toAbsolutePath();
        this.dir = abs.getParent();
        this.realDir = dir.toRealPath();
        String fileName = abs.getFileName().toString();
        this.descriptor = find(fileName).orElseThrow(() -> new PackageException(descriptorFile.toString(),
                "no such file"));
    }

    /** The one {@code .ovf} file of {@code folder}. */
    static Path descriptorIn(Path folder) throws IOException {
        List<Path> ovfs = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ovf")
                    && Files.isRegularFile(p)).sorted().forEach(ovfs::add);
        }
        if (ovfs.isEmpty()) {
            throw new PackageException(folder.toString(), "no .ovf descriptor in this folder");
        }
        if (ovfs.size() > 1) {
            throw new PackageException(folder.toString(), "several .ovf descriptors in this folder ("
                    + String.join(", ", ovfs.stream().map(p -> p.getFileName().toString()).toList())
                    + "); name the one to open");
        }
        return ovfs.get(0);
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

    @Override
    synchronized Optional<Member> find(String member) throws IOException {
        Member m = found.get(member);
        if (m != null) {
            return Optional.of(m);
        }
        Path p = resolve(member);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
            return Optional.empty();
        }
        Path real = p.toRealPath();
        if (!real.startsWith(realDir)) {
            throw new PackageException(name, member, -1, "a symbolic link that leads out of the package's folder (to "
                    + real + "); refused", null);
        }
        if (!Files.isRegularFile(real)) {
            throw new PackageException(name, member, -1, "not a regular file", null);
        }
        m = new Member(member, Files.size(real), 0);
        found.put(member, m);
        return Optional.of(m);
    }

    private Path resolve(String member) {
        String why = MemberNames.problem(member);
        if (why != null) {
            throw new PackageException(name, member, -1, "unsafe name: " + why, null);
        }
        return dir.resolve(member);
    }

    @Override
    ReadableByteChannel open(Member m) throws IOException {
        return FileChannel.open(resolve(m.name()).toRealPath(), StandardOpenOption.READ);
    }

    @Override
    Optional<DiskImage> openDisk(Member m, String displayName) throws IOException {
        return Optional.of(DiskImages.open(resolve(m.name()).toRealPath()));
    }

    @Override
    String display(String member) {
        return dir.resolve(member).toString();
    }

    @Override
    public void close() {
        // files are opened per read
    }
}
