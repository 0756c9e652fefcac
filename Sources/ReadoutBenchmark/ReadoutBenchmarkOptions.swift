/// Command-line options of ReadoutBenchmark (see main.swift for what each does).
struct ReadoutBenchmarkOptions {
    var widths = [64, 256, 1024, 4096]
    /// Training examples per fine class: the default sweep's largest budget.
    var perClass = 1000
    /// One OpenBLAS thread: a cell runs on one (`training.threads` default).
    var threads = 1
    /// Each timed fit runs this many times; the fastest counts (the VM is shared).
    var rounds = 3
    /// Strengths of the single cold-start fits: 10⁻² is what the default sweep's readouts mostly
    /// choose at 1,000 per class; 10⁻⁴ is a weakly regularised, slower fit.
    var strengths = [1e-2, 1e-4]
    var data = "/usr/share/datasets/fashion-mnist"
    var output: String?

    static func parse(_ arguments: [String]) -> ReadoutBenchmarkOptions {
        var options = ReadoutBenchmarkOptions()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--widths": options.widths = value.split(separator: ",").map { positive(flag, String($0)) }
            case "--per-class": options.perClass = positive(flag, value)
            case "--threads": options.threads = positive(flag, value)
            case "--rounds": options.rounds = positive(flag, value)
            case "--data": options.data = value
            case "--output": options.output = value
            default: fail("unknown option \(flag) (known: --widths --per-class --threads --rounds --data --output)")
            }
        }
        return options
    }

    private static func positive(_ flag: String, _ value: String) -> Int {
        guard let n = Int(value), n > 0 else { fail("\(flag) needs positive integers, got \(value)") }
        return n
    }
}
