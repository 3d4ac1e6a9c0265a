#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: its `errno`, and what it means in the words of rnnreport's messages
/// (never Foundation's, whose "NSCocoaErrorDomain error 512" names nothing a user can act on).
struct SystemCallError: Error, Equatable {
    var code: Int32

    /// The `errno` the last failed call left.
    static var last: SystemCallError { SystemCallError(code: errno) }

    /// A short phrase to put after "cannot … PATH: ".
    var reason: String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC: "no space left on the device"
        case EDQUOT: "the disk quota is exceeded"
        case ENOENT: "it does not exist"
        case ENOTDIR: "a part of the path is a file, not a directory"
        case EISDIR: "it is a directory"
        case ELOOP: "too many levels of symbolic links"
        case ENAMETOOLONG: "the name is too long"
        case EEXIST: "something of that name already exists"
        case ENOTEMPTY: "the directory is not empty"
        case EBUSY: "it is in use, for example as a mount point"
        case EXDEV: "it is on another file system"
        case EMLINK: "too many links"
        case EIO: "an input/output error"
        default: String(cString: strerror(code))
        }
    }
}
