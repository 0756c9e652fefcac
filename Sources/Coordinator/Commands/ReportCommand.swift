import ArgumentParser
import Foundation

/// `coordinator report DIR`: the results so far, from the journal alone (also mid-sweep).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the results of a sweep directory, finished or not, from its journal.")

    @Argument(help: "The sweep directory.")
    var dir: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: dir + "/" + Journal.fileName) else {
            throw CoordinatorError.invalidOption("\(dir) holds no journal; is it a sweep directory?")
        }
        let journal = try Journal.open(directory: dir)
        defer { journal.close() }
        print(try PlainReport(journal: journal).render(), terminator: "")
    }
}
