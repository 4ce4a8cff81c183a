// Large byte buffers reused across libxlsxwriter's temporary files and zip parts (internal to this module).
#ifndef WERKSESSIES_XLSX_BUFFERS_H
#define WERKSESSIES_XLSX_BUFFERS_H

#include <stddef.h>

/// A buffer of at least `minimum` bytes (its real size in `capacity`), reused when one is kept; NULL when out of memory.
void *xlsx_buffer_take(size_t minimum, size_t *capacity);

/// Returns a buffer for reuse (or frees it when the pool is full); NULL is ignored.
void xlsx_buffer_give(void *data, size_t capacity);

/// The size a buffer of `capacity` bytes grows to for `minimum` bytes: doubling, from 64 KB.
size_t xlsx_buffer_next_size(size_t capacity, size_t minimum);

/// Grows `*data` (holding `used` bytes) to at least `minimum` bytes, doubling; 0 when out of memory.
int xlsx_buffer_grow(void **data, size_t *capacity, size_t used, size_t minimum);

#endif
