#ifndef ALONGSIDE_CPNGSHIMS_H
#define ALONGSIDE_CPNGSHIMS_H
#include <stdint.h>
int alongside_png_shims_version(void);
#endif
