public enum PGTriageCoreVersion { public static let string = "0.1.0" }
