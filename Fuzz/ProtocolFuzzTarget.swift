import Foundation

// libFuzzer target for the WSP/1 decoders (docs/protocol.md §6): every input is split into frames
// (FuzzInput) and handed to each decoder the coordinator, a worker and a client use. Beyond "never
// traps", three properties are checked, and a violation aborts so libFuzzer saves the input:
//
// 1. Every failure is a `ProtocolError` (the decoders' typed throws make this structural) and its
//    description is not empty: the coordinator logs it as the reason a message was dropped.
// 2. Round trip: whatever decodes re-encodes to frames that decode to an equal message.
// 3. `decodeAtCoordinator` agrees with `decodeFromWorker` / `decodeFromClient`.
// 4. Differential: for any frame that passes the §2.5 checks, the hand-written `CellResultReader`
//    and `JSONDecoder` agree whenever both accept, and the reader never accepts what
//    `JSONDecoder` refuses (JSONFrameRules.decodeCellResult promises this).
//
// Built by scripts/ci/fuzz together with Sources/Shared/{Protocol,Results,Hashing} in one module.

func fuzzFailure(_ what: String, _ frames: [[UInt8]]) -> Never {
    let shown = frames.map { frame in
        String(decoding: frame.prefix(200), as: UTF8.self).debugDescription + (frame.count > 200 ? "…(\(frame.count) bytes)" : "")
    }
    fatalError("fuzz property violated: \(what)\nframes: \(shown)")
}

func checkError(_ error: ProtocolError, _ frames: [[UInt8]]) {
    if "\(error)".isEmpty { fuzzFailure("a ProtocolError with an empty description: \(String(reflecting: error))", frames) }
}

func fuzzOne(_ frames: [[UInt8]]) {
    // Coordinator side: a worker's or a client's message.
    var asWorker: WorkerMessage?
    var asClient: ClientMessage?
    do {
        let message = try WireCodec.decodeFromWorker(frames)
        asWorker = message
        let again: WorkerMessage
        do { again = try WireCodec.decodeFromWorker(WireCodec.encode(message)) } catch {
            fuzzFailure("re-encoded \(message.command) no longer decodes: \(error)", frames)
        }
        if again != message { fuzzFailure("\(message.command) changed in a round trip: \(message) became \(again)", frames) }
    } catch { checkError(error, frames) }
    do {
        let message = try WireCodec.decodeFromClient(frames)
        asClient = message
        let again: ClientMessage
        do { again = try WireCodec.decodeFromClient(WireCodec.encode(message)) } catch {
            fuzzFailure("re-encoded \(message.command) no longer decodes: \(error)", frames)
        }
        if again != message { fuzzFailure("\(message.command) changed in a round trip", frames) }
    } catch { checkError(error, frames) }
    do {
        switch try WireCodec.decodeAtCoordinator(frames) {
        case let .worker(message):
            if asWorker != message { fuzzFailure("decodeAtCoordinator gave a worker message decodeFromWorker did not", frames) }
        case let .client(message):
            if asClient != message { fuzzFailure("decodeAtCoordinator gave a client message decodeFromClient did not", frames) }
        }
    } catch {
        checkError(error, frames)
        if asWorker != nil || asClient != nil { fuzzFailure("decodeAtCoordinator refused what a role decoder accepted: \(error)", frames) }
    }

    // Worker side: the coordinator's messages.
    do {
        let message = try WireCodec.decodeFromCoordinator(frames)
        let again: CoordinatorMessage
        do { again = try WireCodec.decodeFromCoordinator(WireCodec.encode(message)) } catch {
            fuzzFailure("re-encoded \(message.command) no longer decodes: \(error)", frames)
        }
        if again != message { fuzzFailure("\(message.command) changed in a round trip: \(message) became \(again)", frames) }
    } catch { checkError(error, frames) }

    // The result object on its own, whichever frame carries it.
    for frame in frames where frame.first == UInt8(ascii: "{") || frame.first == UInt8(ascii: " ") {
        checkCellResultReader(frame, frames)
    }
}

func checkCellResultReader(_ frame: [UInt8], _ frames: [[UInt8]]) {
    let fast: Result<CellResult, ProtocolError>
    do { fast = .success(try JSONFrameRules.decodeCellResult(from: frame, command: .result, frame: 5)) } catch {
        checkError(error, frames)
        fast = .failure(error)
    }
    // Only frames that pass §2.5 reach either schema reader.
    guard (try? JSONFrameRules.tape(frame, command: .result, frame: 5)) != nil else {
        if case .success = fast { fuzzFailure("CellResultReader accepted a frame that fails §2.5", frames) }
        return
    }
    let reference = try? JSONDecoder().decode(CellResult.self, from: Data(frame))
    switch (fast, reference) {
    case let (.success(mine), reference?):
        if mine != reference { fuzzFailure("CellResultReader and JSONDecoder read different values:\n\(mine)\n\(reference)", frames) }
    case (.success, nil):
        fuzzFailure("CellResultReader accepted a result JSONDecoder refuses", frames)
    default:
        break
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzzOne(FuzzInput.frames(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// `FUZZ_WRITE_SEEDS=DIR fuzzer` writes the seed corpus to DIR and exits (libFuzzer calls this
/// before anything else, so the seeds come from the very encoders under test).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let directory = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] else { return 0 }
    do {
        let seeds = try SeedCorpus.all()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, frames) in seeds {
            try Data(FuzzInput.bytes(frames)).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        FileHandle.standardError.write(Data("wrote \(seeds.count) seeds to \(directory)\n".utf8))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("cannot write the seed corpus to \(directory): \(error)\n".utf8))
        exit(2)
    }
}

/// Frame-aware mutation: libFuzzer's byte mutations alone rarely keep the 2-byte lengths in step
/// with the frames they describe, so most inputs would only exercise the envelope checks. Most of
/// the time one frame is mutated as a whole (its length follows), or frames are dropped,
/// repeated or swapped; otherwise the raw bytes are mutated, which splits and joins frames.
@_cdecl("LLVMFuzzerCustomMutator")
public func fuzzerCustomMutator(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt) -> Int {
    guard let data else { return 0 }
    var rng = FuzzRandom(seed: UInt64(seed))
    var frames = FuzzInput.frames(UnsafeBufferPointer(start: data, count: size))
    let choice = rng.below(10)
    if frames.isEmpty || choice >= 8 {
        return LLVMFuzzerMutate(data, size, maxSize)
    }
    let index = rng.below(frames.count)
    switch choice {
    case 0:
        frames.remove(at: index)
    case 1:
        frames.insert(frames[index], at: rng.below(frames.count + 1))
    case 2:
        frames.swapAt(index, rng.below(frames.count))
    default:
        var frame = frames[index]
        let room = min(0xFFFF, frame.count + 64)
        let used = frame.count
        frame += [UInt8](repeating: 0, count: room - used)
        let newSize = frame.withUnsafeMutableBufferPointer { LLVMFuzzerMutate($0.baseAddress!, used, room) }
        frames[index] = Array(frame.prefix(newSize))
    }
    let bytes = FuzzInput.bytes(frames)
    guard bytes.count <= maxSize else { return LLVMFuzzerMutate(data, size, maxSize) }
    bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: bytes.count) }
    return bytes.count
}

/// SplitMix64: the mutator must be a function of libFuzzer's seed, so runs replay.
struct FuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
