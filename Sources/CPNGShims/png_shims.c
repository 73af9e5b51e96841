#include "CPNGShims.h"
int alongside_png_shims_version(void) { return 1; }
