using PipelineDsl;

namespace ChicagoRidership;

/// <summary>
/// The day's weather in Chicago and the number of home games. Joined as of each station-day on time alone (the city has
/// one weather); it has no label because no model trains on it.
/// </summary>
[Dataset("weather", Source = "data/weather.csv", Timestamp = nameof(Date))]
public sealed partial record Weather
{
    public DateTime Date { get; init; }

    public float TempMin { get; init; }

    public float Temp { get; init; }

    public float TempMax { get; init; }

    public float Humidity { get; init; }

    public float Wind { get; init; }

    [Range(0, 10)] public float Percip { get; init; }

    [Range(0, 1)] public float WeatherRain { get; init; }

    [Range(0, 1)] public float WeatherSnow { get; init; }

    [Range(0, 1)] public float WeatherCloud { get; init; }

    [Range(0, 1)] public float WeatherStorm { get; init; }

    [Range(0, 5)] public int HomeGames { get; init; }
}
