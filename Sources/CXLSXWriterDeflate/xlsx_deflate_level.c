// libxlsxwriter 1.1.4 deflates every part of a workbook at zlib's default level 6 and has no option
// to change it. For the partner workbooks (hundreds of MB of sheet XML at 100,000 participants) that
// was over a third of the Reports stage. libxlsxwriter calls minizip's zipOpenNewFileInZip4_64 through
// the dynamic linker; this executable defines the same symbol, which the dynamic linker binds first,
// and forwards every argument unchanged to minizip's own function except the compression level.
// If libxlsxwriter is linked statically with its bundled minizip this file is simply not used.

#define _GNU_SOURCE
#include "xlsx_deflate_level.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

// minizip's signature (minizip/zip.h, 1.1): zipFile is a pointer, uInt/uLong are unsigned int/long.
typedef int (*open_new_file_fn)(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                                unsigned int size_extrafield_local, const void *extrafield_global,
                                unsigned int size_extrafield_global, const char *comment, int method, int level,
                                int raw, int windowBits, int memLevel, int strategy, const char *password,
                                unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                                int zip64);

static atomic_int deflate_level = 1;
static atomic_long parts_opened = 0;
static _Atomic(open_new_file_fn) minizip_open = NULL;

void werksessies_xlsx_set_deflate_level(int level) {
    if (level < 0) level = 0;
    if (level > 9) level = 9;
    atomic_store(&deflate_level, level);
}

long werksessies_xlsx_deflate_parts(void) { return atomic_load(&parts_opened); }

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi, const void *extrafield_local,
                            unsigned int size_extrafield_local, const void *extrafield_global,
                            unsigned int size_extrafield_global, const char *comment, int method, int level, int raw,
                            int windowBits, int memLevel, int strategy, const char *password,
                            unsigned long crcForCrypting, unsigned long versionMadeBy, unsigned long flagBase,
                            int zip64) {
    open_new_file_fn real = atomic_load(&minizip_open);
    if (real == NULL) {
        real = (open_new_file_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (real == NULL) return -102;  // ZIP_PARAMERROR: libxlsxwriter reports it as a zip error
        atomic_store(&minizip_open, real);
    }
    // Only deflated parts get the level; stored parts (method 0) stay as they are.
    if (method == 8 && level != 0) {
        level = atomic_load(&deflate_level);
        atomic_fetch_add(&parts_opened, 1);
    }
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
}
