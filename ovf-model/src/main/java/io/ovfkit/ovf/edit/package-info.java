/**
 * Editing descriptors as appliance maintainers do: {@link io.ovfkit.ovf.edit.DescriptorEditor}
 * changes hardware, product texts, properties, deployment options and file references through the
 * lossless model (only the edited elements change when the descriptor is written back), and
 * {@link io.ovfkit.ovf.edit.UnifiedDiff} shows the change as a unified diff.
 */
package io.ovfkit.ovf.edit;
