/**
 * A read-only summary of a descriptor for people and scripts: {@link io.ovfkit.ovf.info.DescriptorInfo}
 * gathers the facts a user asks first (version, virtual systems with CPUs, memory and OS, files,
 * disks, networks, properties, deployment options, what the reader noticed) into immutable records
 * with plain values: numbers in bytes, {@code null} for what is absent or cannot be computed.
 *
 * <p>The CLI's {@code ovfkit info} prints it, as text or as JSON whose fields are the record
 * components; any other front end can do the same without repeating the rules below.
 */
package io.ovfkit.ovf.info;
