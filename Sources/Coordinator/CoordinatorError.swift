/// What can stop the coordinator, each case a one-line message naming the problem and what to do.
enum CoordinatorError: Error, CustomStringConvertible {
    /// The edited spec changes what existing cells mean (docs/spec.md §9); lists each change.
    case specChangesMeaning(directory: String, changes: [String])
    /// The journal's spec no longer parses (edited by hand, or from a newer widthsweep).
    case storedSpecUnreadable(path: String, problem: String)
    /// A non-loopback bind without CURVE keys and without `--insecure` (docs/protocol.md §7.4).
    case insecureBind(endpoint: String, keysDirectory: String)
    /// The spec's data fails its checks on this host (`SpecDataCheck`): one line per problem,
    /// located like a spec error.
    case specDataProblems(spec: String, problems: [String])
    /// `coordinator.json` exists but is not what `coordinator run` writes.
    case corruptContactFile(path: String, problem: String)
    /// No coordinator is serving the sweep directory.
    case notRunning(directory: String)
    /// `coordinator.json` names a coordinator process that no longer exists (it was killed).
    case staleContact(directory: String, pid: Int32)
    /// `coordinator.json` names a coordinator on another machine that listens on loopback only.
    case loopbackOnElsewhere(directory: String, host: String)
    /// A status or cancel request got no reply in time.
    case noReply(endpoint: String, seconds: Int)
    /// The journal refused a commit: nothing was acknowledged; workers keep their results.
    case journalCommitFailed(problem: String)
    /// A local worker process could not be started.
    case spawnFailed(executable: String, errno: Int32)
    /// A command-line value that makes no sense.
    case invalidOption(String)
    /// A system call the coordinator cannot run without failed (signalfd at start-up).
    case systemCall(String)

    var description: String {
        switch self {
        case .specChangesMeaning(let directory, let changes):
            return "the spec changes what cells already in \(directory) mean: " + changes.joined(separator: "; ")
                + ". Use a new --dir, or pass --start-over to set the old journal aside."
        case .storedSpecUnreadable(let path, let problem):
            return "the spec stored in the journal at \(path) no longer parses (\(problem)); use a new --dir"
        case .insecureBind(let endpoint, let keys):
            return "refusing to bind \(endpoint) without CURVE keys: run `coordinator keys init --keys \(keys)` "
                + "and add workers with `coordinator keys add NAME`, or pass --insecure to accept any peer (docs/protocol.md §7.4)"
        case .specDataProblems(let spec, let problems):
            return "the data \(spec) names would fail every cell that uses it:\n" + problems.joined(separator: "\n")
                + "\n(checked on this host; if the data exists only on the workers' hosts, pass --datasets-on-workers)"
        case .corruptContactFile(let path, let problem):
            return "\(path) is not a coordinator contact file (\(problem)); delete it if no coordinator runs"
        case .notRunning(let directory):
            return "no coordinator is running for \(directory) (no coordinator.json); start one with `coordinator run`"
        case .staleContact(let directory, let pid):
            return "no coordinator is running for \(directory): its coordinator.json names pid \(pid), which has exited "
                + "(killed without cleaning up); `coordinator run` on the same directory resumes the sweep"
        case .loopbackOnElsewhere(let directory, let host):
            return "the coordinator for \(directory) runs on \(host) and listens on loopback only; run this command on \(host)"
        case .noReply(let endpoint, let seconds):
            return "no reply from the coordinator at \(endpoint) within \(seconds) s; is it running, and are the keys right?"
        case .journalCommitFailed(let problem):
            return "journal commit failed, stopping without acknowledging anything: \(problem)"
        case .spawnFailed(let executable, let errno):
            return "could not start local worker \(executable): errno \(errno)"
        case .invalidOption(let text):
            return text
        case .systemCall(let text):
            return text
        }
    }
}
