using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using PipelineDsl.ServingBenchmarks.BareEndpoint;

// Usage: BareEndpoint PORT. Kestrel on 127.0.0.1:PORT, no logging. POST /predict parses the body into a
// CustomerRequest (same camelCase fields as the PipelineDsl churn service) and answers {"probability":0.5};
// GET /ready answers 200.
if (args.Length != 1 || !int.TryParse(args[0], out var port))
{
    Console.Error.WriteLine("usage: BareEndpoint PORT");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJsonContext.Default));

var app = builder.Build();
var answer = new PredictionResponse(0.5);
app.MapPost("/predict", (CustomerRequest customer) => TypedResults.Ok(answer));
app.MapGet("/ready", () => TypedResults.Ok());
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
    $"bare endpoint on 127.0.0.1:{port}: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
    $"{Environment.ProcessorCount} processors, .NET {Environment.Version}"));
app.Run();
return 0;

namespace PipelineDsl.ServingBenchmarks.BareEndpoint
{
    /// <summary>The churn request: samples/ChurnPrediction/Customer.cs without the label, camelCase on the wire.</summary>
    public sealed record CustomerRequest(
        string State,
        int AccountLength,
        string AreaCode,
        string InternationalPlan,
        string VoiceMailPlan,
        int NumberVmailMessages,
        float TotalDayMinutes,
        int TotalDayCalls,
        float TotalDayCharge,
        float TotalEveMinutes,
        int TotalEveCalls,
        float TotalEveCharge,
        float TotalNightMinutes,
        int TotalNightCalls,
        float TotalNightCharge,
        float TotalIntlMinutes,
        int TotalIntlCalls,
        float TotalIntlCharge,
        int NumberCustomerServiceCalls);

    /// <summary>The constant answer.</summary>
    public sealed record PredictionResponse(double Probability);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(CustomerRequest))]
    [JsonSerializable(typeof(PredictionResponse))]
    internal sealed partial class BareJsonContext : JsonSerializerContext;
}
