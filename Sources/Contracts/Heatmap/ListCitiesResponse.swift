import CrimeScopeProtos

/// `crimescope.heatmap.v1.ListCitiesResponse`: the cities served.
public struct ListCitiesResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.ListCitiesResponse"

    public var cities: [City]

    public init(cities: [City] = []) {
        self.cities = cities
    }

    typealias CMessage = Crimescope__Heatmap__V1__ListCitiesResponse
    static let cInit = crimescope__heatmap__v1__list_cities_response__init
    static let cUnpack = crimescope__heatmap__v1__list_cities_response__unpack
    static let cFree = crimescope__heatmap__v1__list_cities_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_cities = cities.count
        c.cities = arena.messages(cities)
    }

    init(c: CMessage) {
        cities = CRead.messages(c.n_cities, c.cities, as: City.self)
    }
}
