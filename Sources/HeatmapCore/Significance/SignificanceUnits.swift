/// The units of a significance query: the city's area polygons or 200 m hex cells.
public enum SignificanceUnits: String, Sendable, Equatable {
    case areas, hex
}
