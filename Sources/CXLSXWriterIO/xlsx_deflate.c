// How libxlsxwriter's zip parts are compressed. libxlsxwriter 1.1.4 deflates every part of a workbook
// through minizip at zlib's default level 6 and has no option to change it. For the partner workbooks
// (hundreds of MB of sheet XML at 100,000 participants) deflate was the largest single cost of the run.
//
// libxlsxwriter calls minizip's zipOpenNewFileInZip4_64, zipWriteInFileInZip and zipCloseFileInZip
// through the dynamic linker; this executable defines the same symbols, which the dynamic linker binds
// first. The open opens the part in minizip's raw mode instead, so that minizip stores what it is given;
// the writes collect the part's XML (and its CRC-32); the close deflates it in one call to libdeflate at
// the level set here (about 3 times as fast as zlib's level 1, and smaller), writes the result and closes
// the part with minizip's zipCloseFileInZipRaw64, which records the size and CRC-32 in the zip headers.
// A part that outgrows the buffer limit (a sheet of a very large run) is deflated by zlib as a stream
// instead, so memory stays bounded. Everything else minizip does (headers, zip64, the central
// directory) is minizip's own. If libxlsxwriter is linked statically with its bundled minizip this file
// is simply not used, and parts are deflated as libxlsxwriter does it.

#define _GNU_SOURCE
#include "xlsx_io.h"
#include "xlsx_buffers.h"

#include <dlfcn.h>
#include <libdeflate.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

// minizip's signatures (minizip/zip.h, 1.1): zipFile is a pointer, uInt/uLong are unsigned int/long,
// ZPOS64_T is a 64-bit unsigned integer.
typedef int (*open_new_file_fn)(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                                unsigned int size_extrafield_local, const void *extrafield_global,
                                unsigned int size_extrafield_global, const char *comment, int method, int level,
                                int raw, int windowBits, int memLevel, int strategy, const char *password,
                                unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                                int zip64);
typedef int (*write_fn)(void *file, const void *buf, unsigned int len);
typedef int (*close_fn)(void *file);
typedef int (*close_raw_fn)(void *file, uint64_t uncompressed_size, unsigned long crc32);

enum { ZIP_OK = 0, ZIP_ERRNO = -1, ZIP_PARAMERROR = -102, ZIP_INTERNALERROR = -104, DEFLATED = 8 };

static atomic_int deflate_level = 1;
static atomic_long parts_opened = 0;
static atomic_long parts_streamed = 0;
static atomic_size_t buffer_limit = (size_t)32 << 20;

static _Atomic(void *) minizip_open = NULL;
static _Atomic(void *) minizip_write = NULL;
static _Atomic(void *) minizip_close = NULL;
static _Atomic(void *) minizip_close_raw = NULL;

void werksessies_xlsx_set_deflate_level(int level) {
    if (level < 0) level = 0;
    if (level > 9) level = 9;
    atomic_store(&deflate_level, level);
}

long werksessies_xlsx_deflate_parts(void) { return atomic_load(&parts_opened); }

void werksessies_xlsx_set_buffer_limit(size_t bytes) { atomic_store(&buffer_limit, bytes); }

size_t werksessies_xlsx_buffer_limit(void) { return atomic_load(&buffer_limit); }

long werksessies_xlsx_streamed_parts(void) { return atomic_load(&parts_streamed); }

// minizip's own function `name`, looked up once (NULL when this process has no minizip).
static void *minizip(const char *name, _Atomic(void *) *cache) {
    void *found = atomic_load(cache);
    if (found == NULL) {
        found = dlsym(RTLD_NEXT, name);
        if (found != NULL) atomic_store(cache, found);
    }
    return found;
}

// The part this thread is writing (a workbook is written by one thread, one part at a time).
struct part {
    void *file;  // the zipFile whose open part is ours; NULL when none
    int level;
    uint32_t crc;
    uint64_t total;
    unsigned char *data;  // the part so far, while it fits the buffer limit
    size_t size, capacity;
    int streaming;  // 1 once the part outgrew the limit: zlib deflates it as it comes
    z_stream stream;
    unsigned char *chunk;
};
static _Thread_local struct part current;
enum { CHUNK = 1 << 16 };

static void release(struct part *p) {
    if (p->streaming) deflateEnd(&p->stream);
    xlsx_buffer_give(p->data, p->capacity);
    free(p->chunk);
    memset(p, 0, sizeof *p);
}

// Writes bytes through minizip (which stores them: the part is raw), in pieces minizip's `unsigned` takes.
static int store(void *file, const unsigned char *bytes, size_t count) {
    write_fn write = (write_fn)minizip("zipWriteInFileInZip", &minizip_write);
    if (write == NULL) return ZIP_INTERNALERROR;
    while (count > 0) {
        unsigned int piece = count > (1u << 30) ? (1u << 30) : (unsigned int)count;
        int error = write(file, bytes, piece);
        if (error != ZIP_OK) return error;
        bytes += piece;
        count -= piece;
    }
    return ZIP_OK;
}

// Runs zlib over `count` bytes (flush: Z_NO_FLUSH or Z_FINISH) and stores what it produces.
static int stream(struct part *p, const unsigned char *bytes, size_t count, int flush) {
    p->stream.next_in = (Bytef *)bytes;
    p->stream.avail_in = (uInt)count;
    for (;;) {
        p->stream.next_out = p->chunk;
        p->stream.avail_out = CHUNK;
        int status = deflate(&p->stream, flush);
        if (status == Z_STREAM_ERROR) return ZIP_INTERNALERROR;
        size_t produced = CHUNK - p->stream.avail_out;
        if (produced > 0) {
            int error = store(p->file, p->chunk, produced);
            if (error != ZIP_OK) return error;
        }
        if (flush == Z_FINISH ? status == Z_STREAM_END : p->stream.avail_in == 0 && p->stream.avail_out != 0) {
            return ZIP_OK;
        }
    }
}

// Switches a part that outgrew the buffer to zlib: what was buffered goes first.
static int start_streaming(struct part *p) {
    p->chunk = malloc(CHUNK);
    if (p->chunk == NULL) return ZIP_INTERNALERROR;
    if (deflateInit2(&p->stream, p->level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return ZIP_INTERNALERROR;
    }
    p->streaming = 1;
    atomic_fetch_add(&parts_streamed, 1);
    int error = stream(p, p->data, p->size, Z_NO_FLUSH);
    xlsx_buffer_give(p->data, p->capacity);
    p->data = NULL;
    p->size = p->capacity = 0;
    return error;
}

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                            unsigned int size_extrafield_local, const void *extrafield_global,
                            unsigned int size_extrafield_global, const char *comment, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy, const char *password,
                            unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                            int zip64) {
    open_new_file_fn real = (open_new_file_fn)minizip("zipOpenNewFileInZip4_64", &minizip_open);
    if (real == NULL) return ZIP_PARAMERROR;  // libxlsxwriter reports it as a zip error
    release(&current);  // a part left open by a failed workbook
    // Only parts minizip would deflate are taken over; stored parts (method 0) stay as they are.
    int ours = method == DEFLATED && level != 0 && !raw && password == NULL;
    if (ours) {
        level = atomic_load(&deflate_level);
        atomic_fetch_add(&parts_opened, 1);
    }
    int error = real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                     size_extrafield_global, comment, method, level, ours ? 1 : raw, windowBits, memLevel, strategy,
                     password, crcForCrypting, versionMadeBy, flagBase, zip64);
    if (error == ZIP_OK && ours) {
        current.file = file;
        current.level = level;
    }
    return error;
}

int zipWriteInFileInZip(void *file, const void *buf, unsigned int len) {
    struct part *p = &current;
    if (p->file == NULL || p->file != file) {
        write_fn real = (write_fn)minizip("zipWriteInFileInZip", &minizip_write);
        return real == NULL ? ZIP_INTERNALERROR : real(file, buf, len);
    }
    if (len == 0) return ZIP_OK;
    p->crc = (uint32_t)libdeflate_crc32(p->crc, buf, len);
    p->total += len;
    if (p->streaming) return stream(p, buf, len, Z_NO_FLUSH);
    if (p->size + len > atomic_load(&buffer_limit)) {
        int error = start_streaming(p);
        return error != ZIP_OK ? error : stream(p, buf, len, Z_NO_FLUSH);
    }
    void *data = p->data;
    if (!xlsx_buffer_grow(&data, &p->capacity, p->size, p->size + len)) return ZIP_INTERNALERROR;
    p->data = data;
    memcpy(p->data + p->size, buf, len);
    p->size += len;
    return ZIP_OK;
}

// Deflates a buffered part in one call (libdeflate needs the whole input) and stores the result.
static int deflate_whole(struct part *p) {
    struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(p->level);
    if (compressor == NULL) return ZIP_INTERNALERROR;
    size_t capacity = 0;
    unsigned char *out = xlsx_buffer_take(libdeflate_deflate_compress_bound(compressor, p->size), &capacity);
    int error = ZIP_INTERNALERROR;
    if (out != NULL) {
        size_t produced = libdeflate_deflate_compress(compressor, p->data, p->size, out, capacity);
        if (produced > 0) error = store(p->file, out, produced);
        xlsx_buffer_give(out, capacity);
    }
    libdeflate_free_compressor(compressor);
    return error;
}

int zipCloseFileInZip(void *file) {
    struct part *p = &current;
    if (p->file == NULL || p->file != file) {
        close_fn real = (close_fn)minizip("zipCloseFileInZip", &minizip_close);
        return real == NULL ? ZIP_INTERNALERROR : real(file);
    }
    int error = p->streaming ? stream(p, NULL, 0, Z_FINISH) : deflate_whole(p);
    uint64_t total = p->total;
    unsigned long crc = p->crc;
    release(p);
    close_raw_fn close_raw = (close_raw_fn)minizip("zipCloseFileInZipRaw64", &minizip_close_raw);
    if (close_raw == NULL) return ZIP_INTERNALERROR;
    // Closed in any case (minizip's state stays consistent); the first error is the one reported.
    int closed = close_raw(file, total, crc);
    return error != ZIP_OK ? error : closed;
}
