#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saving a plan so it can be opened again offline (`pgtriage plan FILE`): as JSON and as text,
/// each exactly as it came when it came in that format.
public enum PlanFile {
    /// Writes `<base>.json` and `<base>.txt`; returns the two paths.
    @discardableResult
    public static func save(_ plan: Plan, to base: String) throws -> [String] {
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : (base.hasSuffix(".txt") ? String(base.dropLast(4)) : base)
        let paths = [stem + ".json", stem + ".txt"]
        try FileSystem.write(Data(PlanText.json(plan).utf8), to: paths[0], mode: 0o600)
        try FileSystem.write(Data(PlanText.render(plan).utf8), to: paths[1], mode: 0o600)
        return paths
    }
}
