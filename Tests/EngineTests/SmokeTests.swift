import Testing
@testable import Engine
@Test func builds() { #expect(BLAS.threads >= 1) }
