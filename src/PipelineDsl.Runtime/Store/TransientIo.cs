using Polly;
using Polly.Retry;

namespace PipelineDsl.Runtime.Store;

/// <summary>
/// Retries transient I/O faults (a file another process holds locked, a network volume's hiccup) with exponential
/// backoff and jitter, through Polly: 6 retries from 100 ms, about 6 s in all. A missing file or folder, or a denied
/// permission, is not transient and fails at once.
/// </summary>
public static class TransientIo
{
    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<IOException>(IsTransient),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                Interlocked.Increment(ref s_retries);
                return default;
            },
        })
        .Build();

    private static long s_retries;

    /// <summary>How many retries this process has made (for logs and tests).</summary>
    public static long Retries => Interlocked.Read(ref s_retries);

    /// <summary>Runs <paramref name="action"/>, retrying it on a transient <see cref="IOException"/>.</summary>
    public static T Run<T>(Func<T> action, CancellationToken cancellationToken = default) =>
        Retry.Execute(static (state, _) => state(), action, cancellationToken);

    private static bool IsTransient(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException or EndOfStreamException);
}
