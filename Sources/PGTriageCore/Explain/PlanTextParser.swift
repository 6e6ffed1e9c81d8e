/// Reads EXPLAIN's default text format (as psql prints it and auto_explain logs it) into the same
/// tree and property names as FORMAT JSON, so analysis and display never care which one came in.
///
/// The structure is in the indentation: a child is `->  Name` two columns right of its parent's
/// name, a property is two columns right of its node's name, `InitPlan 1`, `SubPlan 2` and
/// `CTE name` headers sit where a child's arrow would and name the next child. Lines at the
/// root's column after the tree are plan-level (`Planning Time`, `Execution Time`, `Trigger`,
/// `JIT:`, `Settings`). A line we cannot place is taken as the wrapped tail of the line before
/// (a terminal-wrapped paste).
enum PlanTextParser {
    private final class NodeBuilder {
        var properties: [(String, PlanValue)] = []
        var header = ""
        var parent: Int?
        var depth: Int
        var nameColumn: Int
        var children: [Int] = []
        var workers: [(Int, [(String, PlanValue)])] = []
        var subplanName: String?
        var targets: [PlanValue] = []

        init(parent: Int?, depth: Int, nameColumn: Int) {
            self.parent = parent
            self.depth = depth
            self.nameColumn = nameColumn
        }

        func set(_ key: String, _ value: PlanValue) {
            if let index = properties.firstIndex(where: { $0.0 == key }) { properties[index].1 = value } else { properties.append((key, value)) }
        }

        func setWorker(_ number: Int, _ key: String, _ value: PlanValue) {
            if let index = workers.firstIndex(where: { $0.0 == number }) {
                if let k = workers[index].1.firstIndex(where: { $0.0 == key }) { workers[index].1[k].1 = value } else { workers[index].1.append((key, value)) }
            } else {
                workers.append((number, [("Worker Number", .number(Double(number))), (key, value)]))
            }
        }
    }

    private enum Continuation {
        case none
        case header(Int)
        case nodeProperty(Int, String)
        case planProperty(String)
        case queryText
    }

    /// Several plans in one text (EXPLAIN prints one per statement a rule makes, a blank line
    /// between them): cut where a blank line is followed by a node at the first root's column.
    static func splitPlans(_ body: String) -> [String] {
        // Most texts hold one plan and no blank line: one pass over the bytes says so.
        guard hasBlankLine(body) else { return [body] }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var pieces: [String] = []
        var current: [Substring] = []
        var rootColumn: Int?
        var afterBlank = false
        for line in lines {
            let content = String(line).trimmedPlanSpaces()
            if content.isEmpty { afterBlank = true; current.append(line); continue }
            let column = line.prefix { $0 == " " || $0 == "\t" }.count
            let header = !content.hasPrefix("->") && isNodeHeader(content)
            if let root = rootColumn {
                if afterBlank, header, column <= root, current.contains(where: { !$0.allSatisfy { $0 == " " } }) {
                    pieces.append(current.joined(separator: "\n"))
                    current = []
                }
            } else if header {
                rootColumn = column
            }
            afterBlank = false
            current.append(line)
        }
        if !current.isEmpty { pieces.append(current.joined(separator: "\n")) }
        return pieces.isEmpty ? [body] : pieces
    }

    /// Whether a line holds nothing but blanks (the last line excepted: it may be the end).
    static func hasBlankLine(_ text: String) -> Bool {
        var sawNewline = false
        var onlyBlanks = true
        for byte in text.utf8 {
            if byte == 10 {
                if sawNewline && onlyBlanks { return true }
                sawNewline = true
                onlyBlanks = true
            } else if byte != 32 && byte != 9 {
                onlyBlanks = false
            }
        }
        return false
    }

    static func parse(_ body: String, raw: String) throws -> Plan {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var builders: [NodeBuilder] = []
        var stack: [Int] = []
        var planProperties: [(String, PlanValue)] = []
        var rootColumn: Int?
        var treeDone = false
        var section: (name: String, members: [(String, PlanValue)])?
        var pendingSubplan: (name: String, column: Int)?
        var worker: (node: Int, number: Int, column: Int)?
        var continuation = Continuation.none
        var triggers: [PlanValue] = []

        func setPlan(_ key: String, _ value: PlanValue) {
            if let index = planProperties.firstIndex(where: { $0.0 == key }) { planProperties[index].1 = value } else { planProperties.append((key, value)) }
        }
        func closeSection() {
            if let open = section { setPlan(open.name, .object(open.members)) }
            section = nil
        }

        for (lineIndex, line) in lines.enumerated() {
            let content = line.trimmedPlanSpaces()
            if content.isEmpty { continue }
            let column = line.prefix { $0 == " " || $0 == "\t" }.count

            // Before the root: auto_explain's "Query Text:" (possibly many lines) or nothing.
            guard let baseColumn = rootColumn else {
                if isNodeHeader(content) {
                    let root = NodeBuilder(parent: nil, depth: 0, nameColumn: column)
                    applyHeader(content, to: root)
                    builders.append(root)
                    stack = [0]
                    rootColumn = column
                    continuation = .header(0)
                } else if content.hasPrefix("Query Text:") {
                    setPlan("Query Text", .string(String(content.dropFirst("Query Text:".count)).trimmedPlanSpaces()))
                    continuation = .queryText
                } else if case .queryText = continuation, let index = planProperties.firstIndex(where: { $0.0 == "Query Text" }) {
                    planProperties[index].1 = .string((planProperties[index].1.string ?? "") + "\n" + line)
                } else if let (key, value) = keyValue(content) {
                    setPlan(key, plainValue(key: key, value))
                } else if lineIndex > 20 {
                    break
                }
                continue
            }

            let isArrow = content.hasPrefix("->")
            let recognised = isArrow || isSubplanHeader(content) || keyValue(content) != nil || workerLine(content) != nil
                || targetLine(content) != nil || content.hasPrefix("Trigger ") || content == "Planning:" || content == "JIT:"
            if !recognised {
                // The wrapped tail of the previous line.
                switch continuation {
                case .header(let id):
                    builders[id].header += blankBeforeTail(builders[id].header, content) + content
                    applyHeader(builders[id].header, to: builders[id])
                case .nodeProperty(let id, let key):
                    if let value = builders[id].properties.first(where: { $0.0 == key })?.1 {
                        builders[id].set(key, appendText(value, content))
                    }
                case .planProperty(let key):
                    if let value = planProperties.first(where: { $0.0 == key })?.1 { setPlan(key, appendText(value, content)) }
                case .queryText, .none:
                    break
                }
                continue
            }

            if column <= baseColumn && !isArrow {
                // Plan level: after the tree.
                treeDone = true
                closeSection()
                worker = nil
                if content == "Planning:" || content == "JIT:" {
                    section = (String(content.dropLast()), [])
                    continuation = .none
                } else if content.hasPrefix("Trigger ") {
                    triggers.append(parseTrigger(content))
                    continuation = .none
                } else if let (key, value) = keyValue(content) {
                    setPlan(key, planValue(key: key, value))
                    continuation = .planProperty(key)
                }
                continue
            }
            if treeDone {
                if section != nil, let (key, value) = keyValue(content) {
                    for (k, v) in sectionValues(section: section!.name, key: key, value) {
                        section!.members.append((k, v))
                    }
                }
                continue
            }

            if isArrow {
                let afterArrow = content.dropFirst(2)
                let name = afterArrow.droppingLeadingPlanSpaces()
                let nameColumn = column + 2 + (afterArrow.count - name.count)
                while let top = stack.last, builders[top].nameColumn >= column, stack.count > 1 { stack.removeLast() }
                let parent = stack.last ?? 0
                guard builders[parent].depth < 200 else {
                    throw PlanParseError(kind: .invalidText, message: "the plan is nested deeper than 200 levels", line: lineIndex + 1)
                }
                let node = NodeBuilder(parent: parent, depth: builders[parent].depth + 1, nameColumn: nameColumn)
                if let pending = pendingSubplan, pending.column < column {
                    node.subplanName = pending.name
                }
                pendingSubplan = nil
                applyHeader(String(name), to: node)
                let id = builders.count
                builders.append(node)
                builders[parent].children.append(id)
                stack.append(id)
                worker = nil
                continuation = .header(id)
                continue
            }
            if isSubplanHeader(content) {
                while let top = stack.last, builders[top].nameColumn >= column, stack.count > 1 { stack.removeLast() }
                pendingSubplan = (content, column)
                continuation = .none
                continue
            }
            // A property of the nearest node to the left.
            while let top = stack.last, builders[top].nameColumn >= column, stack.count > 1 { stack.removeLast() }
            let id = stack.last ?? 0
            let node = builders[id]
            if let (number, rest) = workerLine(content) {
                worker = (id, number, column)
                for (key, value) in workerValues(rest) { node.setWorker(number, key, value) }
                continuation = .none
                continue
            }
            if let current = worker, current.node == id, column > current.column, let (key, value) = keyValue(content) {
                for (k, v) in nodeValues(key: key, value, nodeType: node.properties.first { $0.0 == "Node Type" }?.1.string) {
                    node.setWorker(current.number, k, v)
                }
                continue
            }
            worker = nil
            if let target = targetLine(content) {
                node.targets.append(target)
                continuation = .none
                continue
            }
            if let (key, value) = keyValue(content) {
                let nodeType = node.properties.first { $0.0 == "Node Type" }?.1.string
                for (k, v) in nodeValues(key: key, value, nodeType: nodeType) { node.set(k, v) }
                continuation = .nodeProperty(id, key)
            }
        }
        closeSection()
        if !triggers.isEmpty {
            let index = planProperties.firstIndex { $0.0 == "Execution Time" } ?? planProperties.count
            planProperties.insert(("Triggers", .array(triggers)), at: index)
        }
        guard !builders.isEmpty else {
            // Where reading stopped: the first line that is not a plan's (the input's own
            // numbering when it came without a frame).
            let first = lines.firstIndex { !$0.trimmedPlanSpaces().isEmpty }
            let column = first.map { lines[$0].prefix { $0 == " " || $0 == "\t" }.count + 1 }
            let seen = first.map { " (found \"" + String(lines[$0].trimmedPlanSpaces().prefix(40)) + "\")" } ?? ""
            throw PlanParseError(kind: .invalidText, message: "no plan node found: expected JSON, YAML, XML or EXPLAIN text such as \"Seq Scan on t  (cost=...)\"" + seen,
                                 line: first.map { $0 + 1 }, column: column)
        }

        // Each child's place among its parent's children that are not subplans (Outer, Inner),
        // counted once here: looking it up per child is quadratic under an Append of thousands.
        var positions = [Int](repeating: 0, count: builders.count)
        for builder in builders {
            var position = 0
            for child in builder.children where builders[child].subplanName == nil {
                positions[child] = position
                position += 1
            }
        }
        var nodes: [PlanNode] = []
        nodes.reserveCapacity(builders.count)
        for (id, builder) in builders.enumerated() {
            var properties = builder.properties
            if let name = builder.subplanName {
                let relationship = name.hasPrefix("SubPlan") ? "SubPlan" : "InitPlan"
                properties.insert(("Parent Relationship", .string(relationship)), at: min(1, properties.count))
                properties.insert(("Subplan Name", .string(name)), at: min(2, properties.count))
            } else if let parent = builder.parent {
                let parentType = builders[parent].properties.first { $0.0 == "Node Type" }?.1.string ?? ""
                let position = positions[id]
                let relationship: String
                switch parentType {
                case "Append", "Merge Append", "BitmapAnd", "BitmapOr": relationship = "Member"
                case "Subquery Scan": relationship = "Subquery"
                default: relationship = position == 0 ? "Outer" : (position == 1 ? "Inner" : "Member")
                }
                properties.insert(("Parent Relationship", .string(relationship)), at: min(1, properties.count))
            }
            if !builder.targets.isEmpty { properties.append(("Target Tables", .array(builder.targets))) }
            let workers = builder.workers.map { PlanWorker(number: $0.0, properties: $0.1) }
            if !workers.isEmpty { properties.append(("Workers", .array(workers.map { .object($0.properties) }))) }
            var node = PlanNode(id: id, parentID: builder.parent, depth: builder.depth, properties: properties, workers: workers)
            node.childIDs = builder.children
            nodes.append(node)
        }
        return Plan(nodes: nodes, properties: planProperties, rawText: raw, sourceFormat: .text)
    }

    // MARK: - Line kinds

    static func isSubplanHeader(_ content: String) -> Bool {
        if content.hasPrefix("CTE ") { return !content.contains(":") || content.hasPrefix("CTE \"") }
        for prefix in ["InitPlan ", "SubPlan "] where content.hasPrefix(prefix) {
            return content.dropFirst(prefix.count).first?.isNumber == true
        }
        return false
    }

    static func isNodeHeader(_ content: String) -> Bool {
        if content.contains("(cost=") || content.contains("(actual ") || content.contains("(never executed)") { return true }
        guard !content.contains(": ") && !content.hasSuffix(":") else { return false }
        return knownNodeNames.contains { content == $0 || content.hasPrefix($0 + " ") }
    }

    /// `Key: value` with a key that reads like EXPLAIN's (words, capitalised).
    static func keyValue(_ content: String) -> (String, String)? {
        guard let range = content.firstRange(of: ": ") ?? (content.hasSuffix(":") ? content.ranges(of: ":").last : nil) else { return nil }
        let key = content[..<range.lowerBound]
        guard let first = key.first, first.isUppercase, key.count <= 40,
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "/" || $0 == "-" || $0 == "_" }) else { return nil }
        return (String(key), String(content[range.upperBound...]).trimmedPlanSpaces())
    }

    static func workerLine(_ content: String) -> (Int, String)? {
        guard content.hasPrefix("Worker ") else { return nil }
        let rest = content.dropFirst(7)
        let digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits), rest.dropFirst(digits.count).hasPrefix(":") else { return nil }
        return (number, String(rest.dropFirst(digits.count + 1)).trimmedPlanSpaces())
    }

    /// ModifyTable's per-partition lines: `Update on t_1`, `Foreign Delete on f`.
    static func targetLine(_ content: String) -> PlanValue? {
        for operation in ["Insert", "Update", "Delete", "Merge", "Foreign Insert", "Foreign Update", "Foreign Delete"] where content.hasPrefix(operation + " on ") {
            let tokens = identifierTokens(String(content.dropFirst(operation.count + 4)))
            guard let first = tokens.first else { return nil }
            var members: [(String, PlanValue)] = [("Operation", .string(operation))]
            let (schema, name) = splitQualified(first)
            members.append(("Relation Name", .string(name)))
            if let schema { members.append(("Schema", .string(schema))) }
            members.append(("Alias", .string(tokens.count > 1 ? unquote(tokens[1]) : name)))
            return .object(members)
        }
        return nil
    }

    // MARK: - Node header

    static let knownNodeNames = [
        "Result", "ProjectSet", "ModifyTable", "Append", "Merge Append", "Recursive Union", "BitmapAnd", "BitmapOr",
        "Nested Loop", "Merge Join", "Hash Join", "Seq Scan", "Sample Scan", "Gather", "Gather Merge", "Index Scan",
        "Index Only Scan", "Bitmap Index Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan", "Subquery Scan",
        "Function Scan", "Table Function Scan", "Values Scan", "CTE Scan", "Named Tuplestore Scan", "WorkTable Scan",
        "Foreign Scan", "Custom Scan", "Materialize", "Memoize", "Sort", "Incremental Sort", "Group", "Aggregate",
        "GroupAggregate", "HashAggregate", "MixedAggregate", "WindowAgg", "Unique", "SetOp", "HashSetOp", "LockRows",
        "Limit", "Hash", "Insert on", "Update on", "Delete on", "Merge on", "Parallel", "Partial", "Finalize", "Async",
        "Hash Left Join", "Hash Right Join", "Hash Full Join", "Hash Semi Join", "Hash Anti Join", "Hash Right Anti Join",
        "Hash Right Semi Join", "Merge Left Join", "Merge Right Join", "Merge Full Join", "Merge Semi Join", "Merge Anti Join",
        "Merge Right Anti Join", "Merge Right Semi Join", "Nested Loop Left Join", "Nested Loop Semi Join",
        "Nested Loop Anti Join", "Nested Loop Full Join", "Nested Loop Right Join",
    ]

    /// Reads `Index Scan Backward using i on public.t x  (cost=...) (actual time=... rows=... loops=...)`.
    /// A terminal cuts a line anywhere, and the tail's own leading blank is lost with the
    /// indentation; EXPLAIN always writes a blank before `rows=`, `width=`, `loops=`, `time=`
    /// and the `(actual ...)` group, and after the `on` and `using` of a node's name (`Seq Scan
    /// on orders`, `Index Scan using orders_pkey`), so a cut there gets its blank back.
    static func blankBeforeTail(_ head: String, _ tail: String) -> String {
        guard let last = head.last, last != " " else { return "" }
        for key in ["rows=", "width=", "loops=", "time=", "(actual ", "(never executed)", "(cost="] where tail.hasPrefix(key) { return " " }
        if !head.contains("(cost="), !head.contains("(actual ") {
            let words = head.split(separator: " ")
            let keywords: Set<Substring> = ["on", "using"]
            if words.count >= 3, let word = words.last, keywords.contains(word), !keywords.contains(words[words.count - 2]) { return " " }
        }
        return ""
    }

    private static func applyHeader(_ text: String, to node: NodeBuilder) {
        node.header = text
        var name = text
        var costs = ""
        var actuals = ""
        for marker in ["  (cost=", " (cost="] {
            if let range = name.firstRange(of: marker) {
                costs = String(name[range.lowerBound...])
                name = String(name[..<range.lowerBound])
                break
            }
        }
        if let range = costs.firstRange(of: " (actual ") ?? costs.firstRange(of: " (never executed)") {
            actuals = String(costs[range.lowerBound...])
            costs = String(costs[..<range.lowerBound])
        } else if let range = name.firstRange(of: " (actual ") ?? name.firstRange(of: " (never executed)") {
            actuals = String(name[range.lowerBound...])
            name = String(name[..<range.lowerBound])
        }
        node.properties = []
        for (key, value) in nameProperties(name.trimmedPlanSpaces()) { node.set(key, value) }
        let costValues = parenthesisPairs(costs)
        if let cost = costValues["cost"] {
            let parts = cost.planRange(separatedByDots: true)
            if let startup = parts.0 { node.set("Startup Cost", .number(startup)) }
            if let total = parts.1 { node.set("Total Cost", .number(total)) }
        }
        if let rows = costValues["rows"].flatMap(Double.init) { node.set("Plan Rows", .number(rows)) }
        if let width = costValues["width"].flatMap(Double.init) { node.set("Plan Width", .number(width)) }
        if actuals.contains("never executed") {
            node.set("Actual Rows", .number(0))
            node.set("Actual Loops", .number(0))
        } else if !actuals.isEmpty {
            let values = parenthesisPairs(actuals.replacingFirstPlanText(" (actual ", with: " ("))
            if let time = values["time"] {
                let parts = time.planRange(separatedByDots: true)
                if let startup = parts.0 { node.set("Actual Startup Time", .number(startup)) }
                if let total = parts.1 { node.set("Actual Total Time", .number(total)) }
            }
            if let rows = values["rows"].flatMap(Double.init) { node.set("Actual Rows", .number(rows)) }
            if let loops = values["loops"].flatMap(Double.init) { node.set("Actual Loops", .number(loops)) }
        }
    }

    /// `key=value` pairs of `(cost=0.00..1.01 rows=1 width=4)`.
    private static func parenthesisPairs(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        let inner = text.filter { $0 != "(" && $0 != ")" }
        for token in inner.split(separator: " ") {
            guard let equals = token.firstIndex(of: "=") else { continue }
            out[String(token[..<equals])] = String(token[token.index(after: equals)...])
        }
        return out
    }

    static func nameProperties(_ fullName: String) -> [(String, PlanValue)] {
        var name = fullName
        var out: [(String, PlanValue)] = []
        var parallel = false, async = false
        var partial: String?
        if name.hasPrefix("Parallel ") { parallel = true; name.removeFirst(9) }
        if name.hasPrefix("Async ") { async = true; name.removeFirst(6) }
        if name.hasPrefix("Partial ") { partial = "Partial"; name.removeFirst(8) }
        if name.hasPrefix("Finalize ") { partial = "Finalize"; name.removeFirst(9) }

        func relationFields(_ text: String, aliasOnly: Bool = false, nameKey: String = "Relation Name") {
            let tokens = identifierTokens(text)
            guard let first = tokens.first else { return }
            if aliasOnly {
                out.append(("Alias", .string(unquote(first))))
                return
            }
            let (schema, relation) = splitQualified(first)
            out.append((nameKey, .string(relation)))
            if let schema { out.append(("Schema", .string(schema))) }
            out.append(("Alias", .string(tokens.count > 1 ? unquote(tokens[1]) : relation)))
        }

        let aggregates = ["Aggregate": "Plain", "GroupAggregate": "Sorted", "HashAggregate": "Hashed", "MixedAggregate": "Mixed"]
        if let strategy = aggregates[name] {
            out.append(("Node Type", .string("Aggregate")))
            out.append(("Strategy", .string(strategy)))
            out.append(("Partial Mode", .string(partial ?? "Simple")))
        } else if name.hasPrefix("SetOp ") || name.hasPrefix("HashSetOp ") {
            out.append(("Node Type", .string("SetOp")))
            out.append(("Strategy", .string(name.hasPrefix("Hash") ? "Hashed" : "Sorted")))
            out.append(("Command", .string(String(name.drop { $0 != " " }.dropFirst()))))
        } else if name == "Nested Loop" || name == "Hash Join" || name == "Merge Join" {
            out.append(("Node Type", .string(name)))
            out.append(("Join Type", .string("Inner")))
        } else if let join = joinName(name) {
            out.append(("Node Type", .string(join.0)))
            out.append(("Join Type", .string(join.1)))
        } else if let operation = ["Insert", "Update", "Delete"].first(where: { name.hasPrefix("Foreign \($0) on ") }) {
            // A foreign table changed on the remote server directly: JSON's Foreign Scan with
            // its Operation.
            out.append(("Node Type", .string("Foreign Scan")))
            out.append(("Operation", .string(operation)))
            relationFields(String(name.dropFirst(8 + operation.count + 4)))
        } else if let operation = ["Insert", "Update", "Delete", "Merge"].first(where: { name.hasPrefix($0 + " on ") }) {
            out.append(("Node Type", .string("ModifyTable")))
            out.append(("Operation", .string(operation)))
            relationFields(String(name.dropFirst(operation.count + 4)))
        } else if name.hasPrefix("Index Scan") || name.hasPrefix("Index Only Scan") {
            let type = name.hasPrefix("Index Only Scan") ? "Index Only Scan" : "Index Scan"
            var rest = String(name.dropFirst(type.count)).trimmedPlanSpaces()
            out.append(("Node Type", .string(type)))
            var direction = "Forward"
            if rest.hasPrefix("Backward") { direction = "Backward"; rest = String(rest.dropFirst(8)).trimmedPlanSpaces() }
            out.append(("Scan Direction", .string(direction)))
            if rest.hasPrefix("using ") {
                let tokens = identifierTokens(String(rest.dropFirst(6)))
                if let index = tokens.first { out.append(("Index Name", .string(unquote(index)))) }
                if tokens.count > 2, tokens[1] == "on" { relationFields(tokens[2...].joined(separator: " ")) }
            }
        } else if name.hasPrefix("Bitmap Index Scan on ") {
            out.append(("Node Type", .string("Bitmap Index Scan")))
            if let index = identifierTokens(String(name.dropFirst(21))).first { out.append(("Index Name", .string(unquote(index)))) }
        } else if name.hasPrefix("Custom Scan (") {
            let provider = name.dropFirst(13).prefix { $0 != ")" }
            out.append(("Node Type", .string("Custom Scan")))
            out.append(("Custom Plan Provider", .string(String(provider))))
            if let on = name.firstRange(of: ") on ") { relationFields(String(name[on.upperBound...])) }
        } else if let range = name.firstRange(of: " on ") {
            let type = String(name[..<range.lowerBound])
            let target = String(name[range.upperBound...])
            out.append(("Node Type", .string(type)))
            switch type {
            case "CTE Scan", "WorkTable Scan":
                let tokens = identifierTokens(target)
                if let first = tokens.first {
                    out.append(("CTE Name", .string(unquote(first))))
                    out.append(("Alias", .string(tokens.count > 1 ? unquote(tokens[1]) : unquote(first))))
                }
            case "Function Scan":
                relationFields(target, nameKey: "Function Name")
            case "Table Function Scan":
                relationFields(target, nameKey: "Table Function Name")
            case "Named Tuplestore Scan":
                relationFields(target, nameKey: "Tuplestore Name")
            case "Subquery Scan", "Values Scan":
                relationFields(target, aliasOnly: true)
            default:
                relationFields(target)
            }
        } else {
            out.append(("Node Type", .string(name)))
            if partial != nil { out.append(("Partial Mode", .string(partial!))) }
        }
        out.insert(contentsOf: [("Parallel Aware", PlanValue.bool(parallel))], at: min(out.count, out.first?.0 == "Node Type" ? 1 : 0))
        if async { out.append(("Async Capable", .bool(true))) }
        // JSON's order: Node Type first, and the join/strategy fields next; nothing depends on it.
        return out
    }

    private static func joinName(_ name: String) -> (String, String)? {
        for type in ["Hash", "Merge"] where name.hasPrefix(type + " ") && name.hasSuffix(" Join") {
            let middle = name.dropFirst(type.count + 1).dropLast(5)
            if !middle.isEmpty { return (type + " Join", String(middle)) }
        }
        if name.hasPrefix("Nested Loop ") && name.hasSuffix(" Join") {
            return ("Nested Loop", String(name.dropFirst(12).dropLast(5)))
        }
        return nil
    }

    /// Identifiers separated by spaces, double quotes respected (`"my table" t`).
    static func identifierTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); current.append(ch); continue }
            if ch == " " && !quoted {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func unquote(_ token: String) -> String {
        guard token.count >= 2, token.hasPrefix("\""), token.hasSuffix("\"") else { return token }
        var inner = String(token.dropFirst().dropLast())
        while let range = inner.firstRange(of: "\"\"") { inner.replaceSubrange(range, with: "\"") }
        return inner
    }

    /// `public.orders` -> ("public", "orders"); quotes respected.
    static func splitQualified(_ token: String) -> (String?, String) {
        var quoted = false
        for index in token.indices {
            let ch = token[index]
            if ch == "\"" { quoted.toggle() }
            if ch == ".", !quoted {
                return (unquote(String(token[..<index])), unquote(String(token[token.index(after: index)...])))
            }
        }
        return (nil, unquote(token))
    }

    // MARK: - Property values

    static let arrayKeys: Set<String> = ["Output", "Sort Key", "Group Key", "Presorted Key", "Conflict Arbiter Indexes", "Hash Key"]
    static let expressionKeys: Set<String> = [
        "Filter", "Index Cond", "Recheck Cond", "Join Filter", "Hash Cond", "Merge Cond", "One-Time Filter", "TID Cond",
        "Order By", "Cache Key", "Run Condition", "Conflict Filter", "Function Call", "Table Function Call", "Remote SQL",
        "Sampling", "Repeatable Seed", "Window",
    ]
    static let boolKeys: Set<String> = ["Inner Unique", "Single Copy", "Parallel Aware", "Async Capable"]

    private static func plainValue(key: String, _ text: String) -> PlanValue {
        if expressionKeys.contains(key) { return .string(text) }
        if boolKeys.contains(key), text == "true" || text == "false" { return .bool(text == "true") }
        if let number = Double(text) { return .number(number) }
        if text.hasSuffix(" ms"), let number = Double(text.dropLast(3)) { return .number(number) }
        if text.hasSuffix("kB"), let number = Double(text.dropLast(2)) { return .number(number) }
        return .string(text)
    }

    private static func appendText(_ value: PlanValue, _ tail: String) -> PlanValue {
        switch value {
        case .string(let text): return .string(text + tail)
        case .array(let items):
            guard case .string(let last)? = items.last else { return value }
            return .array(items.dropLast() + splitList(last + tail).map(PlanValue.string))
        default: return value
        }
    }

    /// Splits `a, f(b, c), 'x, y'` at the top-level commas.
    static func splitList(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var previous: Character = " "
        for ch in text {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                current.append(ch)
            } else if ch == "(" || ch == "[" {
                depth += 1; current.append(ch)
            } else if ch == ")" || ch == "]" {
                depth -= 1; current.append(ch)
            } else if ch == " " && previous == "," && depth == 0 {
                // already split at the comma
            } else if ch == "," && depth == 0 {
                items.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { items.append(current) }
        return items.map { $0.trimmedPlanSpaces() }
    }

    private static func kilobytes(_ text: String) -> PlanValue {
        let digits = text.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        return Double(digits).map(PlanValue.number) ?? .string(text)
    }

    /// The JSON properties one text line stands for (a line may carry several).
    private static func nodeValues(key: String, _ value: String, nodeType: String?) -> [(String, PlanValue)] {
        switch key {
        case "Buffers": return buffers(value)
        case "I/O Timings": return ioTimings(value)
        case "WAL": return wal(value)
        case "Heap Blocks":
            return pairs(value).compactMap { k, v in
                guard let number = Double(v) else { return nil }
                return (k == "exact" ? "Exact Heap Blocks" : k == "lossy" ? "Lossy Heap Blocks" : k.planCapitalized + " Heap Blocks", .number(number))
            }
        case "Sort Method", "Buckets", "Hits", "Batches", "Planned Partitions", "Storage":
            return segments(key + ": " + value, nodeType: nodeType)
        default:
            if arrayKeys.contains(key) { return [(key, .array(splitList(value).map(PlanValue.string)))] }
            return [(key, plainValue(key: key, value))]
        }
    }

    /// `Sort Method: quicksort  Memory: 25kB`, `Buckets: 1024 (originally 512)  Batches: 2 ...`.
    private static func segments(_ line: String, nodeType: String?) -> [(String, PlanValue)] {
        var out: [(String, PlanValue)] = []
        let isHash = nodeType == "Hash"
        let isMemoize = nodeType == "Memoize"
        for segment in line.planSegments(separatedByDoubleSpace: ()) {
            guard let (key, value) = keyValue(segment.trimmedPlanSpaces()) ?? splitOnColon(segment) else { continue }
            let number = value.prefix { $0.isNumber || $0 == "." }
            let original: Substring? = value.firstRange(of: "(originally ").map { value[$0.upperBound...].prefix { $0.isNumber } }
            switch key {
            case "Sort Method": out.append(("Sort Method", .string(value)))
            case "Memory", "Disk":
                out.append(("Sort Space Used", kilobytes(value)))
                out.append(("Sort Space Type", .string(key)))
            case "Buckets":
                out.append(("Hash Buckets", .number(Double(number) ?? 0)))
                out.append(("Original Hash Buckets", .number(Double(original ?? number) ?? 0)))
            case "Batches" where isHash:
                out.append(("Hash Batches", .number(Double(number) ?? 0)))
                out.append(("Original Hash Batches", .number(Double(original ?? number) ?? 0)))
            case "Batches": out.append(("HashAgg Batches", .number(Double(number) ?? 0)))
            case "Memory Usage": out.append(("Peak Memory Usage", kilobytes(value)))
            case "Disk Usage": out.append(("Disk Usage", kilobytes(value)))
            case "Hits" where isMemoize || true: out.append(("Cache Hits", .number(Double(number) ?? 0)))
            case "Misses": out.append(("Cache Misses", .number(Double(number) ?? 0)))
            case "Evictions": out.append(("Cache Evictions", .number(Double(number) ?? 0)))
            case "Overflows": out.append(("Cache Overflows", .number(Double(number) ?? 0)))
            case "Maximum Storage": out.append(("Maximum Storage", kilobytes(value)))
            default: out.append((key, plainValue(key: key, value)))
            }
        }
        return out
    }

    private static func splitOnColon(_ segment: String) -> (String, String)? {
        guard let colon = segment.firstIndex(of: ":") else { return nil }
        return (segment[..<colon].trimmedPlanString(), String(segment[segment.index(after: colon)...]).trimmedPlanSpaces())
    }

    /// `hit=5 read=2` -> [("hit", "5"), ("read", "2")].
    private static func pairs(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for token in text.split(separator: " ") {
            let word = String(token)
            guard let equals = word.firstIndex(of: "=") else { continue }
            out.append((String(word[..<equals]), String(word[word.index(after: equals)...]).trimmingPlanChars(",")))
        }
        return out
    }

    private static func buffers(_ text: String) -> [(String, PlanValue)] {
        var values: [String: Double] = [:]
        for group in text.split(separator: ",") {
            let words = group.split(separator: " ")
            guard let scope = words.first else { continue }
            for (k, v) in pairs(words.dropFirst().joined(separator: " ")) {
                values["\(scope.planCapitalized) \(k.planCapitalized) Blocks"] = Double(v)
            }
        }
        let keys = ["Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks", "Shared Written Blocks",
                    "Local Hit Blocks", "Local Read Blocks", "Local Dirtied Blocks", "Local Written Blocks",
                    "Temp Read Blocks", "Temp Written Blocks"]
        return keys.map { ($0, .number(values[$0] ?? 0)) }
    }

    private static func ioTimings(_ text: String) -> [(String, PlanValue)] {
        var out: [(String, PlanValue)] = []
        for group in text.split(separator: ",") {
            var words = group.split(separator: " ").map(String.init)
            var prefix = "I/O"
            if let first = words.first, !first.contains("=") {
                switch first {
                case "shared": prefix = "Shared I/O"
                case "local": prefix = "Local I/O"
                case "temp": prefix = "Temp I/O"
                default: prefix = "I/O"  // shared/local (15, 16)
                }
                words.removeFirst()
            }
            for (k, v) in pairs(words.joined(separator: " ")) {
                guard let number = Double(v) else { continue }
                out.append(("\(prefix) \(k == "read" ? "Read" : "Write") Time", .number(number)))
            }
        }
        return out
    }

    private static func wal(_ text: String) -> [(String, PlanValue)] {
        let normalised = text.replacingFirstPlanText("buffers full=", with: "buffers_full=")
        return pairs(normalised).compactMap { k, v in
            guard let number = Double(v) else { return nil }
            let key = ["records": "WAL Records", "fpi": "WAL FPI", "bytes": "WAL Bytes", "buffers_full": "WAL Buffers Full"][k] ?? "WAL \(k)"
            return (key, .number(number))
        }
    }

    private static func workerValues(_ rest: String) -> [(String, PlanValue)] {
        if rest.hasPrefix("actual ") {
            let values = parenthesisPairs("(" + rest.dropFirst(7) + ")")
            var out: [(String, PlanValue)] = []
            if let time = values["time"] {
                let parts = time.planRange(separatedByDots: true)
                if let startup = parts.0 { out.append(("Actual Startup Time", .number(startup))) }
                if let total = parts.1 { out.append(("Actual Total Time", .number(total))) }
            }
            if let rows = values["rows"].flatMap(Double.init) { out.append(("Actual Rows", .number(rows))) }
            if let loops = values["loops"].flatMap(Double.init) { out.append(("Actual Loops", .number(loops))) }
            return out
        }
        if rest == "never executed" { return [("Actual Loops", .number(0))] }
        guard let (key, value) = keyValue(rest) else { return [] }
        return nodeValues(key: key, value, nodeType: nil)
    }

    // MARK: - Plan level

    private static func planValue(key: String, _ value: String) -> PlanValue {
        if key == "Settings" {
            return .object(splitList(value).compactMap { item in
                guard let range = item.firstRange(of: " = ") else { return nil }
                var setting = String(item[range.upperBound...])
                if setting.hasPrefix("'") && setting.hasSuffix("'") && setting.count >= 2 { setting = String(setting.dropFirst().dropLast()) }
                return (String(item[..<range.lowerBound]), .string(setting))
            })
        }
        return plainValue(key: key, value)
    }

    private static func sectionValues(section: String, key: String, _ value: String) -> [(String, PlanValue)] {
        switch (section, key) {
        case ("Planning", "Buffers"): return buffers(value)
        case ("Planning", "Memory"):
            return pairs(value.replacingFirstPlanText("  ", with: " ")).map { k, v in ("Memory " + k.planCapitalized, kilobytes(v)) }
        case ("JIT", "Options"):
            return [("Options", .object(splitList(value).compactMap { item in
                let words = item.split(separator: " ")
                guard words.count == 2 else { return nil }
                return (String(words[0]), .bool(words[1] == "true"))
            }))]
        case ("JIT", "Timing"):
            var timing: [(String, PlanValue)] = []
            for item in splitList(value) {
                let words = item.split(separator: " ")
                guard words.count >= 2, let number = Double(words[1]) else { continue }
                timing.append((String(words[0]), .number(number)))
                if let deform = item.firstRange(of: "(Deform "), let ms = Double(item[deform.upperBound...].prefix { $0.isNumber || $0 == "." }) {
                    timing.append(("Deform", .number(ms)))
                }
            }
            return [("Timing", .object(timing))]
        default:
            return [(key, plainValue(key: key, value))]
        }
    }

    /// `Trigger name on t: time=0.123 calls=1`, `Trigger for constraint fk: time=... calls=...`.
    private static func parseTrigger(_ content: String) -> PlanValue {
        var head = String(content.dropFirst(8))
        var tail = ""
        if let range = head.ranges(of: ": ").last {
            tail = String(head[range.upperBound...])
            head = String(head[..<range.lowerBound])
        }
        var members: [(String, PlanValue)] = []
        var constraint: String?
        if head.hasPrefix("for constraint ") { head.removeFirst(15); constraint = head }
        var relation: String?
        if let on = head.ranges(of: " on ").last {
            relation = String(head[on.upperBound...])
            head = String(head[..<on.lowerBound])
            if constraint != nil { constraint = head }
        }
        members.append(("Trigger Name", .string(head)))
        if let constraint { members.append(("Constraint Name", .string(constraint))) }
        if let relation { members.append(("Relation", .string(relation))) }
        for (k, v) in pairs(tail) {
            guard let number = Double(v) else { continue }
            members.append((k == "time" ? "Time" : k == "calls" ? "Calls" : k, .number(number)))
        }
        return .object(members)
    }
}

extension String {
    /// `0.00..35.50` -> (0, 35.5).
    func planRange(separatedByDots: Bool) -> (Double?, Double?) {
        guard let range = firstRange(of: "..") else { return (Double(self), nil) }
        return (Double(self[..<range.lowerBound]), Double(self[range.upperBound...]))
    }

    func planSegments(separatedByDoubleSpace: Void) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: "  ") {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts.filter { !$0.trimmedPlanSpaces().isEmpty }
    }

    func replacingFirstPlanText(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }

    func trimmingPlanChars(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Substring {
    func droppingLeadingPlanSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first == " " { slice = slice.dropFirst() }
        return slice
    }

    func trimmedPlanString() -> String { String(self).trimmedPlanSpaces() }
}

extension StringProtocol {
    var planCapitalized: String {
        guard let first = first else { return "" }
        return first.uppercased() + dropFirst()
    }
}
