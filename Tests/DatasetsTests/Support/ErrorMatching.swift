import Testing
@testable import Datasets

/// Runs `body`, expecting it to throw a `DatasetError`, and returns that error for pattern
/// matching (a wrong error type or no error at all is recorded as a test failure).
func datasetError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> DatasetError? {
    do {
        _ = try body()
        Issue.record("expected a DatasetError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DatasetError {
        #expect(!error.description.contains("\n"), "error descriptions are one line", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a DatasetError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

func load(_ format: DatasetFormat, _ path: String, name: String = "test-data") throws -> Dataset {
    try DatasetLoader.load(DatasetSource(name: name, format: format, path: path))
}
