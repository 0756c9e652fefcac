import Testing
@testable import Shared

/// A readout says how its L2 strength was chosen; the two ways come with and without folds.
struct ReadoutFitValidationTests {
    private func problem(_ edit: (inout ReadoutFit) -> Void) -> String? {
        var result = ProtocolCodecTests.cellResult()
        edit(&result.transfer[0].control)
        do { try result.validate(); return nil } catch { return "\(error)" }
    }

    @Test func crossValidationWithFoldsAndAValidationSplitWithoutPass() {
        #expect(problem { _ in } == nil)
        #expect(problem { $0.selection = ReadoutFit.validationSplit; $0.folds = nil } == nil)
    }

    @Test func aSelectionInconsistentWithItsFoldsIsRefused() {
        #expect(problem { $0.folds = nil } == "invalid result: transfer[0].control.selection is \"cross-validation\" "
                + "with folds absent; expected \"cross-validation\" with 2 or more folds, or \"validation split\" without")
        #expect(problem { $0.folds = 1 } != nil)
        #expect(problem { $0.selection = ReadoutFit.validationSplit } != nil)
        #expect(problem { $0.selection = "test split"; $0.folds = nil } != nil)
    }

    @Test func aSelectionAccuracyOutsideTheUnitIntervalIsRefused() {
        #expect(problem { $0.selectionAccuracy = 1.5 }
            == "invalid result: transfer[0].control.selectionAccuracy is 1.5, outside [0, 1]")
    }
}
