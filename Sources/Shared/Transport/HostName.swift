import Glibc

/// This machine's name as `hostname` prints it: what a worker reports in `READY`, and what the
/// coordinator writes to `coordinator.json` so that a client on another machine can tell it is
/// elsewhere.
public enum HostName {
    /// The kernel's node name, clipped to what `READY` allows (1–255 bytes); `unknown` if unset.
    public static func current() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return name.isEmpty ? "unknown" : String(name.prefix(WireConstants.hostBytesRange.upperBound))
    }
}
