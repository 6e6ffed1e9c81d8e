/// The last result of a slow section (`SnapshotSection.isSlow`), kept by the monitoring thread
/// and put into every snapshot while its pane is shown. A new slow section adds a case here, a
/// case to `read` and one to `apply`.
enum SlowSectionResult: Sendable {
    case bloat(SectionResult<BloatSection>)
    /// Read by the monitoring session's own `IndexesReader`, which keeps the shape between
    /// reads and rates them (`IndexesSection.rated` leaves such a section as it is).
    case indexes(SectionResult<IndexesSection>)
    case tables(SectionResult<TablesSection>)

    /// Reads one slow section on the monitoring connection; `indexes` is kept between reads.
    static func read(_ section: SnapshotSection, on connection: PGConnection,
                     indexes: inout IndexesReader) throws -> SlowSectionResult? {
        switch section {
        case .statements, .replication: return nil  // read at every refresh, by their own readers
        case .bloat: return .bloat(try BloatReader().read(connection))
        case .indexes: return .indexes(try indexes.read(connection))
        case .tables: var reader = TablesReader(); return .tables(try reader.read(connection))
        }
    }

    func apply(to snapshot: inout Snapshot) {
        switch self {
        case .bloat(let result): snapshot.setBloat(result)
        case .indexes(let result): snapshot.setIndexes(result)
        case .tables(let result): snapshot.setTables(result)
        }
    }
}
