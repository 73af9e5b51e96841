#include "shims_common.h"
int alongside_shims_version(void) { return 1; }
