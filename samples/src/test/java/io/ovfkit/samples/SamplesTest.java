package io.ovfkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every Java example, in the order a reader would: build, inspect, verify, convert. */
class SamplesTest {
    @TempDir
    Path dir;

    private static String run(ThrowingMain main, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void theExamplesBuildInspectVerifyAndConvert() throws Exception {
        Path raw = dir.resolve("disk.raw");
        byte[] bytes = new byte[4 << 20];
        bytes[1 << 20] = 7;
        Files.write(raw, bytes);
        Path ova = dir.resolve("sample.ova");
        assertThat(run(BuildFromRawDisk::main, raw.toString(), ova.toString())).contains("wrote " + ova + ": 3 members");
        assertThat(run(InspectOva::main, ova.toString())).contains("member sample.ovf", "member sample-disk1.vmdk",
                "system sample: 2 CPUs, 1024 MiB", "disk vmdisk1: " + (4 << 20) + " bytes", "network VM Network");
        assertThat(run(VerifySignature::main, ova.toString())).contains("not signed", "verified");
        Path vhdx = dir.resolve("disk.vhdx");
        assertThat(run(ConvertDisk::main, raw.toString(), vhdx.toString(), "vhdx")).contains("converted " + (4 << 20) + " bytes");
        assertThat(Files.size(vhdx)).isPositive();
    }
}
