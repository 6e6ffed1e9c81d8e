#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a slow pane's rows were built from: the read (its server time and database) and the
/// pane's `rowsKey`. Every refresh hands the pane the same read again until the next one (30 s
/// on): with 100 000 rows, filtering and sorting them again each second cost more than the rest
/// of the console, so a pane rebuilds only when this changes.
struct RowsSource: Equatable, Sendable {
    var capturedAt: Date?
    var database: String?
    var key: [String]
}
