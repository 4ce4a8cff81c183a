// Where libxlsxwriter's temporary files live. In constant-memory mode libxlsxwriter writes every sheet's
// rows to a temporary file, copies them into a second temporary file when the workbook is closed and
// reads that back into the zip: at 100,000 participants that is over 400 MB through the file system
// (ext4 writes, reads, truncation on close), a sixth of the run's CPU time in the kernel.
//
// libxlsxwriter creates them with its bundled tmpfileplus(), through the dynamic linker; this executable
// defines the same symbol. Its files are memory buffers behind a stdio FILE (glibc's fopencookie), as
// long as all such buffers together stay within a budget; a file that would exceed it moves its bytes to
// a real temporary file from libxlsxwriter's own tmpfileplus and goes on there. So memory stays bounded
// for runs of any size, and a workbook never depends on the space in /tmp unless it is that large.

#define _GNU_SOURCE
#include "xlsx_io.h"
#include "xlsx_buffers.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef FILE *(*tmpfileplus_fn)(const char *dir, const char *prefix, char **pathname, int keep);

static atomic_size_t budget = (size_t)96 << 20;  // bytes of all memory files together
static atomic_size_t in_use = 0;
static atomic_long files_spilled = 0;
static _Atomic(void *) real_tmpfileplus = NULL;

void werksessies_xlsx_set_tmpfile_budget(size_t bytes) { atomic_store(&budget, bytes); }

size_t werksessies_xlsx_tmpfile_budget(void) { return atomic_load(&budget); }

long werksessies_xlsx_spilled_tmpfiles(void) { return atomic_load(&files_spilled); }

static tmpfileplus_fn libxlsxwriter_tmpfileplus(void) {
    void *found = atomic_load(&real_tmpfileplus);
    if (found == NULL) {
        found = dlsym(RTLD_NEXT, "tmpfileplus");
        if (found != NULL) atomic_store(&real_tmpfileplus, found);
    }
    return (tmpfileplus_fn)found;
}

struct memfile {
    char *data;
    size_t size, capacity, position;
    FILE *spill;  // the real file once the budget is exhausted; then every call goes there
    char *dir;
};

// Takes `extra` bytes from the shared budget; false when that would exceed it.
static int reserve(size_t extra) {
    size_t limit = atomic_load(&budget);
    size_t used = atomic_load(&in_use);
    do {
        if (used + extra > limit || used + extra < used) return 0;
    } while (!atomic_compare_exchange_weak(&in_use, &used, used + extra));
    return 1;
}

static void give_back(struct memfile *m) {
    atomic_fetch_sub(&in_use, m->capacity);
    xlsx_buffer_give(m->data, m->capacity);
    m->data = NULL;
    m->capacity = 0;
}

// Moves the file's bytes to a real temporary file; false (errno set) when that cannot be made.
static int spill(struct memfile *m) {
    tmpfileplus_fn make = libxlsxwriter_tmpfileplus();
    FILE *file = make ? make(m->dir, "werksessies.", NULL, 0) : NULL;
    if (file == NULL) {
        if (errno == 0) errno = ENOSPC;
        return 0;
    }
    if ((m->size > 0 && fwrite(m->data, 1, m->size, file) != m->size) ||
        fseeko(file, (off_t)m->position, SEEK_SET) != 0) {
        fclose(file);
        errno = EIO;
        return 0;
    }
    m->spill = file;
    give_back(m);
    atomic_fetch_add(&files_spilled, 1);
    return 1;
}

static ssize_t memfile_write(void *cookie, const char *buffer, size_t count) {
    struct memfile *m = cookie;
    if (m->spill) return (ssize_t)fwrite(buffer, 1, count, m->spill) == (ssize_t)count ? (ssize_t)count : -1;
    size_t end = m->position + count;
    if (end > m->capacity) {
        size_t wanted = xlsx_buffer_next_size(m->capacity, end);
        size_t before = m->capacity;
        void *data = m->data;
        int grown = reserve(wanted - before);
        if (grown) {
            grown = xlsx_buffer_grow(&data, &m->capacity, m->size, wanted);
            if (grown) {
                m->data = data;
                atomic_fetch_add(&in_use, m->capacity - wanted);  // a reused buffer may be larger than asked
            } else {
                atomic_fetch_sub(&in_use, wanted - before);
            }
        }
        if (!grown) {
            if (!spill(m)) return -1;
            return memfile_write(cookie, buffer, count);
        }
    }
    if (m->position > m->size) memset(m->data + m->size, 0, m->position - m->size);  // a seek past the end
    memcpy(m->data + m->position, buffer, count);
    m->position = end;
    if (end > m->size) m->size = end;
    return (ssize_t)count;
}

static ssize_t memfile_read(void *cookie, char *buffer, size_t count) {
    struct memfile *m = cookie;
    if (m->spill) {
        size_t got = fread(buffer, 1, count, m->spill);
        return got == 0 && ferror(m->spill) ? -1 : (ssize_t)got;
    }
    if (m->position >= m->size) return 0;
    size_t available = m->size - m->position;
    if (count > available) count = available;
    memcpy(buffer, m->data + m->position, count);
    m->position += count;
    return (ssize_t)count;
}

static int memfile_seek(void *cookie, off64_t *offset, int whence) {
    struct memfile *m = cookie;
    if (m->spill) {
        if (fseeko(m->spill, (off_t)*offset, whence) != 0) return -1;
        *offset = (off64_t)ftello(m->spill);
        return 0;
    }
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)m->position : (off64_t)m->size;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
        errno = EINVAL;
        return -1;
    }
    off64_t target = base + *offset;
    if (target < 0) {
        errno = EINVAL;
        return -1;
    }
    m->position = (size_t)target;
    *offset = target;
    return 0;
}

static int memfile_close(void *cookie) {
    struct memfile *m = cookie;
    int status = 0;
    if (m->spill) status = fclose(m->spill);
    give_back(m);
    free(m->dir);
    free(m);
    return status;
}

FILE *tmpfileplus(const char *dir, const char *prefix, char **pathname, int keep) {
    // A named or kept file is a real file, as libxlsxwriter asked.
    if (pathname != NULL || keep) {
        tmpfileplus_fn make = libxlsxwriter_tmpfileplus();
        return make ? make(dir, prefix, pathname, keep) : NULL;
    }
    struct memfile *m = calloc(1, sizeof *m);
    if (m == NULL) return NULL;
    if (dir != NULL && (m->dir = strdup(dir)) == NULL) {
        free(m);
        return NULL;
    }
    cookie_io_functions_t io = {
        .read = memfile_read, .write = memfile_write, .seek = memfile_seek, .close = memfile_close};
    FILE *file = fopencookie(m, "w+", io);
    if (file == NULL) {
        free(m->dir);
        free(m);
    }
    return file;
}
