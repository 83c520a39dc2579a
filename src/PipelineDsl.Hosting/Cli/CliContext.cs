using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace PipelineDsl.Hosting;

/// <summary>
/// What every verb needs: the pipelines, logging, the rich console (progress, coloured lines) and the plain
/// writer for output that programs read (tables, JSON, Mermaid), which is never wrapped or decorated.
/// </summary>
internal sealed record CliContext(PipelineCatalog Catalog, ILoggerFactory LoggerFactory, IAnsiConsole Console, TextWriter Out);
