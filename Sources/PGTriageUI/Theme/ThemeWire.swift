/// Themes and theme errors as JSON, for `pgtriage-theme` (which reads the TOML) to hand to the
/// console (which never loads TOMLKit): see `ThemeFileParser`.
/// (`Theme`, `RoleStyle`, `ThemeColor` and `ThemeError` are Codable where they are declared.)
extension StyleRole: Codable, CodingKeyRepresentable {}
extension TextAttributes: Codable {}

/// What `pgtriage-theme FILE NAME` prints: the theme, or why the file is not one.
public struct ThemeFileAnswer: Codable, Sendable {
    public var theme: Theme?
    public var error: ThemeError?
    public init(theme: Theme? = nil, error: ThemeError? = nil) { self.theme = theme; self.error = error }
}
