import Foundation

/// Whether `a` and `b` name the same existing file (the same device and inode), however each is
/// written: through symbolic links, `..` or another spelling.
func isSameFile(_ a: String, _ b: String) -> Bool {
    var first = stat(), second = stat()
    return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev && first.st_ino == second.st_ino
}
