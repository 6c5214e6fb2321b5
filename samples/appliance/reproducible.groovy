// The ovfkit build builds this sample twice, in two folders (maven-plugin's invoker ITs): the second
// build's OVA must equal the first's byte for byte.
def mine = new File(basedir, 'target/hello-appliance-1.0.0.ova')
def first = new File(basedir, '../../samples-a/appliance/target/hello-appliance-1.0.0.ova')
assert mine.isFile() && first.isFile()
assert mine.canonicalPath != first.canonicalPath
assert mine.bytes == first.bytes : "${mine} and ${first} differ"
println "byte-identical: ${mine} and ${first} (${mine.length()} bytes)"
return true
