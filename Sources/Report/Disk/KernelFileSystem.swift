import CReportDisk

/// The kernel's own file systems (`/proc`, `/sys` and their kind), which show the kernel's state
/// as files and cannot hold a report: creating a folder there fails with "no such file" or
/// "operation not permitted", which would not tell the user why.
enum KernelFileSystem {
    /// The name of the kernel file system that holds `path`, or `nil` for an ordinary one.
    static func name(at path: String) -> String? {
        var type: Int64 = 0
        guard rnnreport_file_system_type(path, &type) == 0 else { return nil }
        return names[UInt64(truncatingIfNeeded: type)]
    }

    /// Magic numbers of `statfs(2)`'s `f_type`, from Linux's `include/uapi/linux/magic.h`.
    private static let names: [UInt64: String] = [
        0x9FA0: "proc",
        0x6265_6572: "sysfs",
        0x0027_E0EB: "cgroup",
        0x6367_7270: "cgroup2",
        0x6462_6720: "debugfs",
        0x7472_6163: "tracefs",
        0x7363_6673: "securityfs",
        0x6265_6570: "configfs",
        0xCAFE_4A11: "bpf",
        0x6165_676C: "pstore",
        0xDE5E_81E4: "efivarfs",
        0x0000_1CD1: "devpts",
    ]
}
