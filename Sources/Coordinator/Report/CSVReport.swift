import Foundation
import Shared

/// `report/results.csv`: one row per cell × target × budget of the sweep, finished or not (a
/// cell without a result has empty values and its status says why), for analysis elsewhere.
/// Numbers keep full precision; accuracies are fractions, not percent. The columns are
/// documented in docs/report.md from `columns`.
struct CSVReport {
    let report: SweepReport

    /// Every column with its meaning, in file order.
    static let columns: [(name: String, meaning: String)] = [
        ("task", "source task name"),
        ("variant", "model variant: the listed model axes' values joined by _ (empty when the spec lists no model axis; docs/spec.md §4)"),
        ("width", "hidden width (MLP units or the CNN's channel multiplier)"),
        ("seed", "cell seed"),
        ("cell_key", "SHA-256 cell key"),
        ("status", "finished, queued, running, failed or unreadable"),
        ("included", "true if the report's aggregates use this cell (false when not finished, or excluded for missing the source target)"),
        ("target", "target task name"),
        ("budget", "labelled examples per class for the readout, or all"),
        ("examples", "labelled examples the readout was fitted on"),
        ("trained_accuracy", "target test accuracy of the readout on the trained network"),
        ("control_accuracy", "the same on the untrained network of the same width and seed"),
        ("gain", "trained_accuracy − control_accuracy"),
        ("trained_l2", "L2 strength chosen for the trained readout"),
        ("control_l2", "L2 strength chosen for the control readout"),
        ("l2_selection", "how the L2 strength was chosen: cross-validation on the budget's own examples, or the target's validation split (budget all)"),
        ("trained_l2_at_edge", "whether the trained readout's L2 strength is at the edge of its (extended) grid"),
        ("control_l2_at_edge", "the same for the control readout"),
        ("trained_converged", "whether the trained readout's L-BFGS met its tolerance"),
        ("control_converged", "the same for the control readout"),
        ("equal_dimension", "K of the equal-dimension control (empty: not run)"),
        ("trained_accuracy_equal_dimension", "target test accuracy of the trained readout through K principal components of its own training examples"),
        ("control_accuracy_equal_dimension", "the same for the control readout"),
        ("source_test_accuracy", "source task test accuracy"),
        ("source_validation_accuracy", "source validation accuracy when training stopped"),
        ("source_target_accuracy", "the stopping rule's validation accuracy target (empty: fixed epochs)"),
        ("target_met", "whether training reached the target"),
        ("epochs", "epochs begun (the last may be partial)"),
        ("stop_step", "optimizer step at which training stopped"),
        ("examples_seen", "training examples processed by the stop"),
        ("epochs_seen", "examples_seen / training examples: where in training the stop fell"),
        ("reconstruction_r2_trained", "held-out R² of a ridge reconstruction of the input (trained)"),
        ("reconstruction_r2_control", "the same on the control"),
        ("fine_probe_trained", "fine-label linear probe accuracy (coarse source tasks only)"),
        ("fine_probe_control", "the same on the control"),
        ("participation_ratio_trained", "effective dimensionality of the hidden state (trained)"),
        ("participation_ratio_control", "the same on the control"),
        ("collapse_ratio_trained", "within- over between-class scatter (trained)"),
        ("collapse_ratio_control", "the same on the control"),
        ("neuron_selectivity_trained", "mean class selectivity of live units (trained)"),
        ("neuron_selectivity_control", "the same on the control"),
        ("direction_selectivity_trained", "mean class selectivity of the top principal directions (trained)"),
        ("direction_selectivity_control", "the same on the control"),
        ("dead_units_trained", "units that never activate on the probe set (trained)"),
        ("dead_units_control", "the same on the control"),
        ("atlas_direction_consistency", "share of the activation atlas's direction tiles the network classifies as their label (empty: no atlas)"),
        ("atlas_neuron_consistency", "the same for the atlas's single-neuron tiles"),
        ("family", "mlp or cnn, as the worker ran it"),
        ("depth", "hidden layers of the MLP (the CNN's fixed depth for cnn), as the worker ran it"),
        ("parameterization", "standard or mup, as the worker ran it"),
        ("optimizer", "sgd or adam, from the spec's variant"),
        ("parameter_count", "trainable parameters of the network"),
        ("worker", "worker that produced the result"),
        ("host", "host it ran on"),
        ("attempt", "attempt number of the recorded result"),
        ("train_seconds", "seconds spent training"),
        ("total_seconds", "seconds over all phases of the cell"),
        ("error", "last error of a failed cell, or why a stored result is unreadable"),
    ]

    func render() -> String {
        var lines = [Self.columns.map(\.name).joined(separator: ",")]
        for cell in report.cells {
            let targets = report.layout.tasks.first { $0.contains(cell.cell) }?.targets
                ?? report.layout.tasks.first { $0.name == cell.cell.task }?.targets ?? []
            for target in targets {
                for budget in report.layout.budgets {
                    lines.append(row(cell, target: target, budget: budget).map(Self.field).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ cell: ReportCell, target: String, budget: String) -> [String] {
        let result = cell.result
        let transfer = result?.transfer.first { $0.target == target && $0.budget == budget }
        let source = result?.source
        let trained = result?.information.trained, control = result?.information.control
        return [
            cell.cell.task, cell.cell.variant, "\(cell.cell.width)", "\(cell.cell.seed)", cell.key, cell.status.rawValue,
            "\(cell.counts(under: report.options))", target, budget,
            text(transfer?.examples), text(transfer?.trained.accuracy), text(transfer?.control.accuracy), text(transfer?.gain),
            text(transfer?.trained.l2), text(transfer?.control.l2), transfer?.trained.selection ?? "",
            text(transfer?.trained.l2AtGridEdge), text(transfer?.control.l2AtGridEdge),
            text(transfer?.trained.converged), text(transfer?.control.converged),
            text(transfer?.equalDimension?.dimension), text(transfer?.equalDimension?.trained.accuracy),
            text(transfer?.equalDimension?.control.accuracy),
            text(source?.testAccuracy), text(source?.validationAccuracy), text(source?.targetAccuracy), text(source?.targetMet),
            text(source?.epochs), text(source?.steps), text(source?.examplesSeen), text(source?.epochsSeen),
            text(trained?.reconstructionR2), text(control?.reconstructionR2),
            text(trained?.fineProbeAccuracy), text(control?.fineProbeAccuracy),
            text(trained?.participationRatio), text(control?.participationRatio),
            text(trained?.collapseRatio), text(control?.collapseRatio),
            text(trained?.neuronSelectivity), text(control?.neuronSelectivity),
            text(trained?.directionSelectivity), text(control?.directionSelectivity),
            text(trained?.deadUnits), text(control?.deadUnits),
            text(result?.atlas?.directions.consistency), text(result?.atlas?.neurons.consistency),
            result?.model.family ?? "", text(result?.model.depth), result?.model.parameterization ?? "",
            report.optimizers[cell.cell.variant] ?? "", text(result?.model.parameterCount),
            cell.worker ?? "", cell.host ?? "", text(cell.attempt),
            text(result?.timings.trainSeconds), text(result?.timings.totalSeconds),
            cell.problem ?? "",
        ]
    }

    /// Empty for a missing value; Swift's shortest round-trip spelling for numbers.
    private func text<T: CustomStringConvertible>(_ value: T?) -> String {
        value.map(\.description) ?? ""
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
