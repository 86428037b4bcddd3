import Foundation

/// The source checkout the tests were built from, found from this file's own path.
public enum Checkout {
    /// The package root (the folder holding Package.swift).
    public static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // the checkout
    }
}
