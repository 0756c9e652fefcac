import Glibc

/// Several independent L-BFGS minimisations whose objective evaluations are done together.
///
/// Cross-validation fits K folds of one readout at every L2 strength: K problems over nearly the
/// same rows, each evaluation two products of the design with only k ≈ 10 columns, where OpenBLAS
/// spends most of its time packing the design. Evaluating all K at once — one product with K·k
/// columns over the rows they share — runs at about twice the rate per flop (measured: 41 → 85
/// GFLOP/s for 10 → 50 columns at d = 1024, one thread). But each fold must still take its own
/// iterations, line searches and stopping decisions, or its fit would not be the one it gets alone.
///
/// So each problem runs the ordinary `minimize` on its own thread, and its objective only posts
/// the point it wants evaluated and waits. The calling thread lets the problems run one at a time,
/// each until it asks for an evaluation or finishes, then evaluates every pending point in one
/// call of `evaluate` and hands the values back. Exactly one thread runs at any moment, so the
/// cell still uses one core, and the sequence of batches — which problems, which points — depends
/// only on the problems: the results are deterministic and equal to running each `minimize` alone
/// with the same evaluations.
extension LBFGS {
    /// Minimises `starts.count` problems; `evaluate(problems, points, gradients)` returns f at each
    /// listed problem's point (indices into `starts`, ascending) and writes its gradient. Problems
    /// drop out of the batches as they finish. `preconditioners[i]` serves problem i as in `minimize`.
    public static func minimizeInLockstep(
        _ starts: [[Double]], options: Options = Options(),
        preconditioners: [((UnsafeMutableBufferPointer<Double>) -> Void)?],
        evaluate: ([Int], [UnsafeBufferPointer<Double>], [UnsafeMutableBufferPointer<Double>]) -> [Double]
    ) -> [Result] {
        precondition(preconditioners.count == starts.count, "one preconditioner slot per problem")
        let problems = starts.indices.map { _ in LockstepProblem() }
        let turnOver = Semaphore()
        var threads: [pthread_t] = []
        for (i, problem) in problems.enumerated() {
            let start = starts[i], preconditioner = preconditioners[i]
            threads.append(startThread {
                problem.resume.wait()
                problem.result = minimize(start, options: options, preconditioner: preconditioner) { x, g in
                    problem.request = (x, g)
                    turnOver.signal()
                    problem.resume.wait()
                    return problem.value
                }
                problem.request = nil
                turnOver.signal()
            })
        }
        var active = Array(problems.indices)
        while !active.isEmpty {
            for i in active {
                problems[i].resume.signal()
                turnOver.wait()
            }
            active = active.filter { problems[$0].result == nil }
            guard !active.isEmpty else { break }
            let requests = active.map { problems[$0].request.unsafelyUnwrapped }
            let values = evaluate(active, requests.map(\.point), requests.map(\.gradient))
            precondition(values.count == active.count, "evaluate returned \(values.count) values for \(active.count) points")
            for (a, i) in active.enumerated() { problems[i].value = values[a] }
        }
        for thread in threads { pthread_join(thread, nil) }
        return problems.map { $0.result.unsafelyUnwrapped }
    }
}

/// One problem's hand-over slot. Written by its thread while the coordinator waits and read by the
/// coordinator while the thread waits; the semaphores order every access.
private final class LockstepProblem {
    let resume = Semaphore()
    var request: (point: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>)?
    var value = 0.0
    var result: LBFGS.Result?
}

/// A POSIX semaphore at a fixed address (sem_t must not move once initialised).
private final class Semaphore {
    private let handle = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    init() { sem_init(handle, 0, 0) }
    deinit { sem_destroy(handle); handle.deallocate() }
    func signal() { sem_post(handle) }
    func wait() {
        // Retry when a signal handler interrupts the wait.
        while sem_wait(handle) != 0 && errno == EINTR {}
    }
}

private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Starts `body` on a new POSIX thread (the Engine target does not link Foundation).
private func startThread(_ body: @escaping () -> Void) -> pthread_t {
    var thread = pthread_t()
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    let status = pthread_create(&thread, nil, { raw in
        Unmanaged<ThreadBody>.fromOpaque(raw.unsafelyUnwrapped).takeRetainedValue().run()
        return nil
    }, context)
    precondition(status == 0, "could not start a thread for a lockstep fit (pthread_create: \(status))")
    return thread
}
