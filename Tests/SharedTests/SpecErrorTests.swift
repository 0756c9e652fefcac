import Testing
@testable import Shared

/// Each class of spec error names the file, line, column and key path. Locations refer to
/// `SpecFixtures.baseYAML`, whose line numbers are listed there.
struct SpecErrorTests {
    private func message(_ yaml: String) -> String {
        SpecFixtures.error(yaml)?.description ?? "(parsed without error)"
    }

    @Test func aMisspeltKeyIsAnUnknownKeyWithASuggestionAndTheKeysAllowed() throws {
        let error = try #require(SpecFixtures.error(SpecFixtures.base(training: "lerning_rate: 0.1")))
        #expect(error.location == SourceLocation(file: SpecFixtures.file, line: 22, column: 3))
        #expect(error.path == "training.lerning_rate")
        #expect(error.description.hasPrefix(
            "/specs/sweep.yaml:22:3: training.lerning_rate: unknown key, did you mean learning_rate? "
            + "(expected one of: optimizer, learning_rate, momentum,"))
    }

    @Test func laterSectionsAreUnknownKeysForNow() {
        #expect(message(SpecFixtures.baseYAML + "scheduling:\n  order: widest\n").hasPrefix(
            "/specs/sweep.yaml:21:1: scheduling: unknown key (expected one of: name, seed, datasets, model,"))
        #expect(message(SpecFixtures.base(replacing: "format: idx", with: "format: idx\n    labels: x"))
            .hasPrefix("/specs/sweep.yaml:5:5: datasets.fashion.labels: unknown key"))
    }

    @Test func aNegativeWidthNamesItsIndexAndColumn() {
        #expect(message(SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [16, 32, -4]"))
            == #"/specs/sweep.yaml:10:18: widths[2]: expected a positive integer, got "-4""#)
    }

    @Test func aValueOfTheWrongTypeSaysWhatWasExpected() {
        #expect(message(SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: 16"))
            == #"/specs/sweep.yaml:10:9: widths: expected a list of positive integers, got "16""#)
        #expect(message(SpecFixtures.base(training: "learning_rate: fast"))
            == #"/specs/sweep.yaml:22:18: training.learning_rate: expected a number > 0, got "fast""#)
        #expect(message(SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: #"widths: [16, "32"]"#))
            == #"/specs/sweep.yaml:10:14: widths[1]: expected a positive integer, got the quoted string "32""#)
        #expect(message(SpecFixtures.base(replacing: "model:\n  family: mlp\n  parameterization: mup",
                                          with: "model: [mlp]"))
            == #"/specs/sweep.yaml:7:8: model: expected a mapping, got a list"#)
        #expect(message(SpecFixtures.base(training: "optimizer: rmsprop"))
            == #"/specs/sweep.yaml:22:14: training.optimizer: expected one of sgd, adam, got "rmsprop""#)
        #expect(message(SpecFixtures.base(replacing: "format: idx", with: "format: png"))
            == "/specs/sweep.yaml:4:13: datasets.fashion.format: expected one of idx, cifar10, cifar100, "
            + #"digits-csv, npz, npy, synthetic, got "png""#)
    }

    @Test(arguments: [
        ("learning_rate: -0.1", "training.learning_rate: expected a number > 0"),
        ("learning_rate: 0", "training.learning_rate: expected a number > 0"),
        ("learning_rate: .nan", "training.learning_rate: expected a number > 0"),
        ("learning_rate: 1e400", "training.learning_rate: expected a number > 0"),
        ("learning_rate: 0x10", "training.learning_rate: expected a number > 0"),
        ("target_accuracy: 1.5", "training.target_accuracy: expected a number in (0, 1] or null"),
        ("target_accuracy: 0", "training.target_accuracy: expected a number in (0, 1] or null"),
        ("momentum: 1", "training.momentum: expected a number in [0, 1)"),
        ("weight_decay: -1e-4", "training.weight_decay: expected a number ≥ 0"),
        ("batch_size: 0", "training.batch_size: expected a positive integer"),
        ("batch_size: 12.5", "training.batch_size: expected a positive integer"),
        ("max_epochs: -3", "training.max_epochs: expected a positive integer"),
        ("validation_fraction: 0.6", "training.validation_fraction: expected a number in (0, 0.5]"),
        ("train_examples: 0", "training.train_examples: expected all or a positive integer"),
        ("train_examples: some", "training.train_examples: expected all or a positive integer"),
        ("check_every: 0", "training.check_every: expected auto or a positive integer"),
        ("check_every: -5", "training.check_every: expected auto or a positive integer"),
        ("check_every: 2.5", "training.check_every: expected auto or a positive integer"),
        ("check_every: often", "training.check_every: expected auto or a positive integer"),
        ("check_every: null", "training.check_every: expected auto or a positive integer"),
        ("threads: 0", "training.threads: expected a positive integer"),
        ("schedule: cosine\n  warmup_steps: -1", "training.warmup_steps: expected an integer ≥ 0"),
    ])
    func anImpossibleTrainingValueIsRefusedWithItsPath(line: String, expected: String) {
        // The training section starts on line 22; the offending key is on its last line.
        let lastLine = 22 + line.filter { $0 == "\n" }.count
        #expect(message(SpecFixtures.base(training: line)).contains(":\(lastLine):"))
        #expect(message(SpecFixtures.base(training: line)).contains(expected))
    }

    @Test func aCheckIntervalThatIsNotAPositiveIntegerIsRefusedWithFileLineAndKey() {
        #expect(message(SpecFixtures.base(training: "check_every: 0"))
            == #"/specs/sweep.yaml:22:16: training.check_every: expected auto or a positive integer, got "0""#)
        #expect(message(SpecFixtures.base(training: "max_epochs: 3", "check_every: -2"))
            == #"/specs/sweep.yaml:23:16: training.check_every: expected auto or a positive integer, got "-2""#)
    }

    /// A budget's L2 strength is cross-validated on its own examples, which needs two per class.
    @Test func aBudgetOfOnePerClassIsRefusedAtItsIndexSayingWhy() throws {
        let error = try #require(SpecFixtures.error(SpecFixtures.baseYAML + "transfer:\n  budgets: [10, 1, all]\n"))
        #expect(error.path == "transfer.budgets[1]")
        #expect(error.description.hasSuffix(
            "transfer.budgets[1]: expected an integer ≥ 2 or all (a budget of 1 per class leaves no example to "
            + #"cross-validate the readout's L2 strength on), got "1""#), "\(error)")
        #expect(SpecFixtures.error(SpecFixtures.baseYAML + "transfer:\n  budgets: [2, all]\n") == nil)
    }

    @Test func aKeyWithNoEffectUnderTheChosenOptionIsRefusedAtTheKey() {
        #expect(message(SpecFixtures.base(training: "optimizer: adam", "momentum: 0.9"))
            == "/specs/sweep.yaml:23:3: training.momentum: momentum applies only to optimizer sgd (adam uses beta1)")
        #expect(message(SpecFixtures.base(training: "beta2: 0.99"))
            == "/specs/sweep.yaml:22:3: training.beta2: beta2 applies only to optimizer adam")
        #expect(message(SpecFixtures.base(training: "warmup_steps: 10"))
            == "/specs/sweep.yaml:22:3: training.warmup_steps: warmup_steps applies only to schedule cosine")
        #expect(message(SpecFixtures.base(replacing: "family: mlp", with: "family: cnn\n  depth: 2"))
            == "/specs/sweep.yaml:9:3: model.depth: depth applies only to family mlp (the cnn's depth is fixed)")
        #expect(message(SpecFixtures.base(replacing: "parameterization: mup",
                                          with: "parameterization: standard\n  base_width: 32"))
            == "/specs/sweep.yaml:10:3: model.base_width: base_width applies only to parameterization mup")
        #expect(message(SpecFixtures.base(replacing: "{format: synthetic}", with: "{format: synthetic, path: /x}"))
            == "/specs/sweep.yaml:6:31: datasets.unused.path: path does not apply to format synthetic "
            + "(its images are generated)")
        #expect(message(SpecFixtures.base(replacing: "format: idx", with: "format: idx\n    noise: 0.1"))
            == "/specs/sweep.yaml:5:5: datasets.fashion.noise: noise applies only to format synthetic")
    }

    @Test func aMissingRequiredKeyIsReportedAtItsParentMapping() {
        #expect(message(SpecFixtures.base(replacing: "  parameterization: mup\n", with: ""))
            == "/specs/sweep.yaml:8:3: model.parameterization: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "name: fashion-width\n", with: ""))
            == "/specs/sweep.yaml:1:1: name: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "model:\n  family: mlp\n  parameterization: mup\n", with: ""))
            == "/specs/sweep.yaml:1:1: model: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "    path: /usr/share/datasets/fashion-mnist\n", with: ""))
            == "/specs/sweep.yaml:4:5: datasets.fashion.path: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "seeds: [0, 1, 2]\n", with: ""))
            == "/specs/sweep.yaml:1:1: seeds: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "{dataset: fashion, classes: [0, 1, 2, 3, 4]}",
                                          with: "{dataset: fashion}"))
            == "/specs/sweep.yaml:18:13: tasks.split.source.classes: required key is missing")
    }

    @Test func aTaskNamingAnUndeclaredDatasetListsTheDeclaredOnes() throws {
        let yaml = SpecFixtures.base(replacing: "source: {dataset: fashion, classes: [0, 1, 2, 3, 4]}",
                                     with: "source: {dataset: fashon, classes: [0, 1, 2, 3, 4]}")
        let error = try #require(SpecFixtures.error(yaml))
        #expect(error == .unknownDataset(SourceLocation(file: SpecFixtures.file, line: 18, column: 23),
                                         path: "tasks.split.source.dataset", name: "fashon",
                                         declared: ["fashion", "unused"]))
        #expect(error.description == "/specs/sweep.yaml:18:23: tasks.split.source.dataset: no dataset named "
                + "\"fashon\" is declared under datasets (declared: fashion, unused)")
    }

    @Test func aRepeatedWidthSeedOrClassIsADuplicate() {
        #expect(message(SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [16, 32, 16]"))
            == "/specs/sweep.yaml:10:18: widths[2]: 16 appears more than once (entries must be unique)")
        #expect(message(SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0, 1, 1]"))
            == "/specs/sweep.yaml:11:15: seeds[2]: 1 appears more than once (entries must be unique)")
        #expect(message(SpecFixtures.base(replacing: "footwear: [5, 7, 9]", with: "footwear: [5, 7, 9, 0]"))
            .hasSuffix("tasks.coarse_to_fine.source.groups.footwear[3]: class 0 (a class can belong to one group "
                       + "only) appears more than once (entries must be unique)"))
        #expect(message(SpecFixtures.base(replacing: "classes: [5, 6, 7, 8, 9]", with: "classes: [5, 6, 5]"))
            .contains("tasks.split.targets.second_half.classes[2]: 5 appears more than once"))
    }

    @Test func aKeyWrittenTwiceIsReportedWhereItIsRepeated() {
        #expect(message("seed: 1\n" + SpecFixtures.base(replacing: "seeds: [0, 1, 2]", with: "seeds: [0]\nseed: 2"))
            == "/specs/sweep.yaml:13:1: YAML syntax error: key \"seed\" is written twice in the same mapping "
            + "(first at line 1)")
    }

    @Test func malformedYAMLIsASyntaxErrorWithItsLine() throws {
        let unclosed = try #require(SpecFixtures.error(
            SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: [16, 32, 64")))
        guard case .syntax(let location, _) = unclosed else {
            Issue.record("expected a syntax error, got \(unclosed)")
            return
        }
        #expect(location.line == 11)
        #expect(unclosed.description.hasPrefix("/specs/sweep.yaml:11:"))

        let indented = try #require(SpecFixtures.error(
            SpecFixtures.base(replacing: "  parameterization: mup", with: "    parameterization: mup")))
        #expect(indented.description.hasPrefix("/specs/sweep.yaml:9:"))
        #expect(indented.description.contains("YAML syntax error"))

        let tab = try #require(SpecFixtures.error(SpecFixtures.base(replacing: "  family: mlp", with: "\tfamily: mlp")))
        #expect(tab.description.hasPrefix("/specs/sweep.yaml:8:"))
    }

    @Test func aDocumentThatIsNotAMappingIsRefused() {
        #expect(message("") == "/specs/sweep.yaml:1:1: the spec: expected a mapping of sweep settings, "
                + "got an empty document")
        #expect(message("# only a comment\n").contains("got an empty document"))
        #expect(message("- 1\n- 2\n") == "/specs/sweep.yaml:1:1: the spec: expected a mapping of sweep settings, "
                + "got a list")
        #expect(message("a: 1\n---\nb: 2\n") == "/specs/sweep.yaml:2:1: YAML syntax error: a second YAML document "
                + "starts here (after ---); a sweep spec is a single document")
    }

    @Test func labelSelectionsMustBeClassificationTasks() {
        #expect(message(SpecFixtures.base(replacing: "classes: [0, 1, 2, 3, 4]", with: "classes: [3]"))
            == "/specs/sweep.yaml:18:41: tasks.split.source.classes: expected at least 2 class ids, got 1")
        #expect(message(SpecFixtures.base(replacing: "classes: [0, 1, 2, 3, 4]", with: "classes: []"))
            .contains("tasks.split.source.classes: expected at least 2 class ids"))
        #expect(message(SpecFixtures.base(replacing: "classes: [0, 1, 2, 3, 4]", with: "classes: some"))
            .contains(#"tasks.split.source.classes: expected all or a list of class ids, got "some""#))
        #expect(message(SpecFixtures.base(replacing: ", footwear: [5, 7, 9], other: [1, 8]", with: ""))
            .contains("tasks.coarse_to_fine.source.groups: expected at least 2 groups, got 1"))
        #expect(message(SpecFixtures.base(replacing: "footwear: [5, 7, 9]", with: "footwear: []"))
            .contains("tasks.coarse_to_fine.source.groups.footwear: expected a non-empty list of class ids"))
        #expect(message(SpecFixtures.base(replacing: "classes: [0, 1, 2, 3, 4]", with: "classes: [0, -1]"))
            .contains(#"tasks.split.source.classes[1]: expected a class id (an integer ≥ 0), got "-1""#))
        #expect(message(SpecFixtures.base(replacing: "{dataset: fashion, classes: [0, 1, 2, 3, 4]}",
                                          with: "{dataset: fashion, classes: all, groups: {a: [0], b: [1]}}"))
            .contains("tasks.split.source.groups: give either classes or groups, not both"))
    }

    @Test func everyTaskNeedsATargetAndTheSweepATask() {
        #expect(message(SpecFixtures.base(
            replacing: "    targets:\n      second_half: {dataset: fashion, classes: [5, 6, 7, 8, 9]}\n",
            with: "    targets: {}\n"))
            .contains("tasks.split.targets: expected at least one target task, got none"))
        #expect(message(SpecFixtures.base(
            replacing: "    targets:\n      second_half: {dataset: fashion, classes: [5, 6, 7, 8, 9]}\n",
            with: ""))
            == "/specs/sweep.yaml:18:5: tasks.split.targets: required key is missing")
        #expect(message(SpecFixtures.base(replacing: "widths: [16, 32, 64]", with: "widths: []"))
            == "/specs/sweep.yaml:10:9: widths: expected a non-empty list, got an empty list")
    }

    @Test func namesMustBeUsableInPathsAndFileNames() {
        #expect(message(SpecFixtures.base(replacing: "name: fashion-width", with: "name: fashion width"))
            == #"/specs/sweep.yaml:1:7: name: expected a name made of letters, digits, '_', '.' or '-', "#
            + #"got "fashion width""#)
        #expect(message(SpecFixtures.base(replacing: "  split:", with: "  \"split/v2\":"))
            .hasPrefix(#"/specs/sweep.yaml:17:3: tasks.split/v2: expected a name made of"#))
    }

    /// Never trap on bad input: every prefix of a valid spec, and every spec with one line
    /// removed, either parses or throws a `SpecError`.
    @Test func truncatedOrMangledSpecsNeverCrashTheParser() {
        let text = SpecFixtures.base(training: "optimizer: adam", "target_accuracy: 0.9", "schedule: cosine")
        var inputs: [String] = []
        var prefix = ""
        for character in text {
            inputs.append(prefix)
            prefix.append(character)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices {
            var mangled = lines
            mangled.remove(at: index)
            inputs.append(mangled.joined(separator: "\n"))
        }
        for input in inputs {
            do {
                _ = try SpecFixtures.parse(input)
            } catch is SpecError {
                continue
            } catch {
                Issue.record("non-spec error \(error) for input:\n\(input)")
            }
        }
    }
}
