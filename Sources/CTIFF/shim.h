#include <tiffio.h>
#include <geotiff/geotiff.h>
#include <geotiff/geotiffio.h>
#include <geotiff/geo_normalize.h>
#include <geotiff/geovalues.h>
#include <geotiff/geokeys.h>
