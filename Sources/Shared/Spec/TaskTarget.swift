/// A task's own `target_accuracy`, in the three states YAML can spell. Absent and `null` mean
/// different things, so they are different cases: reading both as "not set" let a task's
/// explicit `null` be overridden by the sweep's target.
public enum TaskTarget: Hashable, Sendable {
    /// No `target_accuracy` key: the task stops at `training.target_accuracy`, whatever it is.
    case inherited
    /// `target_accuracy: null`: the task trains `max_epochs` epochs even when the sweep sets a
    /// target.
    case noTarget
    /// `target_accuracy: x`: the task stops at validation accuracy x, whatever the sweep's.
    case accuracy(Double)

    /// The task's stopping accuracy when the sweep's is `sweepTarget`; nil trains every epoch.
    public func resolved(sweepTarget: Double?) -> Double? {
        switch self {
        case .inherited: return sweepTarget
        case .noTarget: return nil
        case .accuracy(let value): return value
        }
    }
}
