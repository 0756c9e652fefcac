/// Whether this process should start again with other OpenBLAS kernels, and what to say about it.
/// The engine decides; the executable carries it out (ProcessControl's `ProcessRestart`), because
/// replacing the process is not a library's business.
public struct CoreTypeRestart: Equatable, Sendable {
    /// A line worth logging now, if any.
    public var note: String?
    /// The variables to set before re-executing; empty when no restart is wanted.
    public var environment: [String: String]
    /// The core OpenBLAS runs now.
    public var currentCore: String

    /// The line to log when the restart could not happen.
    public func failureNote(_ reason: String) -> String {
        "could not restart (\(reason)); continuing with \(currentCore) kernels"
    }
}

extension CoreTypeSelection {
    /// Set in a restarted process to the core name OpenBLAS had picked before the restart; its
    /// presence also stops a second restart if forcing the core did not take.
    public static let restartMarker = "WIDTHSWEEP_OPENBLAS_RESTARTED_FROM"

    /// A restart with `OPENBLAS_CORETYPE` set when OpenBLAS picked legacy kernels for a CPU that
    /// runs faster ones. None when the kernels fit, when the user set `OPENBLAS_CORETYPE`
    /// themselves, or after a restart already happened (then the note says how it went).
    ///
    /// The kernels are chosen in OpenBLAS's load-time constructor, so setting the variable
    /// in-process is too late; starting again is the only fix (docs/architecture.md §8).
    public static func restartPlan(coreName core: String = BLAS.coreName, cpuFlags: Set<String>,
                                   environment: [String: String]) -> CoreTypeRestart {
        var plan = CoreTypeRestart(note: nil, environment: [:], currentCore: core)
        if let previous = environment[restartMarker] {
            let forced = environment["OPENBLAS_CORETYPE"] ?? "?"
            plan.note = override(coreName: core, cpuFlags: cpuFlags) != nil
                ? "still on legacy OpenBLAS kernels (\(core)) after forcing OPENBLAS_CORETYPE=\(forced); running below the hardware's speed"
                : "restarted with OPENBLAS_CORETYPE=\(forced) (OpenBLAS had picked \(previous)); now using \(core)"
            return plan
        }
        guard environment["OPENBLAS_CORETYPE"] == nil, let wanted = override(coreName: core, cpuFlags: cpuFlags) else { return plan }
        plan.note = "OpenBLAS picked \(core), a legacy kernel for this CPU; restarting with OPENBLAS_CORETYPE=\(wanted)"
        plan.environment = ["OPENBLAS_CORETYPE": wanted, restartMarker: core]
        return plan
    }
}
