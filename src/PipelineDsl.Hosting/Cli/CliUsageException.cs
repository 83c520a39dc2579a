namespace PipelineDsl.Hosting;

/// <summary>A command line that names something that does not exist or combines options wrongly.</summary>
public sealed class CliUsageException(string message) : Exception(message);
