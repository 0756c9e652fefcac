/// How distances between original (high-dimensional) points are measured.
public enum NeighbourMetric: Sendable {
    /// ‖x − y‖.
    case euclidean
    /// 1 − x·y / (‖x‖‖y‖); an all-zero point is at distance 1 from every other (sklearn's rule).
    case cosine
}
