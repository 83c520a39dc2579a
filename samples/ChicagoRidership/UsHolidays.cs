namespace ChicagoRidership;

/// <summary>The US federal holidays that empty Chicago's trains, computed from the date alone (pure and deterministic).</summary>
public static class UsHolidays
{
    /// <summary>Whether <paramref name="date"/> is New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving (and the day after) or Christmas.</summary>
    public static bool IsHoliday(DateTime date)
    {
        var d = date.Date;
        return (d.Month, d.Day) is (1, 1) or (7, 4) or (12, 25)
            || d == Nth(d.Year, 5, DayOfWeek.Monday, -1)
            || d == Nth(d.Year, 9, DayOfWeek.Monday, 1)
            || d == Nth(d.Year, 11, DayOfWeek.Thursday, 4)
            || d == Nth(d.Year, 11, DayOfWeek.Thursday, 4).AddDays(1);
    }

    /// <summary>The <paramref name="n"/>th <paramref name="day"/> of a month; -1 for the last.</summary>
    private static DateTime Nth(int year, int month, DayOfWeek day, int n)
    {
        if (n < 0)
        {
            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }

        var first = new DateTime(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }
}
