import BenchmarkSupport

/// What to measure, parsed from the command line (this target has no argument-parser dependency,
/// so the handful of flags are parsed by hand).
struct BenchmarkOptions {
    /// OpenBLAS thread counts to measure; each gets its own sgemm peak.
    var threads = [1, 2]
    var widths = [64, 256, 1024, 4096]
    var depths = [1, 3]
    /// Timed budget per training configuration, split into `rounds` rounds (the best round is
    /// reported); slow configurations run at least `minimumStepsPerRound` steps per round anyway.
    var secondsPerConfig = 2.0
    var rounds = 5
    var minimumStepsPerRound = 2
    var batchSize = 128
    /// Fashion-MNIST classes 0–4: 28×28×1 inputs, 5 classes, 30,000 training examples.
    var classes = 5
    var trainingExamples = 30_720
    /// Side of the square sgemm that defines the peak rate.
    var peakSize = 2048
    /// Re-measure a configuration up to this many times while other processes used more than
    /// `busyThreshold` of the CPUs during it (the VM is shared); the best measurement counts.
    var retries = 2
    var busyThreshold = 0.1
    var json = false
    /// Also time each phase of a step (gather, dense forward, ReLU, loss, backward, optimizer).
    var breakdown = false
    /// Skip the per-shape sgemm table (it takes ~15 s).
    var shapes = true
    /// Measure with whatever kernels OpenBLAS picked, even legacy ones (no re-exec).
    var keepCore = false
    /// Write the report here instead of stdout.
    var outputPath: String?

    static let usage = """
        usage: EngineBenchmark [--threads 1,2] [--widths 64,256,1024,4096] [--depths 1,3]
                               [--seconds S] [--rounds N] [--batch B] [--peak-size N]
                               [--retries N] [--breakdown] [--no-shapes] [--keep-core] [--json] [--output PATH]

          --threads     OpenBLAS thread counts (default 1,2)
          --widths      hidden widths of the MLP (default 64,256,1024,4096)
          --depths      hidden layers of the MLP (default 1,3)
          --seconds     timed seconds per training configuration, split into rounds (default 2)
          --rounds      rounds per configuration; the best is reported (default 5)
          --batch       batch size (default 128)
          --peak-size   side of the square sgemm used for the peak rate (default 2048)
          --retries     re-measure a configuration up to N times when other processes took more
                        than 10% of the CPUs during it; the best counts (default 2)
          --breakdown   also time each phase of a training step
          --no-shapes   skip the table of sgemm rates per MLP GEMM shape
          --keep-core   do not re-exec with OPENBLAS_CORETYPE when OpenBLAS picked legacy kernels
          --json        machine-readable output
          --output      write the report to PATH instead of stdout
        """

    /// Parses `arguments` (without the program name); on a bad flag prints usage and exits 2.
    static func parse(_ arguments: [String]) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var flags = FlagReader(program: "EngineBenchmark", usage: usage, arguments: arguments)
        while let flag = flags.nextFlag() {
            switch flag {
            case "--threads": options.threads = flags.positiveInts(flag)
            case "--widths": options.widths = flags.positiveInts(flag)
            case "--depths": options.depths = flags.positiveInts(flag)
            case "--seconds": options.secondsPerConfig = flags.seconds(flag)
            case "--rounds": options.rounds = flags.count(flag)
            case "--batch": options.batchSize = flags.count(flag)
            case "--peak-size": options.peakSize = flags.count(flag)
            case "--retries": options.retries = flags.count(flag, minimum: 0)
            case "--breakdown": options.breakdown = true
            case "--no-shapes": options.shapes = false
            case "--keep-core": options.keepCore = true
            case "--json": options.json = true
            case "--output": options.outputPath = flags.value(flag)
            default: flags.unknown(flag)
            }
        }
        return options
    }
}
