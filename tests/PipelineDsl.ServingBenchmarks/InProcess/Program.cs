using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChurnPrediction;

// Usage: InProcess STORE CSV OUT.json [calls]
// Scores single rows of the churn CSV with the production version in STORE, one call at a time, through
// Predictor.Predict: the generated feature row function plus the ML.NET prediction engine, what /predict runs per row.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: InProcess STORE CSV OUT.json [calls]");
    return 64;
}

var calls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200_000;
var rows = ChurnPipeline.Definition.Dataset.ReadCsv(args[1]).Rows;
using var predictor = ChurnPipeline.Definition.LoadPredictor(args[0]);
for (var i = 0; i < 20_000; i++)
{
    predictor.Predict(rows[i % rows.Length]);
}

var samples = new double[calls];
var sink = 0f;
for (var i = 0; i < calls; i++)
{
    var start = Stopwatch.GetTimestamp();
    sink += predictor.Predict(rows[i % rows.Length]).Score;
    samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
}

Array.Sort(samples);
double Quantile(double q) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(q * samples.Length) - 1)];
var result = new
{
    what = $"Predictor.Predict on one churn row (15 generated features + LightGBM, {predictor.Version.Name} v{predictor.ModelVersion}), one call at a time",
    p50_us = Math.Round(Quantile(0.50), 2),
    p99_us = Math.Round(Quantile(0.99), 2),
    p999_us = Math.Round(Quantile(0.999), 2),
    calls,
};
File.WriteAllText(args[2], JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"{result.what}: p50 {result.p50_us} us, p99 {result.p99_us} us, p99.9 {result.p999_us} us over {calls} calls (checksum {sink})");
return 0;
