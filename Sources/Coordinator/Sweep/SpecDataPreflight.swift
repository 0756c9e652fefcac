import Datasets
import Shared

/// The data check `coordinator run` and `plan` make before anything starts (docs/spec.md §3):
/// a missing file or a class id the dataset lacks is refused here, with the spec line it is
/// about, instead of failing every cell on every worker. `--datasets-on-workers` skips it for data
/// that exists only on the workers' hosts, with a warning.
enum SpecDataPreflight {
    static func check(_ spec: SweepSpec, yaml: String, file: String, skip: Bool, log: (String) -> Void) throws {
        guard !skip else {
            log("warning: --datasets-on-workers: the datasets are not checked on this host; a missing file or class "
                + "shows up as input errors on the workers, and two in a row stop the sweep (docs/protocol.md §5.2)")
            return
        }
        let problems = SpecDataCheck.problems(in: spec)
        guard !problems.isEmpty else { return }
        let locator = SpecLocator(yaml: yaml, file: file)
        throw CoordinatorError.specDataProblems(spec: file, problems: problems.map {
            "\(locator.location(of: $0.path)): \($0.path): \($0.message)"
        })
    }
}
