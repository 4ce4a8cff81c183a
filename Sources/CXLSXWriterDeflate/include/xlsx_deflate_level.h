#ifndef WERKSESSIES_XLSX_DEFLATE_LEVEL_H
#define WERKSESSIES_XLSX_DEFLATE_LEVEL_H

/// Sets the zlib level (0-9) libxlsxwriter's zip parts are deflated with, for workbooks closed after this call.
void werksessies_xlsx_set_deflate_level(int level);

/// The number of zip parts opened at the level set here (0 when the level could not be applied on this platform).
long werksessies_xlsx_deflate_parts(void);

#endif
