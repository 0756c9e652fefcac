import BenchmarkSupport
import Foundation

// How fast the real coordinator dispatches and records cells, beside raw ZeroMQ measured in the
// same run. Build with `swift build -c release`, then run the CoordinatorBenchmark executable
// next to `coordinator`; the report goes to stdout (Markdown, or JSON with --json), progress
// to stderr. docs/benchmarks-coordinator.md explains the figures.

let options = BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
// A thousand fake workers need about two thousand descriptors in this process.
ResourceLimits.raiseOpenFilesToHardLimit()
do {
    let report = try CoordinatorBenchmarkRun(options: options).run()
    let text = options.json ? report.json() + "\n" : report.markdown()
    if let path = options.outputPath {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } else {
        print(text, terminator: "")
    }
} catch {
    printError("CoordinatorBenchmark: \(error)")
    exit(1)
}
