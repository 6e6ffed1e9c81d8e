import Testing
@testable import PGTriageUI
import PGTriageCore

/// `R` asks the service for the assessment report and says where it went; the screen never
/// waits for it (the service gathers it on a thread of its own).
@Suite struct ReportKeyTests {
    @Test func rAsksForTheReportAndSaysSo() {
        var s = Fixtures.state()
        #expect(Fixtures.press([.char("R")], &s) == [.writeReport])
        #expect(s.status?.text == "writing the assessment report (a few seconds)...")
        _ = update(&s, .service(.reportWritten(path: "/home/dba/pgtriage-report-shop-20261130-064212.md")))
        #expect(s.status?.text == "report written to /home/dba/pgtriage-report-shop-20261130-064212.md")
        #expect(s.status?.kind == .info)
        _ = update(&s, .service(.reportFailed("a report is already being written")))
        #expect(s.status?.text == "could not write the report: a report is already being written")
        #expect(s.status?.kind == .error)
    }

    @Test func theOfflinePlanBrowserRefusesIt() {
        var s = AppState.offlinePlan(PlanSamples.document(PlanSamples.sortSpill, source: "file spill.txt"), label: "plan spill.txt")
        #expect(Fixtures.press([.char("R")], &s).isEmpty)
        #expect(s.status?.text == "offline (pgtriage plan FILE): only the Plan pane, no server")
    }

    @Test func theRuntimeHandsItToTheServiceForTheCurrentFolder() {
        let backend = MemoryBackend(width: 80, height: 24)
        let service = ScriptedService()
        let clock = TestClock()
        let runtime = ConsoleRuntime(backend: backend, service: service, state: AppState(connectionLabel: "triage@db1:5432/shop"),
                                     clock: { clock.now }, tickMilliseconds: 250)
        runtime.start()
        service.emit(.connected(target: "triage@db1:5432/shop", info: Fixtures.info))
        service.emit(.snapshot(Fixtures.snapshot()))
        runtime.step()
        backend.pushKeys([.char("R")])
        runtime.step()
        #expect(service.calls.contains(.writeReport(".")))
        #expect(backend.lines()[23].contains("writing the assessment report"))
        service.emit(.reportWritten(path: "/tmp/pgtriage-report-shop.md"))
        runtime.step()
        #expect(backend.lines()[23].contains("report written to /tmp/pgtriage-report-shop.md"))
    }
}
