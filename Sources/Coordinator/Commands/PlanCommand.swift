import ArgumentParser
import Shared

/// `coordinator plan`: the cells a spec expands to, in dispatch order, with their keys.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List the cells of a sweep spec in dispatch order with their cell keys (nothing runs).")

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Flag(help: "Only the summary line.")
    var summary = false

    @Flag(help: "Do not check the datasets on this host (for data that exists only on the workers' hosts).")
    var datasetsOnWorkers = false

    func run() throws {
        let sweep = try SweepSpec.load(path: spec)
        let text = (try? String(contentsOfFile: spec, encoding: .utf8)) ?? ""
        try SpecDataPreflight.check(sweep, yaml: text, file: spec, skip: datasetsOnWorkers, log: { log($0) })
        let cells = sweep.cells
        let keys = sweep.cellKeys(engineVersion: WidthsweepVersion.engine)
        if !summary {
            print("order  cell                              key")
            for (i, cell) in cells.enumerated() {
                let position = String(i + 1).padding(toLength: 7, withPad: " ", startingAt: 0)
                print(position + cell.description.padding(toLength: 34, withPad: " ", startingAt: 0) + (keys[cell] ?? "?"))
            }
        }
        var line = "\(sweep.name): \(cells.count) cells = \(sweep.widths.count) widths × \(sweep.seeds.count) seeds × \(sweep.tasks.count) tasks"
        if !sweep.variants.isEmpty {
            line += " × \(sweep.variants.count) variants (\(sweep.variants.map(\.name).joined(separator: ", ")))"
        }
        print(line)
    }
}
