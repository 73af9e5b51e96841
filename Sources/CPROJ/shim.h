#include <proj.h>
#include <geodesic.h>
#include <proj_experimental.h>
