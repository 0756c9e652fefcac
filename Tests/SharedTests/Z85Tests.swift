import CZeroMQ
import Testing
@testable import Shared

/// Z85 (ZeroMQ RFC 32) and `CurveKey`, the text form of docs/protocol.md §7.2 key files.
struct Z85Tests {
    /// RFC 32's known answer: these 8 bytes are "HelloWorld".
    @Test func rfc32KnownAnswerEncodesAndDecodes() {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(bytes) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == bytes)
    }

    @Test func everyByteValueSurvivesARoundTrip() {
        let bytes = (0..<256).map { UInt8($0) } + [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        let text = Z85.encode(bytes)
        #expect(text?.count == bytes.count / 4 * 5)
        #expect(text.flatMap(Z85.decode) == bytes)
        #expect(Z85.encode([]) == "" && Z85.decode("") == [])
    }

    @Test func lengthsThatAreNotWholeGroupsAreRejected() {
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(Z85.decode("Hello1") == nil)
        #expect(Z85.decode("Hell") == nil)
    }

    @Test func charactersOutsideTheAlphabetAndOverflowingGroupsAreRejected() {
        #expect(Z85.decode("Hello Worl") == nil, "space is not a Z85 character")
        #expect(Z85.decode("Hello\"orl") == nil)
        #expect(Z85.decode("Helloé") == nil, "multi-byte UTF-8 is not Z85")
        #expect(Z85.decode("#####") == nil, "85⁵ − 1 exceeds 32 bits")
        #expect(Z85.decode("Hell\u{0}World") == nil, "a NUL would end the text early for libzmq")
        #expect(Z85.decode("%nSc0") == [0xFF, 0xFF, 0xFF, 0xFF], "the largest group that fits")
    }

    /// §7.2: keys are exactly what zmq_curve_keypair writes; our decoding agrees with libzmq's, and
    /// zmq_curve_public derives the same public key from the secret.
    @Test func curveKeysAgreeWithLibzmq() throws {
        var publicText = [CChar](repeating: 0, count: 41)
        var secretText = [CChar](repeating: 0, count: 41)
        try #require(zmq_curve_keypair(&publicText, &secretText) == 0)
        let publicZ85 = Self.text(publicText), secretZ85 = Self.text(secretText)
        let publicKey = try CurveKey(z85: publicZ85)
        let secretKey = try CurveKey(z85: secretZ85)
        #expect(publicKey.z85 == publicZ85 && publicKey.description == publicZ85)

        var decoded = [UInt8](repeating: 0, count: 32)
        try #require(zmq_z85_decode(&decoded, publicZ85) != nil)
        #expect(publicKey.bytes == decoded)
        #expect(try CurveKeyPair.publicKey(for: secretKey) == publicKey)

        let generated = try CurveKeyPair.generate()
        #expect(try CurveKeyPair.publicKey(for: generated.secretKey) == generated.publicKey)
        #expect(generated.publicKey != generated.secretKey)
    }

    @Test func curveKeysOfTheWrongSizeOrTextAreInvalid() throws {
        #expect(throws: KeyFileError.invalidKey(path: nil, problem: "31 bytes instead of 32")) {
            try CurveKey(bytes: [UInt8](repeating: 0, count: 31))
        }
        #expect(throws: KeyFileError.invalidKey(path: nil, problem: "10 characters instead of 40")) {
            try CurveKey(z85: "HelloWorld")
        }
        #expect(throws: KeyFileError.invalidKey(path: nil, problem: "not Z85 text")) {
            try CurveKey(z85: String(repeating: "Hello Worl", count: 4))
        }
        let key = try CurveKey(bytes: [UInt8](repeating: 9, count: 32))
        #expect(try CurveKey(z85: key.z85) == key)
    }

    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
