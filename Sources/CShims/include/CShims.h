#ifndef ALONGSIDE_CSHIMS_H
#define ALONGSIDE_CSHIMS_H
// The only compiled C in Alongside. Each area has its own header below;
// this umbrella includes them all.
#include "shims_common.h"
#endif
