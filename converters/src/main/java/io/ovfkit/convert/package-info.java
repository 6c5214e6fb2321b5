/**
 * Moving appliances between hypervisors and clouds: target profiles (what each importer accepts),
 * lint against them, and retargeting.
 */
package io.ovfkit.convert;
