package io.ovfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportCommandTest {
    @TempDir
    Path tmp;
    Path ova;

    @BeforeEach
    void setUp() throws Exception {
        Path raw = tmp.resolve("disk.raw");
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(4 << 20);
            f.seek(1 << 20);
            f.write("hello".getBytes());
        }
        ova = tmp.resolve("app.ova");
        Cli.Result r = Cli.run("create", ova, "--disk", raw, "--name", "app", "--cpus", "2", "--memory", "256M",
                "--network", "VM Network", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void importWritesTheDefinitionDisksAndIso() {
        Cli.Result r = Cli.run("import", ova, "--to", "libvirt", "-o", tmp.resolve("vm"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("vm/app.xml")).exists();
        assertThat(tmp.resolve("vm/app-disk1.qcow2")).exists();
        assertThat(tmp.resolve("vm/ovf-env.iso")).exists();
        assertThat(r.err()).startsWith("ovfkit: imported app: 2 CPU, 256 MiB");
    }

    @Test
    void importToAnUnknownPlatformIsAUsageError() {
        Cli.Result r = Cli.run("import", ova, "--to", "hyperv", "-o", tmp.resolve("vm"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("hyperv").contains("libvirt, vmx or vbox");
        assertThat(tmp.resolve("vm")).doesNotExist();
    }

    @Test
    void importWithAnUnknownPropertyIsAUsageError() {
        Cli.Result r = Cli.run("import", ova, "--to", "vmx", "-o", tmp.resolve("vm"), "-p", "colour=blue");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("colour");
    }

    @Test
    void importIntoANonEmptyFolderIsRefused() throws Exception {
        Files.createDirectories(tmp.resolve("vm"));
        Files.writeString(tmp.resolve("vm/keep.txt"), "x");
        Cli.Result r = Cli.run("import", ova, "--to", "vbox", "-o", tmp.resolve("vm"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not an empty folder");
    }

    @Test
    void exportOfAnImportedVmxWritesAnOva() {
        assertThat(Cli.run("import", ova, "--to", "vmx", "-o", tmp.resolve("vm")).exitCode()).isZero();
        Path out = tmp.resolve("back.ova");
        Cli.Result r = Cli.run("export", tmp.resolve("vm/app.vmx"), "-o", out, "--digest", "sha1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("exported").contains("manifest SHA1");
        Cli.Result lint = Cli.run("lint", out, "--target", "portable");
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("portable: clean");
    }

    @Test
    void exportOfAnEncryptedVmIsRefusedWithExit3() throws Exception {
        Path vmx = Files.writeString(tmp.resolve("enc.vmx"), ".encoding = \"UTF-8\"\ndisplayName = \"e\"\n"
                + "encryption.keySafe = \"vmware:key/list/(pair/(phrase/x))\"\nencryption.data = \"abc\"\n");
        Cli.Result r = Cli.run("export", vmx, "-o", tmp.resolve("e.ova"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("enc.vmx:3").contains("encryption.keySafe");
        assertThat(tmp.resolve("e.ova")).doesNotExist();
    }

    @Test
    void exportOfAMissingDiskIsRefusedWithExit3() throws Exception {
        Path vmx = Files.writeString(tmp.resolve("m.vmx"), "numvcpus = \"1\"\nmemsize = \"64\"\nscsi0.present = \"TRUE\"\n"
                + "scsi0:0.present = \"TRUE\"\nscsi0:0.fileName = \"gone.vmdk\"\n");
        Cli.Result r = Cli.run("export", vmx, "-o", tmp.resolve("m.ova"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("gone.vmdk").contains("does not exist");
        assertThat(tmp.resolve("m.ova")).doesNotExist();
    }
}
