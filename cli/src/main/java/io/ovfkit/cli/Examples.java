package io.ovfkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Two or three examples at the end of every command's {@code --help} (picocli's footer), kept in
 * one table so that they read alike. A command that declares its own {@code Examples:} footer
 * keeps it; one with another footer gets the examples before it.
 */
final class Examples {
    /** By the command's qualified name (without {@code ovfkit}). */
    static final Map<String, List<String>> BY_COMMAND = Map.ofEntries(
            Map.entry("", List.of("ovfkit info appliance.ova", "ovfkit disk convert disk.qcow2 disk.vmdk --format vmdk",
                    "ovfkit help verify")),
            Map.entry("info", List.of("ovfkit info appliance.ovf", "ovfkit info https://example.org/app.ova --json")),
            Map.entry("validate", List.of("ovfkit validate appliance.ova", "ovfkit validate appliance.ovf --strict",
                    "ovfkit validate appliance.ovf --schemas ~/dmtf --json")),
            Map.entry("convert", List.of("ovfkit convert app.ovf app-2.ovf --ovf-version 2.0",
                    "ovfkit convert app.ovf app-1.ovf --ovf-version 1.0 --drop-inexpressible")),
            Map.entry("env", List.of("ovfkit env app.ovf -p hostname=web1 -o ovf-env.xml",
                    "ovfkit env app.ova -c large -o -")),
            Map.entry("disk", List.of("ovfkit disk info disk.vmdk", "ovfkit disk convert disk.vmdk disk.qcow2 --format qcow2")),
            Map.entry("disk info", List.of("ovfkit disk info disk.vmdk", "ovfkit disk info app.ova --member app-disk1.vmdk --json")),
            Map.entry("disk check", List.of("ovfkit disk check disk.qcow2", "ovfkit disk check disk.vmdk --json")),
            Map.entry("disk compare", List.of("ovfkit disk compare a.vmdk b.qcow2", "ovfkit disk compare snap.vdi base.raw")),
            Map.entry("disk create", List.of("ovfkit disk create blank.vmdk --format vmdk --size 20GiB",
                    "ovfkit disk create blank.vhdx --format vhdx --size 1T --block-size 1MiB")),
            Map.entry("disk convert", List.of("ovfkit disk convert disk.qcow2 disk.vmdk --format vmdk",
                    "ovfkit disk convert app.ova --member app-disk1.vmdk d.qcow2 --format qcow2",
                    "ovfkit disk convert - disk.raw --format raw --progress json < app.ova")),
            Map.entry("verify", List.of("ovfkit verify appliance.ova", "ovfkit verify app.ova --trust ca.pem --require-signature",
                    "ovfkit verify https://example.org/app.ova --json")),
            Map.entry("unpack", List.of("ovfkit unpack appliance.ova out/", "ovfkit unpack --expand appliance.ova out/",
                    "ovfkit unpack - out/ < appliance.ova")),
            Map.entry("create", List.of("ovfkit create web.ova --disk disk.qcow2 --name web --cpus 2 --memory 4GiB",
                    "ovfkit create web.ova --disk d1.raw --name web --sign-key key.pem",
                    "ovfkit create - --disk disk.vmdk --name web --compress > web.ova")),
            Map.entry("pack", List.of("ovfkit pack app/app.ovf app.ova", "ovfkit pack app/app.ovf app.ova --digest sha1 --chunk-size 2GiB")),
            Map.entry("sign", List.of("ovfkit sign app.ova --key key.pem --cert cert.pem",
                    "ovfkit sign app.ova --key key.pem --key-password-file pw.txt -o signed.ova")),
            Map.entry("manifest", List.of("ovfkit manifest app.ova", "ovfkit manifest app.ova --digest sha1 -o app-sha1.ova")),
            Map.entry("edit", List.of("ovfkit edit app.ova --cpus 4 --memory 8G", "ovfkit edit app.ova --dry-run --product-version 2.0")),
            Map.entry("targets", List.of("ovfkit targets", "ovfkit targets vsphere:6.7", "ovfkit targets portable --json")),
            Map.entry("lint", List.of("ovfkit lint app.ova --target vsphere", "ovfkit lint app.ova --target all",
                    "ovfkit lint app.ova --target aws,azure --json")),
            Map.entry("retarget", List.of("ovfkit retarget app.ova --target vsphere -o app-vsphere.ova",
                    "ovfkit retarget app.ova --target azure -o out/ --dry-run")),
            Map.entry("import", List.of("ovfkit import app.ova --to libvirt -o vm/",
                    "ovfkit import app.ova --to vmx -o vm/ --property hostname=web1")),
            Map.entry("export", List.of("ovfkit export vm/web.vmx -o web.ova", "ovfkit export domain.xml -o web.ova --digest sha1")),
            Map.entry("compose", List.of("ovfkit compose appliance.yaml -o app.ova", "ovfkit compose appliance.yaml -o - > app.ova")),
            Map.entry("completion", List.of("source <(ovfkit completion bash)", "ovfkit completion zsh > ~/.zfunc/_ovfkit",
                    "ovfkit completion fish > ~/.config/fish/completions/ovfkit.fish")),
            Map.entry("help", List.of("ovfkit help", "ovfkit help disk convert")));

    private Examples() {
    }

    /** Adds the examples to {@code cmd} and its subcommands. */
    static void apply(CommandLine cmd) {
        String qualified = cmd.getCommandSpec().qualifiedName(" ");
        String key = qualified.equals("ovfkit") ? "" : qualified.substring("ovfkit ".length());
        List<String> examples = BY_COMMAND.get(key);
        UsageMessageSpec u = cmd.getCommandSpec().usageMessage();
        if (examples != null && !u.footerHeading().contains("Examples")) {
            List<String> footer = new ArrayList<>();
            for (String e : examples) {
                footer.add("  " + e.replace("%", "%%"));
            }
            String[] own = u.footer();
            if (own.length > 0) {
                footer.addAll(List.of(own));
            }
            u.footerHeading("%nExamples:%n" + u.footerHeading());
            u.footer(footer.toArray(String[]::new));
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            apply(sub);
        }
    }
}
