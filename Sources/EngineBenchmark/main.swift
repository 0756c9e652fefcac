import BenchmarkSupport
import Engine
import Foundation

// Engine speed against the sgemm rate measured in the same run. Run with
// `swift run -c release --scratch-path .build-bench EngineBenchmark [options]`;
// the report goes to stdout (Markdown, or JSON with --json), progress to stderr.

let options = BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
let (machine, cpuFlags) = MachineDescription.read()
CoreTypeGuard.ensureFittingKernels(cpuFlags: cpuFlags, keepCore: options.keepCore)
printError("EngineBenchmark: " + machine.summary)

let report = BenchmarkRun(options: options, machine: machine).run()
let text = options.json ? report.json() + "\n" : report.markdown()
if let path = options.outputPath {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        printError("EngineBenchmark: cannot write \(path): \(error)")
        exit(1)
    }
} else {
    print(text, terminator: "")
}
