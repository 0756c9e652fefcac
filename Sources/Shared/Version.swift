public enum WidthsweepVersion { public static let engine = "0.1.0" }
