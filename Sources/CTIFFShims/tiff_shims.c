#include "CTIFFShims.h"
int alongside_tiff_shims_version(void) { return 1; }
