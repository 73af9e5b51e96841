import ArgumentParser

/// `alongside-bench`: throughput and peak memory of Alongside's stages, for `make bench`
/// (scripts/bench.sh) and docs/performance.md. Not part of `alongside`: it times, the tool does not.
@main
struct AlongsideBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alongside-bench",
        abstract: "Per-stage throughput (Mpx/s) and peak memory of Alongside. Build with -c release.",
        discussion: """
            `stages BEFORE AFTER` decodes both captures and reports the pipeline's own stage clocks on the real \
            pixels; `kernels` times every Detection kernel on a synthetic scene. Mpx/s is the pixels \
            of ONE capture divided by the stage's wall time. See docs/performance.md.
            """,
        subcommands: [StagesCommand.self, KernelsCommand.self]
    )
}
