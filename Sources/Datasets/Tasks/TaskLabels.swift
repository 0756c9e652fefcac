/// Which of a dataset's classes a task uses and what it calls them.
///
/// Width studies compare features learned on one task (the source) on others (targets), and the
/// natural targets are class subsets and coarser groupings of the same images.
public enum TaskLabels: Sendable, Hashable, Codable {
    /// A subset of classes, relabelled 0..<k in the order listed: `.classes([7, 2])` makes class 7
    /// label 0 and class 2 label 1. Rows of other classes are left out.
    case classes([Int])
    /// Groups of classes, each group one label (0..<groups.count, in the order listed), named
    /// after the group. Rows of classes in no group are left out.
    case groups([ClassGroup])

    /// Every class of a dataset with `classCount` classes, labels unchanged.
    public static func all(_ classCount: Int) -> TaskLabels { .classes(Array(0..<classCount)) }
}
