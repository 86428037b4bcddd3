/// A dozen groups of Chicago's ~150 Location Description values, as the explorer used them, and
/// one for reports that recorded no location.
package enum LocationGroup: Int, Sendable, CaseIterable, Codable {
    case street = 0, residence, apartment, retail, restaurantBar, parkingVehicle, school, transit, park,
         commercialOffice, governmentHospital, other
    /// The report recorded no location (an empty Location Description in the data; mostly
    /// fraud reports in Chicago). Never what a request that gives no location means: that is missing.
    case unrecorded

    /// The group's name as shown to a person.
    package var name: String {
        switch self {
        case .street: "street"
        case .residence: "residence"
        case .apartment: "apartment"
        case .retail: "retail/store"
        case .restaurantBar: "restaurant/bar"
        case .parkingVehicle: "parking/vehicle"
        case .school: "school"
        case .transit: "transit/CTA"
        case .park: "park"
        case .commercialOffice: "commercial/office"
        case .governmentHospital: "government/hospital"
        case .other: "other"
        case .unrecorded: "none recorded"
        }
    }

    /// The group of a raw Location Description (case-insensitive keyword rules, first match wins;
    /// unmatched descriptions are `.other`, the empty one `.unrecorded`).
    package static func of(_ description: String) -> LocationGroup {
        let text = description.uppercased()
        guard !text.isEmpty else { return .unrecorded }
        for (group, keywords) in rules where keywords.contains(where: { text.contains($0) }) {
            return group
        }
        return .other
    }

    private static let rules: [(LocationGroup, [String])] = [
        (.transit, ["CTA", "TRAIN", "BUS STOP", "CTA BUS", "TRANSPORTATION", "AIRPORT", "TAXI", "RAILROAD"]),
        (.school, ["SCHOOL", "COLLEGE", "UNIVERSITY", "DAY CARE"]),
        (.parkingVehicle, ["PARKING", "GARAGE", "VEHICLE", "DRIVEWAY", "GAS STATION", "CAR WASH", "AUTO"]),
        (.apartment, ["APARTMENT", "CHA ", "HOTEL", "MOTEL", "NURSING", "RETIREMENT"]),
        (.residence, ["RESIDENCE", "RESIDENTIAL", "HOUSE", "PORCH", "YARD", "HALLWAY", "STAIRWELL", "VESTIBULE", "BASEMENT"]),
        (.restaurantBar, ["RESTAURANT", "BAR OR TAVERN", "TAVERN", "LIQUOR", "NIGHT CLUB", "FAST FOOD"]),
        (.retail, ["STORE", "SHOP", "RETAIL", "GROCERY", "MART", "PAWN", "CLEANING", "BARBER", "APPLIANCE", "BANK", "CURRENCY", "ATM", "SAVINGS", "CREDIT UNION"]),
        (.park, ["PARK", "FOREST", "LAKEFRONT", "BEACH", "RIVER", "LAGOON", "ATHLETIC", "SPORTS", "POOL"]),
        (.governmentHospital, ["GOVERNMENT", "POLICE", "JAIL", "HOSPITAL", "MEDICAL", "FIRE STATION", "FEDERAL", "LIBRARY", "CHURCH", "COURT"]),
        (.commercialOffice, ["COMMERCIAL", "OFFICE", "BUSINESS", "WAREHOUSE", "FACTORY", "MANUFACTURING", "CONSTRUCTION", "MOVIE", "THEATER"]),
        (.street, ["STREET", "SIDEWALK", "ALLEY", "HIGHWAY", "EXPRESSWAY", "BRIDGE", "VACANT LOT", "LOT"]),
    ]
}
