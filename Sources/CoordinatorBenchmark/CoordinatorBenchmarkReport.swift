import Foundation

/// Everything one run measured, printable as Markdown or JSON.
///
/// Throughput and raw ZeroMQ are measured in several interleaved rounds; the headline figures
/// are each one's best round (the least disturbed by other processes on the shared VM) and the
/// details list every round with the background load it saw.
struct CoordinatorBenchmarkReport: Codable {
    var machine: MachineDescription
    /// This process's soft open-files limit after raising it.
    var benchmarkOpenFilesLimit: UInt64
    var throughput: [ThroughputBenchmark.Measurement] = []
    var raw: [RawCurveEcho.Measurement] = []
    var idle: IdleWorkersBenchmark.Measurement?
    var resume: ResumeBenchmark.Measurement?

    var bestThroughput: ThroughputBenchmark.Measurement? { throughput.max { $0.cellsPerSecond < $1.cellsPerSecond } }

    func bestRaw(_ shape: String) -> RawCurveEcho.Measurement? {
        raw.filter { $0.shape == shape }.max { $0.roundTripsPerSecond < $1.roundTripsPerSecond }
    }

    var rawShapes: [String] { raw.reduce(into: []) { shapes, m in if !shapes.contains(m.shape) { shapes.append(m.shape) } } }

    /// Best cells per second ÷ best raw round trips per second of `shape`: the share of plain
    /// ZeroMQ's rate that survives WSP/1 validation and durable recording.
    func cellsPerRawRoundTrip(_ shape: String) -> Double? {
        guard let t = bestThroughput, let r = bestRaw(shape), r.roundTripsPerSecond > 0 else { return nil }
        return t.cellsPerSecond / r.roundTripsPerSecond
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // JSON has no NaN: a figure that could not be measured is written as the string "nan".
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    func markdown() -> String {
        var lines = ["# Coordinator benchmark", "", "Machine: \(machine.summary).", ""]
        lines += ["| figure | measured | target |", "|---|---:|---|"]
        if let t = bestThroughput {
            let median = Self.median(throughput.map(\.cellsPerSecond))
            lines.append("| 1. no-op cells dispatched and durably recorded (CURVE, loopback) | **\(grouped(t.cellsPerSecond)) cells/s** (median of \(throughput.count): \(grouped(median))) | ≥ 10,000/s |")
            lines.append("| 2. coordinator CPU per recorded cell | **\(format(t.coordinatorMicrosecondsPerCell, digits: 1)) µs** | |")
        }
        if let i = idle {
            lines.append("| 3. coordinator CPU, \(grouped(i.workers)) workers heartbeating every second | **\(format(i.coordinatorPercentOfCore, digits: 1)) % of one core** | |")
        }
        if let r = resume {
            lines.append("| 4. resume, \(grouped(r.cells))-cell journal: start → first STATUS answered | **\(format(r.medianResumeSeconds, digits: 2)) s** (median of \(r.resumes.count), best \(format(r.bestResumeSeconds, digits: 2))) | < 2 s |")
            lines.append("| first start of the same sweep (journal created) | \(format(r.firstStart.statusSeconds, digits: 2)) s | |")
        }
        for shape in rawShapes {
            if let r = bestRaw(shape) {
                lines.append("| raw ZeroMQ CURVE DEALER→ROUTER round trips, \(shape) | \(grouped(r.roundTripsPerSecond))/s | |")
            }
        }
        lines.append("")
        let ratios = rawShapes.compactMap { shape in
            cellsPerRawRoundTrip(shape).map { "- protocol + journal vs raw ZeroMQ (\(shape)): **\(format($0, digits: 3))** (cells/s ÷ round trips/s)" }
        }
        if !ratios.isEmpty {
            lines += ["Ratios of best rounds, measured side by side in this run:", ""] + ratios
            if let t = bestThroughput, let shaped = bestRaw("protocol-shaped") {
                lines.append("- coordinator CPU per cell ÷ raw CPU per protocol-shaped round trip (both ends): **\(format(t.coordinatorMicrosecondsPerCell / shaped.cpuMicrosecondsPerRoundTrip, digits: 2))**")
            }
            lines.append("")
        }
        lines += details()
        return lines.joined(separator: "\n") + "\n"
    }

    private func details() -> [String] {
        var lines: [String] = []
        if let t = bestThroughput {
            lines += [
                "Throughput: \(grouped(t.cells)) cells, \(t.workers) fake workers × \(t.slots) slots on one thread; the clock runs from the first ASSIGN to the last ACK. ASSIGN \(grouped(t.assignBytes)) B (the \(grouped(t.specBytes)) B spec inside), RESULT \(grouped(t.resultBytes)) B.",
                "",
                "| round | cells/s | seconds | accepted | coordinator µs CPU/cell | coordinator cores | fake workers µs CPU/cell | start → serving | exit | background load |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for (index, m) in throughput.enumerated() {
                lines.append("| \(index + 1) | \(grouped(m.cellsPerSecond)) | \(format(m.seconds, digits: 2)) | \(grouped(m.accepted)) | \(format(m.coordinatorMicrosecondsPerCell, digits: 1)) | \(format(m.coordinatorCores, digits: 2)) | \(format(m.workersMicrosecondsPerCell, digits: 1)) | \(format(m.startupSeconds, digits: 2)) s | \(m.coordinatorExitStatus.map(String.init) ?? "running") | \(percent(m.backgroundLoad)) |")
            }
            lines.append("")
        }
        if !raw.isEmpty {
            lines += [
                "Raw ZeroMQ: the same DEALER count and messages in flight against an echoing ROUTER on a second thread of the benchmark, through the same transport, no validation, no journal.",
                "",
                "| shape | request B | reply B | round trips/s | µs CPU per round trip (both ends) | background load |",
                "|---|---:|---:|---:|---:|---:|",
            ]
            for m in raw {
                lines.append("| \(m.shape) | \(grouped(m.requestBytes)) | \(grouped(m.replyBytes)) | \(grouped(m.roundTripsPerSecond)) | \(format(m.cpuMicrosecondsPerRoundTrip, digits: 1)) | \(percent(m.backgroundLoad)) |")
            }
            lines.append("")
        }
        if let i = idle {
            let limit = i.coordinatorOpenFilesLimit.map(grouped) ?? "?"
            let started = i.coordinatorStartedWithOpenFilesLimit.map(grouped) ?? "inherited"
            lines += [
                "Idle: \(grouped(i.workers)) workers over \(i.contexts) ZeroMQ contexts registered in \(format(i.registrationSeconds, digits: 2)) s. Over \(format(i.seconds, digits: 1)) s they sent \(grouped(i.heartbeatsSent)) heartbeats and received \(grouped(i.heartbeatsReceived)); STATUS showed \(grouped(i.aliveAtEnd)) alive at the end. Coordinator \(format(i.coordinatorCPUSeconds, digits: 2)) CPU s; the fake workers \(format(i.workersPercentOfCore, digits: 1)) % of one core; background load \(percent(i.backgroundLoad)).",
                "Coordinator file descriptors with \(grouped(i.workers)) workers: \(i.coordinatorOpenDescriptors.map(grouped) ?? "?") open, soft limit \(limit) (started with \(started)).",
                "",
            ]
        }
        if let r = resume {
            let runs = r.resumes.map { "\(format($0.statusSeconds, digits: 3)) s (contact file \(format($0.contactSeconds, digits: 3)) s, background load \(percent($0.backgroundLoad)))" }
            lines += [
                "Resume: \(grouped(r.cells)) cells; sweep directory \(grouped(r.journalBytes / 1024)) KiB. First start: STATUS after \(format(r.firstStart.statusSeconds, digits: 3)) s (contact file \(format(r.firstStart.contactSeconds, digits: 3)) s). Resumes: \(runs.joined(separator: "; ")).",
                "",
            ]
        }
        return lines
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
