// The build failed on the spec, naming FILE:LINE:COL and what was expected; no OVA was left.
def log = new File(basedir, 'build.log').text
def spec = new File(basedir, 'src/main/ova/appliance.yaml').path
assert log.contains(spec + ":9:17: hardware.rootdisk.parent: 'scsi1' is not a controller of hardware; expected one of: (there is none)") : log
assert !new File(basedir, 'target/bad-spec-1.0.ova').exists()
return true
