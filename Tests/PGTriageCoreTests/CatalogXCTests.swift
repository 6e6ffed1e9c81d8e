import XCTest
@testable import PGTriageCore

/// The catalog's SQL rules, as XCTest (the suite runs both XCTest and Swift Testing).
final class CatalogXCTests: XCTestCase {
    func testRefreshReadsActivityOnceAndBlockingPidsOnlyForLockWaits() {
        let sql = Catalog(serverVersion: 150000).refresh(queryLength: 256, trackActivityQuerySize: 1024)
        XCTAssertEqual(sql.components(separatedBy: "FROM pg_stat_activity").count - 1, 1)
        XCTAssertTrue(sql.contains("CASE WHEN wait_event_type = 'Lock' THEN pg_blocking_pids(pid) END"))
        XCTAssertTrue(sql.contains("left(query, 256)"))
        XCTAssertFalse(sql.contains("pg_relation_size"))
        XCTAssertEqual(Catalog.serverCutThreshold(trackActivityQuerySize: 1024), 1020)
        XCTAssertFalse(sql.contains("pg_locks"), "pg_locks costs lock-manager locks: read only for a limited role")
        let limited = Catalog(serverVersion: 150000).refresh(queryLength: 256, trackActivityQuerySize: 1024, waitsFromPgLocks: true)
        XCTAssertEqual(limited.components(separatedBy: "FROM pg_locks").count - 1, 1)
        XCTAssertTrue(limited.contains("CASE WHEN pid IN (SELECT pid FROM lock_waiters) THEN pg_blocking_pids(pid) END"))
    }
}
