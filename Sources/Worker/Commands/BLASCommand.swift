import ArgumentParser
import Engine
import Foundation

/// `worker blas`: which OpenBLAS kernels this host runs, and the environment that fixes them.
struct BLASCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blas",
        abstract: "Show the OpenBLAS kernels in use; --export prints the OPENBLAS_CORETYPE to set, if any.")

    @Flag(help: "Print shell code (`export OPENBLAS_CORETYPE=…` or nothing) for other programs on this host.")
    var export = false

    func run() {
        // The worker re-executes itself before argument parsing, so inside this process the
        // kernels are already right; report what the *original* detection was via the variable.
        let forced = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        if export {
            if let forced { print("export OPENBLAS_CORETYPE=\(forced)") }
            return
        }
        print("core: \(BLAS.coreName)")
        print("config: \(BLAS.configuration)")
        print("threads: \(BLAS.threads)")
        print("OPENBLAS_CORETYPE: \(forced ?? "(not set; OpenBLAS's own detection fits this CPU)")")
    }
}
