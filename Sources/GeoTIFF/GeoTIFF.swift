// The GeoTIFF module; see docs/architecture.md.
