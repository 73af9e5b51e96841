import ArgumentParser

@main
struct Alongside: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alongside",
        abstract: "Find candidate ship-to-ship transfers in satellite imagery.",
        version: AlongsideVersion.string,
        subcommands: [DetectCommand.self, InfoCommand.self, SynthCommand.self, EvalCommand.self]
    )
}

enum AlongsideVersion {
    static let string = "0.1.0"
}
