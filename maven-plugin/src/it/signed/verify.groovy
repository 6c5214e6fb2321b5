// Both OVAs carry a certificate right after the manifest and verified with a valid signature.
def log = new File(basedir, 'build.log').text
['target/signed-1.0.ova', 'target/from-env.ova'].each { name ->
    def ova = new File(basedir, name)
    assert ova.isFile() : "no ${ova}"
    assert log.contains('composed ' + ova.path + ': 3 members, signed by CN=ovfkit IT test signer (test only)')
    assert log.contains(ova.path + ': verified, signature valid')
}
return true
