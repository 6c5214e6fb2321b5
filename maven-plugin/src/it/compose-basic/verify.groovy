// The OVA exists, was attached and checked; its first member is the descriptor.
def ova = new File(basedir, 'target/compose-basic-1.0.ova')
assert ova.isFile() : "no ${ova}"
def log = new File(basedir, 'build.log').text
assert log.contains('composed ' + ova.path) : 'compose did not say what it wrote'
assert log.contains('lint clean for target vsphere')
assert log.contains('verified, not signed')
assert log.contains('created ' + new File(basedir, 'target/root.qcow2').path)
// The first tar header names the descriptor.
def head = new byte[100]
ova.withInputStream { it.read(head) }
assert new String(head, 'US-ASCII').startsWith('compose-basic-1.0.ovf') : new String(head, 'US-ASCII')
return true
