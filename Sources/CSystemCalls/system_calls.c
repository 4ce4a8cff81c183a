#define _GNU_SOURCE
#include "system_calls.h"

#include <errno.h>
#include <fcntl.h>

int werksessies_sync_file_range_write(int fd) {
#ifdef SYNC_FILE_RANGE_WRITE
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    errno = ENOSYS;
    return -1;
#endif
}
