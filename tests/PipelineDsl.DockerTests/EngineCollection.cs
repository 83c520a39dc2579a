namespace PipelineDsl.DockerTests;

/// <summary>Container tests run one class at a time: they share the engine (and two cores).</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection
{
    public const string Name = "container engine";
}
