#ifndef RNNREPORT_CREPORTDISK_H
#define RNNREPORT_CREPORTDISK_H

// The few system calls the Report module's Disk folder needs that Swift cannot call itself:
// renameat2 is not in Swift's Glibc module (and syscall(2) is variadic), statx's mount id neither,
// and a signal handler must be a C function that does nothing but async-signal-safe work.

#include <stdint.h>

/// Exchanges two paths atomically (Linux renameat2 with RENAME_EXCHANGE, macOS renameatx_np with
/// RENAME_SWAP). Returns 0, or -1 with errno set: EINVAL or ENOTSUP when the file system cannot
/// exchange, ENOSYS when the kernel has no renameat2 (before Linux 3.15).
int rnnreport_exchange(int old_dir, const char *old_path, int new_dir, const char *new_path);

/// Stores the id of the mount that holds `path` (relative to `dir`, symbolic links not followed)
/// in `id`. Returns 0, or -1 with errno set (ENOSYS where statx or its mount id is unavailable).
int rnnreport_mount_id(int dir, const char *path, uint64_t *id);

/// Whether the file at `path` (symbolic links not followed) is marked immutable (`chattr +i`) or
/// append-only (`chattr +a`), from statx(2)'s attributes: either refuses to be replaced by a rename.
/// Stores 1 or 0 in `immutable` and `append_only`. Returns 0, or -1 with errno set (ENOSYS where
/// statx or these attributes are unavailable).
int rnnreport_file_locks(const char *path, int *immutable, int *append_only);

/// Stores the `f_type` of the file system that holds `path` (statfs(2), Linux) in `type`.
/// Returns 0, or -1 with errno set (ENOSYS elsewhere).
int rnnreport_file_system_type(const char *path, int64_t *type);

/// Unblocks SIGHUP, SIGINT and SIGTERM in the calling thread, leaving their actions as they are: for a
/// process that does not catch them (it could not start the thread that handles them), so that
/// they end it even when it was started from a thread that blocks them. Returns 0, or -1.
int rnnreport_unblock_interrupts(void);

/// Installs a handler for SIGHUP, SIGINT and SIGTERM that writes the signal's number, as one byte, to
/// `fd` (which should be the non-blocking write end of a pipe) and does nothing else. A signal
/// that is ignored when this is called (SIGINT in a background job of a shell without job
/// control, SIGHUP under nohup) stays ignored. The caught signals are unblocked in the calling thread: a process started from a
/// thread that blocks them (libdispatch's worker threads block them, and a child inherits the
/// mask) would otherwise never receive them. Returns 0, or -1 with errno set.
int rnnreport_catch_interrupts(int fd);

#endif
