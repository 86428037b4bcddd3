/// The window rollup's key names.
public enum WindowRollupKey {
    /// The type name of the window cells that count every type (not a source type: sources never
    /// write parentheses around a type); an empty type in a query means the same.
    public static let allTypes = "(all)"
}
