/// CrimeScope's four-way grouping of Chicago `Primary Type`s, stored in ``IncidentRecord/category``.
///
/// - `violent`: crimes against a person — homicide, (criminal) sexual assault, robbery, assault,
///   battery, kidnapping, human trafficking, intimidation, stalking, sex offense, offense involving
///   children, domestic violence.
/// - `property`: theft, burglary, motor vehicle theft, criminal damage, arson, deceptive practice,
///   criminal trespass.
/// - `drug`: narcotics, other narcotic violation.
/// - `other`: everything else (weapons, public peace, prostitution, gambling, liquor law, public
///   officer interference, non-criminal, other offense, …) and any type the portal adds later.
enum ChicagoCrimeGroup: String, Sendable, CaseIterable {
    case violent, property, drug, other

    /// The group of a `Primary Type` as the portal writes it (upper case; case-insensitive here).
    init(primaryType: String) {
        self = Self.groupByType[primaryType.uppercased()] ?? .other
    }

    private static let groupByType: [String: ChicagoCrimeGroup] = {
        var table: [String: ChicagoCrimeGroup] = [:]
        for type in ["HOMICIDE", "CRIM SEXUAL ASSAULT", "CRIMINAL SEXUAL ASSAULT", "ROBBERY", "ASSAULT", "BATTERY",
                     "KIDNAPPING", "HUMAN TRAFFICKING", "INTIMIDATION", "STALKING", "SEX OFFENSE",
                     "OFFENSE INVOLVING CHILDREN", "DOMESTIC VIOLENCE"] {
            table[type] = .violent
        }
        for type in ["THEFT", "BURGLARY", "MOTOR VEHICLE THEFT", "CRIMINAL DAMAGE", "ARSON",
                     "DECEPTIVE PRACTICE", "CRIMINAL TRESPASS"] {
            table[type] = .property
        }
        for type in ["NARCOTICS", "OTHER NARCOTIC VIOLATION"] {
            table[type] = .drug
        }
        return table
    }()
}
