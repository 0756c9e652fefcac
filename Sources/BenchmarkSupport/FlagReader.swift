import Glibc

/// The benchmarks' command lines, read by hand: they are not worth an argument-parser dependency,
/// but every one of them should refuse a bad value the same way — the problem, then the usage,
/// exit status 2.
public struct FlagReader {
    private let program: String
    private let usage: String
    private var rest: ArraySlice<String>

    /// `arguments` without the program name.
    public init(program: String, usage: String, arguments: [String]) {
        self.program = program
        self.usage = usage
        rest = arguments[...]
    }

    /// The next flag, or nil at the end; `-h` and `--help` print the usage and exit 0.
    public mutating func nextFlag() -> String? {
        guard let flag = rest.popFirst() else { return nil }
        if flag == "-h" || flag == "--help" {
            print(usage)
            exit(0)
        }
        return flag
    }

    /// Says what is wrong, then the usage, on stderr, and exits 2.
    public func fail(_ message: String) -> Never {
        printError("\(program): \(message)\n\(usage)")
        exit(2)
    }

    public func unknown(_ flag: String) -> Never { fail("unknown argument '\(flag)'") }

    /// The value after `flag`.
    public mutating func value(_ flag: String) -> String {
        guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
        return value
    }

    /// A comma-separated list of positive integers.
    public mutating func positiveInts(_ flag: String) -> [Int] {
        let text = value(flag)
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        let list = items.compactMap { Int($0.filter { $0 != " " }) }
        guard !list.isEmpty, list.count == items.count, list.allSatisfy({ $0 > 0 }) else {
            fail("\(flag) wants a comma-separated list of positive integers, got '\(text)'")
        }
        return list
    }

    /// One integer of at least `minimum`.
    public mutating func count(_ flag: String, minimum: Int = 1) -> Int {
        let text = value(flag)
        guard let n = Int(text), n >= minimum else { fail("\(flag) wants an integer ≥ \(minimum), got '\(text)'") }
        return n
    }

    /// A positive, finite number of seconds.
    public mutating func seconds(_ flag: String) -> Double {
        let text = value(flag)
        guard let s = Double(text), s > 0, s.isFinite else { fail("\(flag) wants a positive number of seconds, got '\(text)'") }
        return s
    }
}
