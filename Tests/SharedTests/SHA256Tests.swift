import Testing
@testable import Shared

/// Known answers from NIST's FIPS 180-4 examples (csrc.nist.gov, "SHA256.pdf" and
/// "SHA2_Additional.pdf").
struct SHA256Tests {
    @Test func emptyMessageHashesToTheNISTDigest() {
        #expect(SHA256.hexDigest(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcHashesToTheNISTDigest() {
        #expect(SHA256.hexDigest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func the448BitMessageHashesToTheNISTDigest() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hexDigest(of: message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func the896BitMessageHashesToTheNISTDigest() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
            + "lmnopqrsmnopqrstnopqrstu"
        #expect(SHA256.hexDigest(of: message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionLettersAHashToTheNISTDigest() {
        let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(SHA256.hex(digest) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000])
    func feedingAMessageInPiecesGivesTheOneShotDigest(pieceSize: Int) {
        let message = (0..<1500).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        var offset = 0
        while offset < message.count {
            let end = min(offset + pieceSize, message.count)
            hasher.update(message[offset..<end])
            offset = end
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test(arguments: [55, 56, 57, 63, 64, 119, 120])
    func messagesNearThePaddingBoundaryMatchTheIncrementalDigest(length: Int) {
        // 55/56 and 119/120 bytes are where the length field spills into an extra block.
        let message = [UInt8](repeating: 0x61, count: length)
        var hasher = SHA256()
        for byte in message { hasher.update([byte]) }
        #expect(hasher.finalize() == SHA256.hash(message))
    }
}
