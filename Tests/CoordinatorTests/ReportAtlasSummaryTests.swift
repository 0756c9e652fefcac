@testable import Coordinator
import Testing

/// The summary `coordinator run` and `coordinator report` print ends each task with the atlases'
/// self-consistency at its narrowest and widest width (means over the atlas seeds).
struct ReportAtlasSummaryTests {
    typealias F = ReportAtlasFixtures

    @Test func theSummaryStatesTheAtlasNumbersAtBothEndsOfTheWidthRange() throws {
        let summary = try F.withReport { ReportCommand.summary($0, at: "sweep/report") }
        // Width 16: seeds 0 and 2, (0.25 + 0.5) / 2 and (0.5 + 0.25) / 2; width 256: seed 0 only.
        #expect(summary.contains("  Activation atlases: the network reads 37.5% of direction tiles as their label at width 16 "
                                 + "and 87.5% at width 256; of single-neuron tiles, 37.5% and 12.5% (index.html shows every width).\n"),
                "\(summary)")
    }

    @Test func aSweepWithoutAtlasesSaysNothingAboutThem() {
        #expect(ReportCommand.atlasSentence(nil) == nil)
    }
}
