import Foundation
import Shared

extension CoordinatorContact {
    /// The contact file at `path`, nil if there is none; a file that does not parse is an error
    /// naming it.
    static func read(from path: String) throws -> CoordinatorContact? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try decode(data)
        } catch {
            throw CoordinatorError.corruptContactFile(path: path, problem: "\(error)")
        }
    }
}
