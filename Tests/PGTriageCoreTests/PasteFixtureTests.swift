import Testing
@testable import PGTriageCore

/// Every paste style of scripts/capture-paste-fixtures.sh (real psql 15 output and server logs)
/// reads to the same tree as its JSON twin, every plan of it.
@Suite struct PasteFixtureTests {
    @Test(arguments: PasteFixtures.all.map(\.name))
    func readsAsItsJSONTwin(name: String) throws {
        let fixture = try #require(PasteFixtures.all.first { $0.name == name })
        let plans = try PlanParser.parseAll(fixture.text)
        let twins = try PlanParser.parseAll(PasteFixtures.named(fixture.twin))
        #expect(plans.count == twins.count, "\(name): \(plans.count) plans, its twin \(twins.count)")
        for (plan, twin) in zip(plans, twins) {
            // The log's text and JSON entries are two executions: the same plan, other times.
            expectSameTree(plan, twin, times: false, buffers: false, exactRows: !name.hasPrefix("log"), name)
        }
    }

    /// A terminal narrower than the plan cuts its lines anywhere, inside a word or at a blank:
    /// folded at every width from 30 to 80 columns, the nodes, their estimates and their order
    /// are still the JSON twin's.
    @Test func linesCutByATerminalAtAnyWidthStillGiveTheTree() throws {
        let twin = try PlanParser.parse(PasteFixtures.named("json"))
        let lines = PasteFixtures.named("text_unaligned").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for width in 30...80 {
            let folded = lines.flatMap { line -> [String] in
                var rest = Substring(line), out: [String] = []
                while rest.count > width { out.append(String(rest.prefix(width))); rest = rest.dropFirst(width) }
                return out + [String(rest)]
            }
            let plan = try PlanParser.parse(folded.joined(separator: "\n"))
            #expect(plan.nodes.map(\.nodeType) == twin.nodes.map(\.nodeType), "width \(width)")
            #expect(plan.nodes.map(\.planRows) == twin.nodes.map(\.planRows), "width \(width)")
            #expect(plan.nodes.map(\.totalCost) == twin.nodes.map(\.totalCost), "width \(width)")
        }
    }

    @Test func theEchoedStatementBecomesTheQueryText() throws {
        let echoed = try PlanParser.parse(PasteFixtures.named("text_echo"))
        #expect(echoed.queryText == "SELECT count(*) FROM t JOIN c ON c.id = t.id WHERE t.status = 'late' AND c.region = 'eu'")
        let prompted = try PlanParser.parse(PasteFixtures.named("text_prompt"))
        #expect(prompted.queryText == "SELECT count(*) FROM t JOIN c ON c.id = t.id\nWHERE t.status = 'late' AND c.region = 'eu'")
    }

    @Test func severalPlansAreKeptAndSaidSo() throws {
        for name in ["rules_text", "rules_json_psql", "rules_xml_psql", "log1_text", "log3_json"] {
            let plans = try PlanParser.parseAll(PasteFixtures.named(name))
            #expect(plans.count == 2, "\(name)")
            let first = try PlanParser.parse(PasteFixtures.named(name))
            #expect(first.warnings.contains("the input holds 2 plans; the first is shown"), "\(name): \(first.warnings)")
        }
        let log = try PlanParser.parseAll(PasteFixtures.named("log2_text"))
        #expect(log.map { $0.root.title } == ["Delete on child", "Delete on parent"])
        #expect(log.allSatisfy { $0.logDuration != nil })
        #expect(log[0].queryText?.hasPrefix("DELETE FROM ONLY \"public\".\"child\"") == true)
    }

    @Test func unreadableInputSaysWhereAndWhat() {
        let cases: [(String, Int, Int, String)] = [
            ("[{\"Plan\": {\"Node Type\": \"Seq Scan\",\n  \"Total Cost\" 5}}]", 2, 16, "expected"),
            ("- Plan: \n    Node Type: \"Result\"\n      Total Cost: 1", 3, 7, "invalid YAML"),
            ("<explain><Query><Plan><Node-Type>Result</Node-Type></Query></explain>", 1, 52, "invalid XML"),
            ("\n\n  SELECT * FROM t WHERE a = 1;\n", 3, 3, "expected JSON, YAML, XML or EXPLAIN text"),
        ]
        for (input, line, column, words) in cases {
            do {
                _ = try PlanParser.parse(input)
                Issue.record("parsed: \(input)")
            } catch let error as PlanParseError {
                #expect(error.line == line && error.column == column, "\(input): \(error)")
                #expect(error.description.contains(words), "\(error)")
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("not a PlanParseError: \(error)")
            }
        }
    }

    /// postgres_fdw's direct modification: the text's `Foreign Update` is JSON's Foreign Scan
    /// with `Operation: Update` (the node above it is the ModifyTable's `Update`).
    @Test func foreignUpdateIsAForeignScanThatUpdates() throws {
        let text = try PlanParser.parse("""
            Update on public.ft  (cost=100.00..146.00 rows=0 width=0)
              ->  Foreign Update on public.ft  (cost=100.00..146.00 rows=10 width=42)
            """)
        let json = try PlanParser.parse("""
            [{"Plan": {"Node Type": "ModifyTable", "Operation": "Update", "Relation Name": "ft", "Schema": "public", "Alias": "ft",
              "Startup Cost": 100.00, "Total Cost": 146.00, "Plan Rows": 0, "Plan Width": 0, "Plans": [
              {"Node Type": "Foreign Scan", "Operation": "Update", "Parent Relationship": "Outer", "Relation Name": "ft",
               "Schema": "public", "Alias": "ft", "Startup Cost": 100.00, "Total Cost": 146.00, "Plan Rows": 10, "Plan Width": 42}]}}]
            """)
        expectSameTree(text, json, times: false, buffers: false, "foreign update")
        #expect(text.nodes[1].operation == "Update" && text.nodes[1].title == "Foreign Update on public.ft")
    }
}
