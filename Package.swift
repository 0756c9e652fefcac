// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "widthsweep",
    products: [
        .executable(name: "coordinator", targets: ["Coordinator"]),
        .executable(name: "worker", targets: ["Worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: C shims — one per C library, each imported by exactly one folder.
        .systemLibrary(
            name: "CZeroMQ", pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),

        // MARK: Libraries
        // zlib's deflate, inflate and CRC-32: the one target that imports the zlib shim.
        .target(name: "Zlib", dependencies: ["CZlib"]),
        // Protocol, sweep spec, cell keys and the result schema: what coordinator and worker share.
        // Only its Transport folder imports the ZeroMQ shim.
        .target(name: "Shared", dependencies: ["CZeroMQ", .product(name: "Yams", package: "Yams")]),
        // Tensors, layers, optimizers, training loop. Knows BLAS and nothing of sweeps or sockets.
        .target(name: "Engine", dependencies: ["COpenBLAS"]),
        // Dataset readers (IDX, CIFAR, digits CSV, NumPy npz/npy, synthetic), task views, and the decoded-dataset
        // cache files cell processes map (it uses Shared's SHA-256 and whole-file reads).
        .target(name: "Datasets", dependencies: ["Engine", "Zlib", "Shared"]),
        // Activation atlases: 2-D layout of hidden states, feature visualisation by gradient
        // ascent, tile sheets and their PNG encoding (deflate and CRC-32 from Zlib).
        .target(name: "Atlas", dependencies: ["Engine", "Zlib"]),

        // Process control for the executables: signalfd, re-executing in place, the parent-death
        // signal. The one target that imports the Linux shim; libraries never replace the process.
        .target(name: "ProcessControl", dependencies: ["CLinux"]),

        // MARK: Executables — main.swift parses arguments and starts a type.
        .executableTarget(
            name: "Worker",
            dependencies: [
                "Shared", "Engine", "Datasets", "Atlas", "ProcessControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "Coordinator",
            dependencies: [
                // Datasets: the spec's data is checked before any cell is leased (SpecDataCheck).
                // Engine: only for its SplitMix64 (lease ids), the package's one copy.
                "Shared", "Datasets", "Engine", "CSQLite", "ProcessControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // What the benchmark executables share: machine description, background load, timing,
        // flag reading, stderr. Foundation and Glibc only, so the coordinator benchmark links no BLAS.
        .target(name: "BenchmarkSupport"),
        // Speed of the engine against the sgemm rate measured in the same run (swift run -c release).
        .executableTarget(name: "EngineBenchmark", dependencies: ["Engine", "ProcessControl", "BenchmarkSupport"]),
        // One atlas of a trained network, phase by phase (swift run -c release AtlasBenchmark).
        .executableTarget(name: "AtlasBenchmark", dependencies: ["Atlas", "Engine", "Datasets", "Shared", "ProcessControl"]),
        // A default-sweep cell's readout fits, exported for the scikit-learn and PyTorch anchors
        // (scripts/bench-readout).
        .executableTarget(name: "ReadoutBenchmark", dependencies: ["Engine", "Datasets", "ProcessControl"]),
        // The real coordinator as a process against fake workers and raw ZeroMQ (swift build -c release).
        .executableTarget(name: "CoordinatorBenchmark", dependencies: ["Shared", "BenchmarkSupport"]),

        // MARK: Tests
        // Runs the built executables as processes; shared by the end-to-end tests.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ZlibTests", dependencies: ["Zlib"]),
        .testTarget(name: "ProcessControlTests", dependencies: ["ProcessControl"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], exclude: ["Fixtures"]),
        .testTarget(name: "AtlasTests", dependencies: ["Atlas", "Engine"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Engine", "Shared", "Zlib"], exclude: ["Fixtures"]),
        .testTarget(name: "SharedTests", dependencies: ["Shared"], exclude: ["Fixtures"]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "Shared", "Engine", "Datasets", "TestSupport"]),
        .testTarget(name: "CoordinatorTests", dependencies: ["Coordinator", "Shared", "Engine", "TestSupport"], exclude: ["Fixtures"]),
        // Real ZeroMQ on loopback and real SQLite files; no processes.
        .testTarget(name: "IntegrationTests", dependencies: ["Coordinator", "Shared", "CZeroMQ", "TestSupport"]),
        // The real coordinator and worker binaries as processes: kill them, restart them, attack them.
        .testTarget(name: "EndToEndTests", dependencies: ["Coordinator", "Shared", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
