import Testing
@testable import PGTriageCore
@Test func placeholder() { #expect(PGTriageCoreVersion.string == "0.1.0") }
