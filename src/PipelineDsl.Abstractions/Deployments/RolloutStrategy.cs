namespace PipelineDsl;

/// <summary>How a deployment brings a new model version (the challenger) in front of traffic.</summary>
public enum RolloutStrategy
{
    /// <summary>The production version answers every request; a new production version replaces it in place (hot swap).</summary>
    Direct = 0,

    /// <summary>The production version answers; the challenger scores a copy of every request off the response path and the comparisons are logged.</summary>
    Shadow = 1,

    /// <summary>The challenger gets a growing share of traffic in steps; it is rolled back as soon as its error rate, p99 latency or prediction shift crosses a threshold in an evaluation window, and promoted after the last step.</summary>
    Canary = 2,

    /// <summary>Two slots, blue (production) and green (challenger); an admin call switches all traffic atomically and can switch it back.</summary>
    BlueGreen = 3,

    /// <summary>A fixed share of entities goes to the challenger, assigned by a hash of a key so that an entity always sees the same arm.</summary>
    AbTest = 4,
}
