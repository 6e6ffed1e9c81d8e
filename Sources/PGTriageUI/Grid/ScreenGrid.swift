/// A colour role from the theme (k9s-style skins): every role has a default, so partial themes work.
/// Widgets name roles, never raw colours; the backend maps roles to terminal colours.
public struct StyleRole: Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
}

/// Text attributes that still carry meaning on a monochrome terminal.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// The style of one cell: a theme role plus attributes added on top of the role's own.
public struct Style: Hashable, Sendable {
    public var role: StyleRole
    public var attributes: TextAttributes
    public init(_ role: StyleRole = "default", _ attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }
    public static let plain = Style()
}

/// One terminal cell. A wide character occupies its cell plus `width - 1` continuation cells
/// (symbol "" and width 0) to its right, as ratatui's Buffer does.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var width: Int
    public var style: Style
    public init(symbol: String = " ", width: Int = 1, style: Style = .plain) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }
    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
}

/// A 2-D buffer of cells: widgets draw into it, backends show it, tests read it as lines of text.
public struct ScreenGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }
}
