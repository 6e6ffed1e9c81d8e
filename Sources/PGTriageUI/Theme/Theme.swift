/// A terminal colour: the terminal's own default, or a palette index (0-7 the basic colours,
/// 8-15 their bright variants, 16-255 the xterm-256 cube and greys).
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible, Codable {
    case `default`
    case indexed(UInt8)

    public static let black = ThemeColor.indexed(0), red = ThemeColor.indexed(1)
    public static let green = ThemeColor.indexed(2), yellow = ThemeColor.indexed(3)
    public static let blue = ThemeColor.indexed(4), magenta = ThemeColor.indexed(5)
    public static let cyan = ThemeColor.indexed(6), white = ThemeColor.indexed(7)
    public static let brightBlack = ThemeColor.indexed(8), brightRed = ThemeColor.indexed(9)
    public static let brightGreen = ThemeColor.indexed(10), brightYellow = ThemeColor.indexed(11)
    public static let brightBlue = ThemeColor.indexed(12), brightMagenta = ThemeColor.indexed(13)
    public static let brightCyan = ThemeColor.indexed(14), brightWhite = ThemeColor.indexed(15)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "default", a colour name ("red", "bright_red"; "grey"/"gray" = bright_black),
    /// or a number 0-255 as a string.
    public init?(name: String) {
        let n = name.lowercased()
        if n == "default" || n == "none" { self = .default; return }
        if n == "grey" || n == "gray" { self = .brightBlack; return }
        if let i = ThemeColor.names.firstIndex(of: n) { self = .indexed(UInt8(i)); return }
        if n.hasPrefix("bright_"), let i = ThemeColor.names.firstIndex(of: String(n.dropFirst(7))) {
            self = .indexed(UInt8(i + 8)); return
        }
        if let v = Int(n), (0...255).contains(v) { self = .indexed(UInt8(v)); return }
        return nil
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let i) where i < 8: return ThemeColor.names[Int(i)]
        case .indexed(let i) where i < 16: return "bright_" + ThemeColor.names[Int(i) - 8]
        case .indexed(let i): return String(i)
        }
    }
}

/// What a role looks like: colours and attributes.
public struct RoleStyle: Hashable, Sendable, Codable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var attributes: TextAttributes
    public init(fg: ThemeColor = .default, bg: ThemeColor = .default, _ attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
    public static let plain = RoleStyle()
}

extension StyleRole {
    public static let `default`: StyleRole = "default"
    public static let header: StyleRole = "header"
    public static let headerLabel: StyleRole = "header.label"
    public static let headerValue: StyleRole = "header.value"
    public static let headerWarning: StyleRole = "header.warning"
    public static let headerError: StyleRole = "header.error"
    public static let title: StyleRole = "title"
    public static let tabs: StyleRole = "tabs"
    public static let tabsActive: StyleRole = "tabs.active"
    public static let border: StyleRole = "border"
    public static let borderTitle: StyleRole = "border.title"
    public static let tableHeader: StyleRole = "table.header"
    public static let tableSelected: StyleRole = "table.selected"
    public static let tableMarked: StyleRole = "table.marked"
    public static let tableDim: StyleRole = "table.dim"
    public static let stateActive: StyleRole = "state.active"
    public static let stateIdle: StyleRole = "state.idle"
    public static let stateIdleInTransaction: StyleRole = "state.idle_in_transaction"
    public static let stateIdleInTransactionAborted: StyleRole = "state.idle_in_transaction_aborted"
    public static let stateWaiting: StyleRole = "state.waiting"
    public static let stateOther: StyleRole = "state.other"
    public static let ageWarning: StyleRole = "age.warning"
    public static let ageCritical: StyleRole = "age.critical"
    public static let treeLines: StyleRole = "tree.lines"
    public static let treeRoot: StyleRole = "tree.root"
    public static let treeBlocked: StyleRole = "tree.blocked"
    public static let status: StyleRole = "status"
    public static let statusKey: StyleRole = "status.key"
    public static let statusInfo: StyleRole = "status.info"
    public static let statusError: StyleRole = "status.error"
    public static let statusWarning: StyleRole = "status.warning"
    public static let dialog: StyleRole = "dialog"
    public static let dialogBorder: StyleRole = "dialog.border"
    public static let dialogTitle: StyleRole = "dialog.title"
    public static let dialogDanger: StyleRole = "dialog.danger"
    public static let dialogDangerBorder: StyleRole = "dialog.danger.border"
    public static let help: StyleRole = "help"
    public static let helpKey: StyleRole = "help.key"
    public static let helpText: StyleRole = "help.text"
    public static let helpSection: StyleRole = "help.section"
    public static let filter: StyleRole = "filter"
    public static let textDim: StyleRole = "text.dim"
    public static let textHighlight: StyleRole = "text.highlight"
    public static let textError: StyleRole = "text.error"
    public static let planNode: StyleRole = "plan.node"
    public static let planDetail: StyleRole = "plan.detail"
    public static let planWarning: StyleRole = "plan.warning"
    public static let planCritical: StyleRole = "plan.critical"
    public static let planSlow: StyleRole = "plan.slow"
    public static let bloatWarning: StyleRole = "bloat.warning"
    public static let bloatCritical: StyleRole = "bloat.critical"

    /// The role one level up ("state.idle_in_transaction" -> "state"), nil at the top.
    public var parent: StyleRole? {
        guard let dot = rawValue.lastIndex(of: ".") else { return nil }
        return StyleRole(rawValue: String(rawValue[..<dot]))
    }
}

/// Colours for named roles (k9s skins). Every known role has a default in each built-in theme,
/// so a theme file may set only a few; an unknown role falls back to its parent, then `default`.
public struct Theme: Hashable, Sendable, Codable {
    public var name: String
    /// False for monochrome themes: the backend then uses attributes only, no colour pairs.
    public var usesColor: Bool
    public private(set) var roles: [StyleRole: RoleStyle]

    public init(name: String, usesColor: Bool = true, roles: [StyleRole: RoleStyle] = [:]) {
        self.name = name
        self.usesColor = usesColor
        self.roles = roles
    }

    /// The style for `role`: its own, else its nearest parent's, else `default`'s.
    public func style(for role: StyleRole) -> RoleStyle {
        var r: StyleRole? = role
        while let cur = r {
            if let s = roles[cur] { return s }
            r = cur.parent
        }
        return roles[.default] ?? .plain
    }

    /// The final attributes and colours of a cell style: the role's plus the cell's own attributes.
    public func resolve(_ style: Style) -> RoleStyle {
        var s = self.style(for: style.role)
        s.attributes.formUnion(style.attributes)
        if !usesColor { s.fg = .default; s.bg = .default }
        return s
    }

    public mutating func set(_ role: StyleRole, _ style: RoleStyle) { roles[role] = style }

    /// Every role a theme file may name; a file naming another is rejected (catches typos).
    public static let knownRoles: [StyleRole] = [
        .default, .header, .headerLabel, .headerValue, .headerWarning, .headerError, .title,
        .tabs, .tabsActive, .border, .borderTitle,
        .tableHeader, .tableSelected, .tableMarked, .tableDim,
        .stateActive, .stateIdle, .stateIdleInTransaction, .stateIdleInTransactionAborted,
        .stateWaiting, .stateOther, .ageWarning, .ageCritical,
        .treeLines, .treeRoot, .treeBlocked,
        .status, .statusKey, .statusInfo, .statusError, .statusWarning,
        .dialog, .dialogBorder, .dialogTitle, .dialogDanger, .dialogDangerBorder,
        .help, .helpKey, .helpText, .helpSection, .filter,
        .textDim, .textHighlight, .textError,
        .planNode, .planDetail, .planWarning, .planCritical, .planSlow,
        .bloatWarning, .bloatCritical,
    ]
    package static let knownRoleSet = Set(knownRoles.map(\.rawValue))

    /// Built-in themes by name, used when no file of that name is found.
    public static let builtIn: [String: Theme] = ["default": .dark, "light": .light, "mono": .mono]

    /// For dark terminals (the default).
    public static let dark: Theme = {
        let d = ThemeColor.default
        return Theme(name: "default", usesColor: true, roles: [
            .default: RoleStyle(),
            .header: RoleStyle(),
            .headerLabel: RoleStyle(fg: .cyan),
            .headerValue: RoleStyle(fg: d, [.bold]),
            .headerWarning: RoleStyle(fg: .yellow, [.bold]),
            .headerError: RoleStyle(fg: .brightRed, [.bold]),
            .title: RoleStyle(fg: .brightCyan, [.bold]),
            .tabs: RoleStyle(fg: .white),
            .tabsActive: RoleStyle(fg: .black, bg: .cyan, [.bold]),
            .border: RoleStyle(fg: .brightBlack),
            .borderTitle: RoleStyle(fg: .cyan, [.bold]),
            .tableHeader: RoleStyle(fg: .black, bg: .green),
            .tableSelected: RoleStyle(fg: .black, bg: .cyan),
            .tableMarked: RoleStyle(fg: .brightYellow, [.bold]),
            .tableDim: RoleStyle(fg: .brightBlack),
            .stateActive: RoleStyle(fg: .green),
            .stateIdle: RoleStyle(fg: .brightBlack),
            .stateIdleInTransaction: RoleStyle(fg: .yellow),
            .stateIdleInTransactionAborted: RoleStyle(fg: .brightRed),
            .stateWaiting: RoleStyle(fg: .brightRed, [.bold]),
            .stateOther: RoleStyle(fg: .magenta),
            .ageWarning: RoleStyle(fg: .yellow),
            .ageCritical: RoleStyle(fg: .brightRed, [.bold]),
            .treeLines: RoleStyle(fg: .brightBlack),
            .treeRoot: RoleStyle(fg: .brightRed, [.bold]),
            .treeBlocked: RoleStyle(fg: .yellow),
            .status: RoleStyle(fg: .black, bg: .white),
            .statusKey: RoleStyle(fg: .black, bg: .cyan, [.bold]),
            .statusInfo: RoleStyle(fg: .black, bg: .green),
            .statusError: RoleStyle(fg: .brightWhite, bg: .red, [.bold]),
            .statusWarning: RoleStyle(fg: .black, bg: .yellow),
            .dialog: RoleStyle(fg: .white, bg: .blue),
            .dialogBorder: RoleStyle(fg: .brightWhite, bg: .blue, [.bold]),
            .dialogTitle: RoleStyle(fg: .brightYellow, bg: .blue, [.bold]),
            .dialogDanger: RoleStyle(fg: .brightWhite, bg: .red),
            .dialogDangerBorder: RoleStyle(fg: .brightYellow, bg: .red, [.bold]),
            .help: RoleStyle(fg: .white, bg: .blue),
            .helpKey: RoleStyle(fg: .brightYellow, bg: .blue, [.bold]),
            .helpText: RoleStyle(fg: .white, bg: .blue),
            .helpSection: RoleStyle(fg: .brightCyan, bg: .blue, [.bold]),
            .filter: RoleStyle(fg: .black, bg: .yellow),
            .textDim: RoleStyle(fg: .brightBlack),
            .textHighlight: RoleStyle(fg: .brightYellow, [.bold]),
            .textError: RoleStyle(fg: .brightRed),
            .planNode: RoleStyle(fg: .brightCyan),
            .planDetail: RoleStyle(fg: .brightBlack),
            .planWarning: RoleStyle(fg: .yellow),
            .planCritical: RoleStyle(fg: .brightRed, [.bold]),
            .planSlow: RoleStyle(fg: .brightRed),
            .bloatWarning: RoleStyle(fg: .yellow),
            .bloatCritical: RoleStyle(fg: .brightRed, [.bold]),
        ])
    }()

    /// For light terminals: darker foregrounds, no bright yellow on white.
    public static let light: Theme = {
        return Theme(name: "light", usesColor: true, roles: [
            .default: RoleStyle(),
            .header: RoleStyle(),
            .headerLabel: RoleStyle(fg: .blue),
            .headerValue: RoleStyle(fg: .default, [.bold]),
            .headerWarning: RoleStyle(fg: .magenta, [.bold]),
            .headerError: RoleStyle(fg: .red, [.bold]),
            .title: RoleStyle(fg: .blue, [.bold]),
            .tabs: RoleStyle(fg: .black),
            .tabsActive: RoleStyle(fg: .white, bg: .blue, [.bold]),
            .border: RoleStyle(fg: .indexed(244)),
            .borderTitle: RoleStyle(fg: .blue, [.bold]),
            .tableHeader: RoleStyle(fg: .white, bg: .blue),
            .tableSelected: RoleStyle(fg: .black, bg: .indexed(153)),
            .tableMarked: RoleStyle(fg: .magenta, [.bold]),
            .tableDim: RoleStyle(fg: .indexed(244)),
            .stateActive: RoleStyle(fg: .green, [.bold]),
            .stateIdle: RoleStyle(fg: .indexed(244)),
            .stateIdleInTransaction: RoleStyle(fg: .indexed(130)),
            .stateIdleInTransactionAborted: RoleStyle(fg: .red),
            .stateWaiting: RoleStyle(fg: .red, [.bold]),
            .stateOther: RoleStyle(fg: .magenta),
            .ageWarning: RoleStyle(fg: .indexed(130)),
            .ageCritical: RoleStyle(fg: .red, [.bold]),
            .treeLines: RoleStyle(fg: .indexed(244)),
            .treeRoot: RoleStyle(fg: .red, [.bold]),
            .treeBlocked: RoleStyle(fg: .indexed(130)),
            .status: RoleStyle(fg: .white, bg: .indexed(240)),
            .statusKey: RoleStyle(fg: .white, bg: .blue, [.bold]),
            .statusInfo: RoleStyle(fg: .white, bg: .green),
            .statusError: RoleStyle(fg: .white, bg: .red, [.bold]),
            .statusWarning: RoleStyle(fg: .black, bg: .yellow),
            .dialog: RoleStyle(fg: .black, bg: .indexed(254)),
            .dialogBorder: RoleStyle(fg: .blue, bg: .indexed(254), [.bold]),
            .dialogTitle: RoleStyle(fg: .blue, bg: .indexed(254), [.bold]),
            .dialogDanger: RoleStyle(fg: .white, bg: .red),
            .dialogDangerBorder: RoleStyle(fg: .white, bg: .red, [.bold]),
            .help: RoleStyle(fg: .black, bg: .indexed(254)),
            .helpKey: RoleStyle(fg: .blue, bg: .indexed(254), [.bold]),
            .helpText: RoleStyle(fg: .black, bg: .indexed(254)),
            .helpSection: RoleStyle(fg: .magenta, bg: .indexed(254), [.bold]),
            .filter: RoleStyle(fg: .black, bg: .yellow),
            .textDim: RoleStyle(fg: .indexed(244)),
            .textHighlight: RoleStyle(fg: .blue, [.bold]),
            .textError: RoleStyle(fg: .red),
            .planNode: RoleStyle(fg: .blue),
            .planDetail: RoleStyle(fg: .indexed(244)),
            .planWarning: RoleStyle(fg: .indexed(130)),
            .planCritical: RoleStyle(fg: .red, [.bold]),
            .planSlow: RoleStyle(fg: .red),
            .bloatWarning: RoleStyle(fg: .indexed(130)),
            .bloatCritical: RoleStyle(fg: .red, [.bold]),
        ])
    }()

    /// No colours: meaning is carried by attributes (reverse = selection and bars, bold =
    /// headers and alarms, underline = warnings, dim = idle and decoration).
    public static let mono: Theme = {
        return Theme(name: "mono", usesColor: false, roles: [
            .default: RoleStyle(),
            .header: RoleStyle(),
            .headerLabel: RoleStyle(),
            .headerValue: RoleStyle([.bold]),
            .headerWarning: RoleStyle([.bold, .underline]),
            .headerError: RoleStyle([.bold, .reverse]),
            .title: RoleStyle([.bold]),
            .tabs: RoleStyle(),
            .tabsActive: RoleStyle([.reverse, .bold]),
            .border: RoleStyle(),
            .borderTitle: RoleStyle([.bold]),
            .tableHeader: RoleStyle([.bold, .underline]),
            .tableSelected: RoleStyle([.reverse]),
            .tableMarked: RoleStyle([.bold]),
            .tableDim: RoleStyle([.dim]),
            .stateActive: RoleStyle([.bold]),
            .stateIdle: RoleStyle([.dim]),
            .stateIdleInTransaction: RoleStyle([.underline]),
            .stateIdleInTransactionAborted: RoleStyle([.underline, .bold]),
            .stateWaiting: RoleStyle([.bold, .underline]),
            .stateOther: RoleStyle(),
            .ageWarning: RoleStyle([.underline]),
            .ageCritical: RoleStyle([.bold, .underline]),
            .treeLines: RoleStyle([.dim]),
            .treeRoot: RoleStyle([.bold]),
            .treeBlocked: RoleStyle(),
            .status: RoleStyle([.reverse]),
            .statusKey: RoleStyle([.reverse, .bold]),
            .statusInfo: RoleStyle([.reverse]),
            .statusError: RoleStyle([.reverse, .bold]),
            .statusWarning: RoleStyle([.reverse, .bold]),
            .dialog: RoleStyle(),
            .dialogBorder: RoleStyle([.bold]),
            .dialogTitle: RoleStyle([.bold]),
            .dialogDanger: RoleStyle([.bold]),
            .dialogDangerBorder: RoleStyle([.bold, .reverse]),
            .help: RoleStyle(),
            .helpKey: RoleStyle([.bold]),
            .helpText: RoleStyle(),
            .helpSection: RoleStyle([.bold, .underline]),
            .filter: RoleStyle([.underline]),
            .textDim: RoleStyle([.dim]),
            .textHighlight: RoleStyle([.bold]),
            .textError: RoleStyle([.bold]),
            .planNode: RoleStyle([.bold]),
            .planDetail: RoleStyle([.dim]),
            .planWarning: RoleStyle([.underline]),
            .planCritical: RoleStyle([.bold, .underline]),
            .planSlow: RoleStyle([.bold]),
            .bloatWarning: RoleStyle([.underline]),
            .bloatCritical: RoleStyle([.bold, .underline]),
        ])
    }()
}
