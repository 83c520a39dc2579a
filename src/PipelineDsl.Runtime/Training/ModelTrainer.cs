using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace PipelineDsl.Runtime.Training;

/// <summary>
/// Maps a <see cref="ModelDefinition"/> to an ML.NET trainer and fits it. Training is deterministic: the same data
/// and configuration give the same model (seeded context and trainer, one thread, LightGBM's deterministic mode).
/// Binary classifiers output a calibrated <c>Probability</c> as well as <c>Score</c> and <c>PredictedLabel</c>.
/// </summary>
public sealed class ModelTrainer
{
    /// <summary>The hyperparameter names recognised (case-insensitive); <c>Trees</c> is a synonym of <c>Iterations</c>.</summary>
    public static IReadOnlyList<string> AllowedHyperparameters { get; } =
        ["Leaves", "LearningRate", "Iterations", "Trees", "MinimumExampleCountPerLeaf"];

    /// <summary>Creates a trainer for <paramref name="model"/> seeded with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is unknown or its value does not parse.</exception>
    public ModelTrainer(ModelDefinition model, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Seed = seed;
        // A trainer in another package checks its own hyperparameters when it fits (its names are not these).
        Settings = ExternalTrainers.IsExternal(model.Trainer) ? new TrainerSettings(null, null, null, null) : TrainerSettings.Parse(model);
        Context = new MLContext(seed);
    }

    /// <summary>The model definition.</summary>
    public ModelDefinition Model { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>The parsed hyperparameters.</summary>
    public TrainerSettings Settings { get; }

    /// <summary>The ML.NET context (seeded) the model is trained, saved and evaluated in.</summary>
    public MLContext Context { get; }

    /// <summary>
    /// Fits the model on <paramref name="training"/> (columns <c>Features</c> and <c>Label</c>). An external trainer
    /// (<see cref="ExternalTrainers"/>) keeps its checkpoints in <paramref name="checkpointFolder"/>, so a killed
    /// training resumes there.
    /// </summary>
    public ITransformer Train(IDataView training, string? checkpointFolder = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (ExternalTrainers.Resolve(Model.Trainer) is { } external)
        {
            external.Validate(Model);
            if (external.UnavailableReason is { } reason)
            {
                throw new InvalidOperationException($"Trainer {Model.Trainer} cannot train in this process: {reason}. Run the pipeline with `run` (it sends the training node to a container) or `run --executor docker`.");
            }

            return external.Fit(Context, training, Model, new ExternalTrainingContext(Seed, checkpointFolder, log));
        }

        return (Model.Task, Model.Trainer) switch
        {
            (MlTask.BinaryClassification, Trainer.LightGbm) =>
                Context.BinaryClassification.Trainers.LightGbm(Configure(new LightGbmBinaryTrainer.Options())).Fit(training),
            (MlTask.Regression, Trainer.LightGbm) =>
                Context.Regression.Trainers.LightGbm(Configure(new LightGbmRegressionTrainer.Options())).Fit(training),
            (MlTask.BinaryClassification, Trainer.FastTree) =>
                Context.BinaryClassification.Trainers.FastTree(Configure(new FastTreeBinaryTrainer.Options())).Fit(training),
            (MlTask.Regression, Trainer.FastTree) =>
                Context.Regression.Trainers.FastTree(Configure(new FastTreeRegressionTrainer.Options())).Fit(training),
            _ => throw new NotSupportedException($"{Model.Trainer} for {Model.Task} is not supported."),
        };
    }

    /// <summary>
    /// Saves a trained model (ML.NET zip) to <paramref name="destination"/>. The zip entries' timestamps are
    /// pinned, so the same model always has the same bytes and the same content hash.
    /// </summary>
    public static void Save(MLContext context, ITransformer model, DataViewSchema inputSchema, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(destination);
        using var buffer = new MemoryStream();
        context.Model.Save(model, inputSchema, buffer);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                entry.LastWriteTime = PinnedEntryTime;
            }
        }

        buffer.Position = 0;
        buffer.CopyTo(destination);
    }

    private static readonly DateTimeOffset PinnedEntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Saves a trained model to a byte array.</summary>
    public static byte[] SaveToBytes(MLContext context, ITransformer model, DataViewSchema inputSchema)
    {
        using var buffer = new MemoryStream();
        Save(context, model, inputSchema, buffer);
        return buffer.ToArray();
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    public static ITransformer Load(MLContext context, Stream source, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Model.Load(source, out inputSchema);
    }

    private LightGbmBinaryTrainer.Options Configure(LightGbmBinaryTrainer.Options options)
    {
        options.LabelColumnName = FeatureMatrixColumns.Label;
        options.FeatureColumnName = FeatureMatrixColumns.Features;
        options.Seed = Seed;
        options.NumberOfThreads = 1;
        options.Deterministic = true;
        options.Silent = true;
        Apply(
            leaves => options.NumberOfLeaves = leaves,
            rate => options.LearningRate = rate,
            iterations => options.NumberOfIterations = iterations,
            minimum => options.MinimumExampleCountPerLeaf = minimum);
        return options;
    }

    private LightGbmRegressionTrainer.Options Configure(LightGbmRegressionTrainer.Options options)
    {
        options.LabelColumnName = FeatureMatrixColumns.Label;
        options.FeatureColumnName = FeatureMatrixColumns.Features;
        options.Seed = Seed;
        options.NumberOfThreads = 1;
        options.Deterministic = true;
        options.Silent = true;
        Apply(
            leaves => options.NumberOfLeaves = leaves,
            rate => options.LearningRate = rate,
            iterations => options.NumberOfIterations = iterations,
            minimum => options.MinimumExampleCountPerLeaf = minimum);
        return options;
    }

    private void Apply(Action<int> leaves, Action<double> learningRate, Action<int> iterations, Action<int> minimumPerLeaf)
    {
        if (Settings.Leaves is { } l)
        {
            leaves(l);
        }

        if (Settings.LearningRate is { } r)
        {
            learningRate(r);
        }

        if (Settings.Iterations is { } i)
        {
            iterations(i);
        }

        if (Settings.MinimumExampleCountPerLeaf is { } m)
        {
            minimumPerLeaf(m);
        }
    }

    private TOptions ConfigureTree<TOptions>(TOptions options)
        where TOptions : BoostedTreeOptions
    {
        options.LabelColumnName = FeatureMatrixColumns.Label;
        options.FeatureColumnName = FeatureMatrixColumns.Features;
        options.Seed = Seed;
        options.FeatureSelectionSeed = Seed;
        options.NumberOfThreads = 1;
        Apply(
            leaves => options.NumberOfLeaves = leaves,
            rate => options.LearningRate = rate,
            trees => options.NumberOfTrees = trees,
            minimum => options.MinimumExampleCountPerLeaf = minimum);
        return options;
    }

    private FastTreeBinaryTrainer.Options Configure(FastTreeBinaryTrainer.Options options) => ConfigureTree(options);

    private FastTreeRegressionTrainer.Options Configure(FastTreeRegressionTrainer.Options options) => ConfigureTree(options);
}
