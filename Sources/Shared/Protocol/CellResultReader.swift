// Implements docs/protocol.md §6.2 (the result object) on the coordinator's hot path: a `RESULT`'s
// frame 5 read as `CellResult` schema version 3 without `JSONDecoder`.

/// Builds a `CellResult` from a checked `JSONTape`, member by member, in the order its `Codable`
/// conformance declares them, so that the first failure is the one `JSONDecoder` would report.
///
/// `CellResult`'s `Codable` conformance stays the schema's authority (workers encode with it,
/// reports decode with it); this reader is a faster copy that the protocol tests hold to it
/// input by input. It calls every type's memberwise initialiser, so a member added to the schema
/// does not compile here until it is read here too.
enum CellResultReader {
    typealias Reader = JSONTapeReader
    typealias Problem = JSONTapeReader.Problem

    static func read(_ tape: JSONTape) throws(Problem) -> CellResult {
        var reader = Reader(tape)
        return try reader.root { (r: inout Reader, o: Int) throws(Problem) -> CellResult in
            let schemaVersion = try r.int(o, "schemaVersion")
            var result = CellResult(
                cellKey: try r.string(o, "cellKey"),
                cell: try r.object(o, "cell", coordinate),
                engineVersion: try r.string(o, "engineVersion"),
                model: try r.object(o, "model", model),
                source: try r.object(o, "source", source),
                transfer: try r.array(o, "transfer") { (r: inout Reader, n: Int) throws(Problem) in try r.objectValue(n, transfer) },
                information: try r.object(o, "information", information),
                timings: try r.object(o, "timings", timings),
                environment: try r.object(o, "environment", environment),
                atlas: try r.optionalObject(o, "atlas", atlas))
            result.schemaVersion = schemaVersion
            return result
        }
    }

    private static func coordinate(_ r: inout Reader, _ o: Int) throws(Problem) -> CellCoordinate {
        CellCoordinate(width: try r.int(o, "width"), seed: try r.int(o, "seed"), task: try r.string(o, "task"),
                       variant: try r.optionalString(o, "variant") ?? "")
    }

    private static func model(_ r: inout Reader, _ o: Int) throws(Problem) -> ModelSummary {
        ModelSummary(family: try r.string(o, "family"), depth: try r.int(o, "depth"), width: try r.int(o, "width"),
                     parameterization: try r.string(o, "parameterization"), baseWidth: try r.int(o, "baseWidth"),
                     featureWidth: try r.int(o, "featureWidth"), parameterCount: try r.int(o, "parameterCount"))
    }

    private static func source(_ r: inout Reader, _ o: Int) throws(Problem) -> SourceResult {
        SourceResult(
            task: try r.string(o, "task"),
            classes: try r.array(o, "classes") { (r: inout Reader, n: Int) throws(Problem) in try r.stringValue(n) },
            testAccuracy: try r.double(o, "testAccuracy"),
            validationAccuracy: try r.double(o, "validationAccuracy"),
            targetAccuracy: try r.optionalDouble(o, "targetAccuracy"),
            targetMet: try r.bool(o, "targetMet"),
            epochs: try r.int(o, "epochs"),
            steps: try r.int(o, "steps"),
            examplesSeen: try r.int(o, "examplesSeen"),
            epochsSeen: try r.double(o, "epochsSeen"),
            checkEvery: try r.int(o, "checkEvery"),
            trainExamples: try r.int(o, "trainExamples"),
            validationExamples: try r.int(o, "validationExamples"),
            testExamples: try r.int(o, "testExamples"),
            history: try r.array(o, "history") { (r: inout Reader, n: Int) throws(Problem) in try r.objectValue(n, epoch) },
            checks: try r.array(o, "checks") { (r: inout Reader, n: Int) throws(Problem) in try r.objectValue(n, check) })
    }

    private static func check(_ r: inout Reader, _ o: Int) throws(Problem) -> CheckSummary {
        CheckSummary(step: try r.int(o, "step"), validationAccuracy: try r.double(o, "validationAccuracy"))
    }

    private static func epoch(_ r: inout Reader, _ o: Int) throws(Problem) -> EpochSummary {
        EpochSummary(epoch: try r.int(o, "epoch"), trainLoss: try r.double(o, "trainLoss"),
                     trainAccuracy: try r.double(o, "trainAccuracy"),
                     validationAccuracy: try r.double(o, "validationAccuracy"),
                     learningRate: try r.double(o, "learningRate"))
    }

    private static func transfer(_ r: inout Reader, _ o: Int) throws(Problem) -> TransferResult {
        TransferResult(target: try r.string(o, "target"), budget: try r.string(o, "budget"),
                       examples: try r.int(o, "examples"), trained: try r.object(o, "trained", readout),
                       control: try r.object(o, "control", readout),
                       equalDimension: try r.optionalObject(o, "equalDimension", equalDimension))
    }

    private static func equalDimension(_ r: inout Reader, _ o: Int) throws(Problem) -> EqualDimensionReadouts {
        EqualDimensionReadouts(dimension: try r.int(o, "dimension"), trainedComponents: try r.int(o, "trainedComponents"),
                               controlComponents: try r.int(o, "controlComponents"),
                               trained: try r.object(o, "trained", readout), control: try r.object(o, "control", readout))
    }

    private static func readout(_ r: inout Reader, _ o: Int) throws(Problem) -> ReadoutFit {
        ReadoutFit(accuracy: try r.double(o, "accuracy"), l2: try r.double(o, "l2"),
                   selection: try r.string(o, "selection"), selectionAccuracy: try r.double(o, "selectionAccuracy"),
                   folds: try r.optionalInt(o, "folds"), l2AtGridEdge: try r.bool(o, "l2AtGridEdge"),
                   converged: try r.bool(o, "converged"))
    }

    private static func information(_ r: inout Reader, _ o: Int) throws(Problem) -> InformationResult {
        InformationResult(probeExamples: try r.int(o, "probeExamples"), fitExamples: try r.int(o, "fitExamples"),
                          trained: try r.object(o, "trained", hiddenState),
                          control: try r.object(o, "control", hiddenState))
    }

    private static func hiddenState(_ r: inout Reader, _ o: Int) throws(Problem) -> HiddenStateMetrics {
        HiddenStateMetrics(
            reconstructionR2: try r.double(o, "reconstructionR2"),
            reconstructionL2: try r.double(o, "reconstructionL2"),
            fineProbeAccuracy: try r.optionalDouble(o, "fineProbeAccuracy"),
            participationRatio: try r.double(o, "participationRatio"),
            collapseRatio: try r.double(o, "collapseRatio"),
            neuronSelectivity: try r.double(o, "neuronSelectivity"),
            directionSelectivity: try r.double(o, "directionSelectivity"),
            deadUnits: try r.int(o, "deadUnits"))
    }

    private static func timings(_ r: inout Reader, _ o: Int) throws(Problem) -> PhaseTimings {
        PhaseTimings(loadSeconds: try r.double(o, "loadSeconds"), trainSeconds: try r.double(o, "trainSeconds"),
                     evaluateSeconds: try r.double(o, "evaluateSeconds"),
                     transferSeconds: try r.double(o, "transferSeconds"),
                     informationSeconds: try r.double(o, "informationSeconds"))
    }

    private static func atlas(_ r: inout Reader, _ o: Int) throws(Problem) -> AtlasResult {
        AtlasResult(
            examples: try r.int(o, "examples"), layout: try r.string(o, "layout"),
            trustworthiness: try r.double(o, "trustworthiness"),
            trustworthinessNeighbours: try r.int(o, "trustworthinessNeighbours"),
            grid: try r.int(o, "grid"), minPoints: try r.int(o, "minPoints"), tileSize: try r.int(o, "tileSize"),
            directions: try r.object(o, "directions", atlasSheet), neurons: try r.object(o, "neurons", atlasSheet),
            seconds: try r.double(o, "seconds"))
    }

    private static func atlasSheet(_ r: inout Reader, _ o: Int) throws(Problem) -> AtlasSheet {
        AtlasSheet(image: try r.string(o, "image"), columns: try r.int(o, "columns"), rows: try r.int(o, "rows"),
                   tiles: try r.array(o, "tiles") { (r: inout Reader, n: Int) throws(Problem) in try r.objectValue(n, atlasTile) },
                   consistency: try r.double(o, "consistency"), meanImage: try r.optionalString(o, "meanImage"))
    }

    private static func atlasTile(_ r: inout Reader, _ o: Int) throws(Problem) -> AtlasTile {
        AtlasTile(row: try r.int(o, "row"), column: try r.int(o, "column"), points: try r.optionalInt(o, "points"),
                  unit: try r.optionalInt(o, "unit"), label: try r.int(o, "label"), predicted: try r.int(o, "predicted"),
                  objective: try r.double(o, "objective"))
    }

    private static func environment(_ r: inout Reader, _ o: Int) throws(Problem) -> RunEnvironment {
        RunEnvironment(host: try r.string(o, "host"), blasCore: try r.string(o, "blasCore"),
                       blasThreads: try r.int(o, "blasThreads"))
    }
}
