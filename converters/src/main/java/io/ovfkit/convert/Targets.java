package io.ovfkit.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A registry of {@link TargetProfile}s by id. {@link #builtIn()} holds ovfkit's profiles:
 * {@code vsphere}, {@code workstation}, {@code virtualbox}, {@code proxmox}, {@code libvirt},
 * {@code ovirt}, {@code xen}, {@code hyperv}, {@code azure}, {@code aws}, {@code gce},
 * {@code kubevirt}, {@code vcloud} and {@code portable} (the rules of every target that imports OVAs
 * together). {@code vsphere} may name a host release, {@code vsphere:6.7} or {@code vsphere:8.0};
 * plain {@code vsphere} is {@code vsphere:7.0}. Immutable and safe to share between threads:
 * {@link #with(TargetProfile)} returns a new
 * registry holding one more (or a replaced) profile.
 */
public final class Targets {
    private static final Targets BUILT_IN = new Targets(BuiltInTargets.all());

    private final Map<String, TargetProfile> byId;

    private Targets(List<TargetProfile> profiles) {
        Map<String, TargetProfile> m = new LinkedHashMap<>();
        for (TargetProfile p : profiles) {
            m.put(p.id(), p);
        }
        this.byId = java.util.Collections.unmodifiableMap(m);
    }

    /** @return the built-in profiles */
    public static Targets builtIn() {
        return BUILT_IN;
    }

    /**
     * This registry with {@code profile} added, or replacing the profile of the same id.
     *
     * @param profile the profile
     * @return a new registry
     */
    public Targets with(TargetProfile profile) {
        List<TargetProfile> list = new ArrayList<>(byId.values());
        list.removeIf(p -> p.id().equals(profile.id()));
        list.add(profile);
        return new Targets(list);
    }

    /** @return every profile, in the order listed ({@code portable} after the built-in targets) */
    public List<TargetProfile> all() {
        return List.copyOf(byId.values());
    }

    /** @return the vSphere host releases {@code vsphere:VERSION} accepts, oldest first */
    public static List<String> vsphereVersions() {
        return List.copyOf(BuiltInTargets.VSPHERE_MAX_VMX.keySet());
    }

    /**
     * The profile of {@code id}; {@code vsphere:VERSION} for a release of {@link #vsphereVersions()}.
     *
     * @param id the id, any case
     * @return the profile, empty when there is none
     */
    public Optional<TargetProfile> find(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        TargetProfile p = byId.get(key);
        if (p != null) {
            return Optional.of(p);
        }
        if (key.startsWith("vsphere:") && byId.get("vsphere") == BUILT_IN.byId.get("vsphere")) {
            String version = key.substring("vsphere:".length());
            if (BuiltInTargets.VSPHERE_MAX_VMX.containsKey(version)) {
                return Optional.of(BuiltInTargets.vsphere(version, key));
            }
        }
        return Optional.empty();
    }

    /**
     * The profile of {@code id}.
     *
     * @param id the id
     * @return the profile
     * @throws IllegalArgumentException naming the known ids when there is none
     */
    public TargetProfile get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown target \"" + id + "\"; known: "
                + String.join(", ", byId.keySet()) + " (and vsphere:VERSION, VERSION one of "
                + String.join(", ", vsphereVersions()) + ")"));
    }

    /**
     * The profiles a user names: ids separated by commas, or {@code all} for every profile.
     *
     * @param list such as {@code vsphere:6.7,proxmox} or {@code all}
     * @return the profiles, in the order named, without repeats
     * @throws IllegalArgumentException when an id is unknown or the list is empty
     */
    public List<TargetProfile> parse(String list) {
        if (list.trim().equalsIgnoreCase("all")) {
            return all();
        }
        Map<String, TargetProfile> out = new LinkedHashMap<>();
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                TargetProfile p = get(id);
                out.putIfAbsent(p.id(), p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no target named in \"" + list + "\"");
        }
        return List.copyOf(out.values());
    }
}
