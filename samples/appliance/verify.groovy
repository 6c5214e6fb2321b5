// The check the ovfkit build runs after building this sample (maven-plugin's invoker ITs): the OVA
// was made, verified, linted clean for vSphere and installed as an artifact of type ova.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/hello-appliance-1.0.0.ova').isFile()
assert log.contains('lint clean for target vsphere')
assert log.contains('hello-appliance-1.0.0.ova: verified')
assert log =~ /Installing .*hello-appliance-1\.0\.0\.ova to .*com\/example\/hello-appliance\/1\.0\.0\/hello-appliance-1\.0\.0\.ova/
return true
