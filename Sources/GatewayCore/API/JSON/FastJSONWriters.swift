// The ``JSONTextWritable`` forms of the hot replies. Members are written in the order the
// encoder's `.sortedKeys` puts them; GatewayAPIJSONTests checks the bytes are identical.

extension CountsJSON: JSONTextWritable {
    func write(to text: inout JSONText) {
        text.object { o in
            o.member("arrests", arrests)
            o.member("domestic", domestic)
            o.member("incidents", incidents)
        }
    }
}

extension CrimeTypeJSON: JSONTextWritable {
    func write(to text: inout JSONText) {
        text.object { o in
            o.member("incidents", incidents)
            o.member("primary_type", primaryType)
        }
    }
}

extension HeatmapJSON.AreaJSON: JSONTextWritable {
    package func write(to text: inout JSONText) {
        text.object { o in
            o.member("area", area)
            o.member("arrests", arrests)
            o.member("domestic", domestic)
            o.member("incidents", incidents)
        }
    }
}

extension HeatmapJSON.Filters: JSONTextWritable {
    package func write(to text: inout JSONText) {
        text.object { o in
            o.member("hour_max", ifPresent: hourMax)
            o.member("hour_min", ifPresent: hourMin)
            o.member("primary_type", ifPresent: primaryType)
            o.member("year", ifPresent: year)
            o.member("year_from", ifPresent: yearFrom)
            o.member("year_to", ifPresent: yearTo)
        }
    }
}

extension HeatmapJSON: JSONTextWritable {
    package func write(to text: inout JSONText) {
        text.object { o in
            o.member("areas") { a in a.array { list in areas.forEach { $0.write(to: &list) } } }
            o.member("city", city)
            o.member("crime_types") { a in a.array { list in crimeTypes.forEach { $0.write(to: &list) } } }
            o.member("filters") { filters.write(to: &$0) }
            o.member("max_incidents", maxIncidents)
            o.member("time_zone", timeZone)
            o.member("total") { total.write(to: &$0) }
        }
    }
}

extension WindowHeatmapJSON: JSONTextWritable {
    func write(to text: inout JSONText) {
        text.object { o in
            o.member("areas") { a in a.array { list in areas.forEach { $0.write(to: &list) } } }
            o.member("at", ifPresent: at)
            o.member("city", city)
            o.member("granularity", granularity)
            o.member("last", last)
            o.member("last_hours", lastHours)
            o.member("max_incidents", maxIncidents)
            o.member("primary_type", ifPresent: primaryType)
            o.member("time_zone", timeZone)
            o.member("total") { total.write(to: &$0) }
            if let window {
                o.member("window") { w in
                    w.object { range in
                        range.member("end", window.end)
                        range.member("start", window.start)
                    }
                }
            }
        }
    }
}

extension IncidentsJSON: JSONTextWritable {
    func write(to text: inout JSONText) {
        text.object { o in
            o.member("arrest") { $0.integers(arrest) }
            o.member("categories") { a in
                a.array { list in
                    for item in categories {
                        list.object { c in
                            c.member("code", item.code)
                            c.member("count", item.count)
                            c.member("label", item.label)
                        }
                    }
                }
            }
            o.member("category") { $0.integers(category) }
            o.member("city", city)
            o.member("count", count)
            o.member("day") { $0.integers(day) }
            o.member("days", days)
            o.member("lat") { $0.doubles(lat) }
            o.member("lon") { $0.doubles(lon) }
            o.member("month", month)
            o.member("per_day") { $0.integers(perDay) }
            o.member("time_zone", timeZone)
            o.member("truncated", truncated)
            o.member("without_location", withoutLocation)
        }
    }
}
