using System.Reflection;

namespace PipelineDsl.Runtime.Training;

/// <summary>
/// Finds the <see cref="IExternalTrainer"/> for a <see cref="Trainer"/> that the runtime does not implement itself: it
/// is loaded by name from its package's assembly (the runtime takes no dependency on TorchSharp), so an app that uses
/// <see cref="Trainer.TorchMlp"/> references <c>PipelineDsl.TorchSharp</c>.
/// </summary>
public static class ExternalTrainers
{
    private static readonly Dictionary<Trainer, (string Type, string Package)> Known = new()
    {
        [Trainer.TorchMlp] = ("PipelineDsl.TorchSharp.TorchMlpTrainer, PipelineDsl.TorchSharp", "PipelineDsl.TorchSharp"),
    };

    private static readonly Dictionary<Trainer, IExternalTrainer> Loaded = [];
    private static readonly Lock Gate = new();

    /// <summary>Whether <paramref name="trainer"/> is implemented outside the runtime.</summary>
    public static bool IsExternal(Trainer trainer) => Known.ContainsKey(trainer);

    /// <summary>
    /// The external trainer for <paramref name="trainer"/>, or <see langword="null"/> for one the runtime implements.
    /// </summary>
    /// <exception cref="InvalidOperationException">Its package is not referenced by the app.</exception>
    public static IExternalTrainer? Resolve(Trainer trainer)
    {
        if (!Known.TryGetValue(trainer, out var known))
        {
            return null;
        }

        lock (Gate)
        {
            if (Loaded.TryGetValue(trainer, out var loaded))
            {
                return loaded;
            }

            Type? type;
            try
            {
                type = Type.GetType(known.Type, throwOnError: false);
            }
            catch (Exception exception) when (exception is FileLoadException or BadImageFormatException)
            {
                throw new InvalidOperationException($"Trainer {trainer} is in the {known.Package} package, which did not load: {exception.Message}", exception);
            }

            if (type is null || !typeof(IExternalTrainer).IsAssignableFrom(type))
            {
                throw new InvalidOperationException(
                    $"Trainer {trainer} is in the {known.Package} package: add a reference to it (dotnet add package {known.Package}).");
            }

            var instance = (IExternalTrainer)Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, binder: null, args: [], culture: null)!;
            Loaded[trainer] = instance;
            return instance;
        }
    }
}
