import ArgumentParser

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Describe a raster or capture, like gdalinfo.")
    @Argument(help: "A GeoTIFF, PNG, STAC item JSON, or several single-band files.") var paths: [String]
    @Flag(help: "Print gdalinfo -json compatible JSON.") var json = false
    @Flag(help: "Print per-band checksums computed as gdalinfo -checksum does.") var checksum = false
    func run() async throws {
        throw ValidationError("info is being built")
    }
}
