import ArgumentParser

struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "detect", abstract: "(being built)")
    func run() async throws {
        throw ValidationError("detect is being built")
    }
}
