#define _GNU_SOURCE
#include "CReportDisk.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/statfs.h>
#include <sys/syscall.h>
#endif

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int rnnreport_exchange(int old_dir, const char *old_path, int new_dir, const char *new_path) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, old_dir, old_path, new_dir, new_path, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renameatx_np(old_dir, old_path, new_dir, new_path, RENAME_SWAP);
#else
    (void)old_dir; (void)old_path; (void)new_dir; (void)new_path;
    errno = ENOSYS;
    return -1;
#endif
}

int rnnreport_mount_id(int dir, const char *path, uint64_t *id) {
#if defined(__linux__) && defined(STATX_MNT_ID)
    struct statx result;
    memset(&result, 0, sizeof result);
    if (statx(dir, path, AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &result) != 0) return -1;
    if (!(result.stx_mask & STATX_MNT_ID)) {
        errno = ENOSYS;
        return -1;
    }
    *id = result.stx_mnt_id;
    return 0;
#else
    (void)dir; (void)path; (void)id;
    errno = ENOSYS;
    return -1;
#endif
}

int rnnreport_file_locks(const char *path, int *immutable, int *append_only) {
#if defined(__linux__) && defined(STATX_ATTR_IMMUTABLE) && defined(STATX_ATTR_APPEND)
    struct statx result;
    memset(&result, 0, sizeof result);
    if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &result) != 0) return -1;
    *immutable = (result.stx_attributes_mask & STATX_ATTR_IMMUTABLE) && (result.stx_attributes & STATX_ATTR_IMMUTABLE);
    *append_only = (result.stx_attributes_mask & STATX_ATTR_APPEND) && (result.stx_attributes & STATX_ATTR_APPEND);
    return 0;
#else
    (void)path; (void)immutable; (void)append_only;
    errno = ENOSYS;
    return -1;
#endif
}

int rnnreport_file_system_type(const char *path, int64_t *type) {
#if defined(__linux__)
    struct statfs result;
    if (statfs(path, &result) != 0) return -1;
    *type = (int64_t)result.f_type;
    return 0;
#else
    (void)path; (void)type;
    errno = ENOSYS;
    return -1;
#endif
}

static volatile sig_atomic_t interrupt_fd = -1;

static void write_signal_number(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    // write(2) is async-signal-safe; a full pipe (EAGAIN) only drops a repeated signal.
    ssize_t ignored = write(interrupt_fd, &byte, 1);
    (void)ignored;
    errno = saved;
}

int rnnreport_unblock_interrupts(void) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    return pthread_sigmask(SIG_UNBLOCK, &signals, NULL) == 0 ? 0 : -1;
}

int rnnreport_catch_interrupts(int fd) {
    interrupt_fd = fd;
    const int signals[] = {SIGHUP, SIGINT, SIGTERM};
    sigset_t caught;
    sigemptyset(&caught);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction previous;
        if (sigaction(signals[i], NULL, &previous) != 0) return -1;
        if (previous.sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = write_signal_number;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
        sigaddset(&caught, signals[i]);
    }
    return pthread_sigmask(SIG_UNBLOCK, &caught, NULL) == 0 ? 0 : -1;
}
