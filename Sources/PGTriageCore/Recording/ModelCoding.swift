/// Codable by hand where synthesis cannot: a `Character` field (the model types are otherwise
/// `Codable` in their declarations, for recordings: docs/recording.md).
extension ColumnWidth: Codable {
    private enum CodingKeys: String, CodingKey { case length, align, averageWidth, nullFraction }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let align = try c.decode(String.self, forKey: .align)
        self.init(length: try c.decode(Int.self, forKey: .length), align: align.first ?? "c",
                  averageWidth: try c.decode(Double.self, forKey: .averageWidth),
                  nullFraction: try c.decode(Double.self, forKey: .nullFraction))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(length, forKey: .length)
        try c.encode(String(align), forKey: .align)
        try c.encode(averageWidth, forKey: .averageWidth)
        try c.encode(nullFraction, forKey: .nullFraction)
    }
}
