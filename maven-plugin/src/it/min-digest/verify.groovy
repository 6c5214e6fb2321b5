// Build 1 (minDigest sha1) verified; build 2 (sha256) failed naming the manifest and both digests;
// build 3 (md5) failed naming the parameter.
def log = new File(basedir, 'build.log').text
def ova = new File(basedir, 'target/min-digest-1.0.ova')
assert ova.isFile() : "no ${ova}"
assert log.contains(ova.path + ': verified, not signed') : log
assert log.contains('min-digest-1.0.mf: uses SHA1, weaker than the minimum digest SHA256') : log
assert log.contains(ova.path + ' does not verify: ') : log
assert log.contains("ovfkit:verify minDigest: unknown digest algorithm 'md5'") : log
return true
