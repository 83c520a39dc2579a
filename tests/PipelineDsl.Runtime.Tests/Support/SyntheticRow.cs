namespace PipelineDsl.Runtime.Tests.Support;

/// <summary>A row type like one a user would declare.</summary>
public sealed record SyntheticRow(int Id, double X1, double X2, string Segment, bool Churned, double Amount, DateTime When);
