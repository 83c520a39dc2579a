using PipelineDsl;

namespace ChicagoRidership;

/// <summary>
/// Tomorrow's riders at a station from what is known tonight. Every window covers the station's own earlier days
/// strictly before the row's date; the network is joined as of the day before; the day's weather stands in for the
/// forecast available the evening before (as in Kuhn and Johnson's analysis of these data).
/// </summary>
[FeatureSet(typeof(StationDay))]
[Window("RidersYesterday", nameof(StationDay.Riders), Aggregate.Last, "1d")]
[Window("RidersSameDayLastWeek", nameof(StationDay.Riders), Aggregate.Last, "1d", Lag = "6d")]
[Window("RidersSameDayTwoWeeksAgo", nameof(StationDay.Riders), Aggregate.Last, "1d", Lag = "13d")]
[Window("RidersMean7d", nameof(StationDay.Riders), Aggregate.Mean, "7d")]
[Window("RidersMean28d", nameof(StationDay.Riders), Aggregate.Mean, "28d")]
[Window("RidersMin7d", nameof(StationDay.Riders), Aggregate.Min, "7d")]
[Window("RidersMax7d", nameof(StationDay.Riders), Aggregate.Max, "7d")]
[Window("RidersMeanLast10Days", nameof(StationDay.Riders), Aggregate.Mean, "10 events")]
[Window("DaysObserved28d", nameof(StationDay.Riders), Aggregate.Count, "28d")]
[AsOfJoin(typeof(Weather), Tolerance = "1d")]
[AsOfJoin(typeof(NetworkDay), Lag = "1d", Tolerance = "1d")]
public static partial class RidershipFeatures
{
    [Feature] public static float DayOfWeek(StationDay day) => (float)day.Date.DayOfWeek;

    [Feature] public static float IsWeekend(StationDay day) => day.Date.DayOfWeek is System.DayOfWeek.Saturday or System.DayOfWeek.Sunday ? 1f : 0f;

    [Feature] public static float Month(StationDay day) => day.Date.Month;

    [Feature] public static float DayOfYear(StationDay day) => day.Date.DayOfYear;

    [Feature] public static float IsHoliday(StationDay day) => UsHolidays.IsHoliday(day.Date) ? 1f : 0f;

    [Feature] public static float IsHolidayEve(StationDay day) => UsHolidays.IsHoliday(day.Date.AddDays(1)) ? 1f : 0f;

    [Feature] public static float TempMax(StationDay day, Weather? weather) => weather?.TempMax ?? float.NaN;

    [Feature] public static float TempMin(StationDay day, Weather? weather) => weather?.TempMin ?? float.NaN;

    [Feature] public static float Precipitation(StationDay day, Weather? weather) => weather?.Percip ?? float.NaN;

    [Feature] public static float Rain(StationDay day, Weather? weather) => weather?.WeatherRain ?? float.NaN;

    [Feature] public static float Snow(StationDay day, Weather? weather) => weather?.WeatherSnow ?? float.NaN;

    [Feature] public static float Storm(StationDay day, Weather? weather) => weather?.WeatherStorm ?? float.NaN;

    [Feature] public static float HomeGames(StationDay day, Weather? weather) => weather?.HomeGames ?? float.NaN;

    [Feature] public static float NetworkYesterday(StationDay day, NetworkDay? network) => network?.Total ?? float.NaN;

    [Feature] public static float ClarkLakeYesterday(StationDay day, NetworkDay? network) => network?.ClarkLake ?? float.NaN;
}
