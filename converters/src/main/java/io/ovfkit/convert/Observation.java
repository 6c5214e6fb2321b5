package io.ovfkit.convert;

/**
 * One value of a package that rules of one aspect judge: a fact gathered once per lint run.
 *
 * @param aspect what the value is
 * @param value the value as written ({@code ""} when absent)
 * @param place where it is
 * @param subject what it belongs to, for messages ({@code Item 7 "ethernet0"}, {@code disk1.vmdk})
 * @param id the id importers name it by in their messages (an item's InstanceID, a file's href), or {@code ""}
 */
record Observation(Aspect aspect, String value, Place place, String subject, String id) {
}
