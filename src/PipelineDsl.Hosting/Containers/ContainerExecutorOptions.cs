namespace PipelineDsl.Hosting.Containers;

/// <summary>How <c>run --executor docker</c> finds the image its nodes run in, and how they run.</summary>
internal sealed record ContainerExecutorOptions
{
    /// <summary>An image already built with the app at <c>/app</c> (<c>--image</c>): nothing is published or built.</summary>
    public string? Image { get; init; }

    /// <summary>The project to publish into the image (<c>--project</c>); found from the app's folder when null.</summary>
    public string? ProjectPath { get; init; }

    /// <summary>The base image the app is copied onto (<c>--base-image</c>).</summary>
    public string BaseImage { get; init; } = Docker.AppImage.DefaultBaseImage;

    /// <summary>The engine address; <c>DOCKER_HOST</c> (or the default socket) when null.</summary>
    public string? EngineAddress { get; init; }
}
