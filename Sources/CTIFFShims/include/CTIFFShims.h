#ifndef ALONGSIDE_CTIFFSHIMS_H
#define ALONGSIDE_CTIFFSHIMS_H
#include <stdint.h>
int alongside_tiff_shims_version(void);
#endif
