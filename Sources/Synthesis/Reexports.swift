/// Synthesis's users get the package's seeded generator with it (it lived here first).
@_exported import struct Raster.SplitMix64
