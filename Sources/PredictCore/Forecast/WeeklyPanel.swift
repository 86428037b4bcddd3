import Contracts

/// Weekly incident counts per (crime group, area) over consecutive weeks: the forecast's only
/// training input, built from the heatmap's GetSeries.
///
/// Group ``allGroups`` is the sum of every crime group (the forecast the map shows); the others
/// are the heatmap's groups (Chicago: property, violent, drug, other). Areas are those of the
/// city's shapes, so that every area has a centroid and an area in km²; series of areas without
/// a shape (Chicago's beats retired in December 2012) are left out, and areas with no incidents
/// count zero.
package struct WeeklyPanel: Sendable {
    /// The group holding every crime group's sum.
    static let allGroups = "all"

    /// Area ids, sorted.
    package let areas: [String]
    /// ``allGroups`` first, then the series' groups sorted.
    package let groups: [String]
    /// The first week held.
    package let firstWeek: ForecastWeek
    /// The number of consecutive weeks held.
    package let weekCount: Int
    /// Counts, `[(group * areas.count + area) * weekCount + week]`.
    private let counts: [Double]

    /// Builds the panel of `areas` for weeks `firstWeek ..< firstWeek + weekCount` from `series`
    /// (any first week; weeks outside the panel are ignored). `groups` fixes the group list (a
    /// trained model's, ``allGroups`` first); nil takes the series' groups. ``allGroups`` sums
    /// every series of a known area, whatever its group.
    package init(series: [AreaSeries], areas: [String], firstWeek: ForecastWeek, weekCount: Int, groups: [String]? = nil) {
        let sortedAreas = Array(Set(areas)).sorted()
        let groupNames = Set(series.map(\.crimeGroup)).subtracting([Self.allGroups]).sorted()
        let groups = groups ?? ([Self.allGroups] + groupNames)
        let areaIndex = Dictionary(uniqueKeysWithValues: sortedAreas.enumerated().map { ($1, $0) })
        let groupIndex = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        let weekCount = max(0, weekCount)
        var counts = [Double](repeating: 0, count: groups.count * sortedAreas.count * weekCount)
        for item in series {
            guard let area = areaIndex[item.area], item.crimeGroup != Self.allGroups else { continue }
            let group = groupIndex[item.crimeGroup]
            let offset = ForecastWeek(containingLocalSeconds: item.firstWeekLocalSeconds).weeks(since: firstWeek)
            for (slot, count) in item.weeklyCounts.enumerated() {
                let week = offset + slot
                guard week >= 0, week < weekCount else { continue }
                if let group, group != 0 { counts[(group * sortedAreas.count + area) * weekCount + week] += Double(count) }
                counts[area * weekCount + week] += Double(count)
            }
        }
        self.areas = sortedAreas
        self.groups = groups
        self.firstWeek = firstWeek
        self.weekCount = weekCount
        self.counts = counts
    }

    /// The count of `group` (index into ``groups``) in `area` (index into ``areas``) in week index `week`.
    package func count(group: Int, area: Int, week: Int) -> Double {
        counts[(group * areas.count + area) * weekCount + week]
    }

    /// The week at index `index`.
    package func week(at index: Int) -> ForecastWeek { firstWeek.adding(weeks: index) }

    /// The last week held.
    package var lastWeek: ForecastWeek { firstWeek.adding(weeks: weekCount - 1) }
}
