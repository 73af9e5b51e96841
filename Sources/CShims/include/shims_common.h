#ifndef ALONGSIDE_SHIMS_COMMON_H
#define ALONGSIDE_SHIMS_COMMON_H
#include <stddef.h>
#include <stdint.h>
/// Version of the shim layer (lets Swift check it linked the expected shim).
int alongside_shims_version(void);
#endif
