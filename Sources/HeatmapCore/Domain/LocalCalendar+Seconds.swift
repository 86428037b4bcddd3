import Postgres

extension LocalCalendar {
    /// Local seconds of midnight at the start of a proleptic Gregorian date.
    public static func localSeconds(year: Int, month: Int, day: Int) -> Int64 {
        CivilDays.days(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400
    }
}
