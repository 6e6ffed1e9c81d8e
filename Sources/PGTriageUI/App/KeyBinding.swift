/// A key binding as data (bubbletea's `key.Binding`): the keys, what `?` and the status line say
/// of them, when it is enabled, and what it does. Dispatch, the status-line hints and the help
/// all read the same values, so the help cannot drift from what the keys do.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// How the help writes the keys: "c  F7".
    public let label: String
    /// What it does, for `?`; nil keeps it out of the help (a refusal that only says where the
    /// key works, or a key the layer's text already explains).
    public let help: String?
    /// The status line's hint ("cancel"), shown after the label's first word; nil: no hint.
    public let hint: String?
    let isEnabled: @Sendable (AppState) -> Bool
    let action: @Sendable (inout AppState, Key) -> [Effect]

    init(
        _ keys: [Key], _ label: String, help: String?, hint: String? = nil,
        when isEnabled: @escaping @Sendable (AppState) -> Bool = { _ in true },
        action: @escaping @Sendable (inout AppState, Key) -> [Effect]
    ) {
        self.keys = keys
        self.label = label
        self.help = help
        self.hint = hint
        self.isEnabled = isEnabled
        self.action = action
    }

    public func matches(_ key: Key) -> Bool { keys.contains(key) }

    /// The key as the status line shows it: the label's first word ("c" of "c  F7").
    var hintKey: String { String(label.split(separator: " ").first ?? Substring(label)) }
}

/// Bindings that take effect together: a pane's list, a detail view, a dialog, the global keys.
/// `KeyRouting` stacks the layers in one documented order; the first enabled binding that
/// matches a key, from the top, runs.
public struct KeyLayer: Sendable {
    /// Keys no binding of the layer takes.
    public enum OtherKeys: Sendable {
        /// Go on to the layers below (a pane's list: the global keys still work).
        case passDown
        /// Stop here, but the keys that work everywhere (help, quit, repaint) still do: a
        /// detail view, so `1` or `s` do not act on the list hidden behind it.
        case keep
        /// The layer decides: a dialog's "any other key: no", an input line's typing.
        case handle(@Sendable (inout AppState, Key) -> [Effect])
    }

    /// The help's section title ("Activity", "Detail view").
    public let title: String
    public let bindings: [KeyBinding]
    public let otherKeys: OtherKeys

    init(_ title: String, _ bindings: [KeyBinding], otherKeys: OtherKeys = .passDown) {
        self.title = title
        self.bindings = bindings
        self.otherKeys = otherKeys
    }

    func binding(for key: Key, in state: AppState) -> KeyBinding? {
        bindings.first { $0.matches(key) && $0.isEnabled(state) }
    }
}
