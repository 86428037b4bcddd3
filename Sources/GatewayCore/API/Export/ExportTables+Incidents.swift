import Contracts

extension ExportTables {
    /// `GET /api/v1/export/incidents`: the month view's incidents as points
    /// (`date, lon, lat, category, category_label, arrest`), oldest first as the API lists them.
    func incidents(_ query: IncidentsQuery) async throws -> ExportTable {
        async let reply = caller.ingest(Methods.Ingest.listIncidents, query.request, context: context)
        async let cities = caller.heatmap(Methods.Heatmap.listCities, ListCitiesRequest(), context: context)
        let response = try await reply
        let timeZone = (try? await cities)?.cities.first { $0.city == query.request.city }?.timeZone ?? ""
        let json = IncidentsJSON(city: query.request.city, month: query.month, timeZone: timeZone, response: response)
        let labels = json.categories.map { ($0.code, $0.label) }
        let month = json.month
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([
            ("time_zone", .text(json.timeZone)), ("count", .integer(Int64(json.count))),
            ("without_location", .integer(json.withoutLocation)), ("truncated", .text(json.truncated ? "true" : "false")),
        ]), columns: ["date", "lon", "lat", "category", "category_label", "arrest"], rowCount: json.count) { index in
            let day = json.day[index], category = json.category[index]
            let label = category < labels.count ? labels[category] : ("", "")
            let geometry = #"{"type":"Point","coordinates":[\#(json.lon[index]),\#(json.lat[index])]}"#
            return ([.text("\(month)-\(day < 10 ? "0" : "")\(day)"), .number(json.lon[index]), .number(json.lat[index]),
                     .text(label.0), .text(label.1), .integer(Int64(json.arrest[index]))], geometry)
        }
    }
}
