extension CityRollupIndex {
    /// The profile of `area` over the years `query` selects (its hour and type filters are
    /// ignored), or nil when the city has never had an incident in that area.
    func detail(area: String, query: BeatQuery) -> AreaDetail? {
        guard let wanted = areaSlot(area) else { return nil }
        var detail = AreaDetail()
        var mix = [Int64](repeating: 0, count: typeCount)
        var perArea = [Int64](repeating: 0, count: areaCount)
        forEachCell(inYearsOf: query) { cell in
            detail.cityCounts += cell.counts
            perArea[Int(cell.area)] += cell.counts.incidents
            if cell.hour >= 0 { detail.cityByHour[Int(cell.hour)] += cell.counts.incidents }
            guard cell.area == wanted else { return }
            detail.counts += cell.counts
            mix[Int(cell.primaryType)] += cell.counts.incidents
            if cell.hour >= 0 { detail.byHour[Int(cell.hour)] += cell.counts.incidents }
        }
        detail.cityAreasWithIncidents = perArea.filter { $0 > 0 }.count
        detail.crimeMix = mix.enumerated().filter { $0.element > 0 }
            .map { (typeName($0.offset), $0.element) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return detail
    }
}
