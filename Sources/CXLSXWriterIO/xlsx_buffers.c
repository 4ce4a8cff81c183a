// Large byte buffers reused across libxlsxwriter's temporary files and zip parts. Every partner workbook
// needs a few buffers of the size of its sheets (the rows, the assembled sheet, the part to deflate and
// its deflated form); fresh ones each time cost a page fault and a zeroed page per 4 KB, which at 100,000
// participants was most of the run's kernel time. Returned buffers wait here (up to a bounded total)
// for the next workbook instead of going back to the operating system.

#include "xlsx_buffers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 8 };
static const size_t pool_limit = (size_t)64 << 20;  // bytes kept for reuse, in total

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    void *data;
    size_t capacity;
} slots[SLOTS];
static size_t pooled = 0;

void *xlsx_buffer_take(size_t minimum, size_t *capacity) {
    pthread_mutex_lock(&lock);
    int best = -1;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].data != NULL && slots[i].capacity >= minimum &&
            (best < 0 || slots[i].capacity < slots[best].capacity)) {
            best = i;
        }
    }
    if (best >= 0) {
        void *data = slots[best].data;
        *capacity = slots[best].capacity;
        pooled -= slots[best].capacity;
        slots[best].data = NULL;
        slots[best].capacity = 0;
        pthread_mutex_unlock(&lock);
        return data;
    }
    pthread_mutex_unlock(&lock);
    void *data = malloc(minimum);
    *capacity = data != NULL ? minimum : 0;
    return data;
}

void xlsx_buffer_give(void *data, size_t capacity) {
    if (data == NULL) return;
    pthread_mutex_lock(&lock);
    // Keep it if there is room; else replace the smallest kept buffer if this one is larger.
    int slot = -1;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].data == NULL) {
            slot = i;
            break;
        }
        if (slot < 0 || slots[i].capacity < slots[slot].capacity) slot = i;
    }
    void *dropped = NULL;
    if (slot >= 0 && (slots[slot].data == NULL || slots[slot].capacity < capacity) &&
        pooled - slots[slot].capacity + capacity <= pool_limit) {
        dropped = slots[slot].data;
        pooled = pooled - slots[slot].capacity + capacity;
        slots[slot].data = data;
        slots[slot].capacity = capacity;
    } else {
        dropped = data;
    }
    pthread_mutex_unlock(&lock);
    free(dropped);
}

size_t xlsx_buffer_next_size(size_t capacity, size_t minimum) {
    size_t wanted = capacity < ((size_t)1 << 16) ? ((size_t)1 << 16) : capacity;
    while (wanted < minimum) wanted *= 2;
    return wanted;
}

int xlsx_buffer_grow(void **data, size_t *capacity, size_t used, size_t minimum) {
    if (*capacity >= minimum) return 1;
    size_t wanted = xlsx_buffer_next_size(*capacity, minimum);
    size_t got = 0;
    void *grown = xlsx_buffer_take(wanted, &got);
    if (grown == NULL) return 0;
    if (used > 0) memcpy(grown, *data, used);
    xlsx_buffer_give(*data, *capacity);
    *data = grown;
    *capacity = got;
    return 1;
}
