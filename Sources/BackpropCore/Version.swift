public enum BackpropCoreVersion { public static let string = "0.1.0" }
