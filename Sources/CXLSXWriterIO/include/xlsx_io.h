#ifndef WERKSESSIES_XLSX_DEFLATE_LEVEL_H
#define WERKSESSIES_XLSX_DEFLATE_LEVEL_H

#include <stddef.h>

/// Sets the deflate level (0-9) of libxlsxwriter's zip parts, for workbooks closed after this call.
void werksessies_xlsx_set_deflate_level(int level);

/// The number of zip parts deflated here so far (0 when libxlsxwriter's own minizip is used on this platform).
long werksessies_xlsx_deflate_parts(void);

/// Sets the largest part (in bytes) deflated whole by libdeflate; larger parts are deflated by zlib as a stream.
void werksessies_xlsx_set_buffer_limit(size_t bytes);

/// The largest part deflated whole (see werksessies_xlsx_set_buffer_limit).
size_t werksessies_xlsx_buffer_limit(void);

/// The number of parts that outgrew the buffer limit and were deflated as a stream.
long werksessies_xlsx_streamed_parts(void);

/// Sets how many bytes libxlsxwriter's temporary files may hold in memory together; beyond it they are real files.
void werksessies_xlsx_set_tmpfile_budget(size_t bytes);

/// The memory budget of libxlsxwriter's temporary files (see werksessies_xlsx_set_tmpfile_budget).
size_t werksessies_xlsx_tmpfile_budget(void);

/// The number of temporary files so far that outgrew the budget and moved to a real file.
long werksessies_xlsx_spilled_tmpfiles(void);

/// Starts writing a finished file's dirty pages to disk without waiting (0 on success; a no-op off Linux).
int werksessies_start_writeback(const char *path);

#endif
