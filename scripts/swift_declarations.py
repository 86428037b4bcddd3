"""The patterns scripts/access-tidy.py and scripts/access-report.py share: where a Swift declaration
begins (attributes, then modifiers, then a declaration keyword), so both read the same source the
same way."""

ATTRIBUTES = r"(?:@\w+(?:\([^)]*\))?\s+)*"
MODIFIERS = (r"(?:(?:static|final|nonisolated|override|required|convenience|mutating|nonmutating|lazy|weak|"
             r"unowned|indirect|dynamic|class|distributed|(?:private|fileprivate|internal|package)\(set\))\s+)*")
KEYWORDS = (r"(?:func|var|let|init|subscript|struct|enum|class|actor|protocol|extension|typealias|case|"
            r"deinit|associatedtype|operator|precedencegroup)\b")
