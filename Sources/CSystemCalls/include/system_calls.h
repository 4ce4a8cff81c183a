// The system calls Swift's Glibc module does not export (they need _GNU_SOURCE); used only by SystemCalls.
#ifndef WERKSESSIES_SYSTEM_CALLS_H
#define WERKSESSIES_SYSTEM_CALLS_H

/// Starts the write-back of every dirty page of `fd` (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`);
/// returns 0, or -1 with errno set (ENOSYS where the call does not exist).
int werksessies_sync_file_range_write(int fd);

#endif
