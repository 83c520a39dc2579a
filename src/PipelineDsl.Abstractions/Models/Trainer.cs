namespace PipelineDsl;

/// <summary>The trainer that fits a model.</summary>
public enum Trainer
{
    /// <summary>Gradient-boosted trees with LightGBM (ML.NET).</summary>
    LightGbm = 0,

    /// <summary>Gradient-boosted trees with ML.NET's FastTree.</summary>
    FastTree = 1,

    /// <summary>
    /// A multilayer perceptron trained with TorchSharp (reference the <c>PipelineDsl.TorchSharp</c> package), on CUDA when
    /// available. Hyperparameters: <c>HiddenLayers</c> (e.g. "64,32"), <c>Epochs</c>, <c>LearningRate</c>,
    /// <c>BatchSize</c>, <c>Dropout</c>. Where TorchSharp cannot load in the host process, its training node runs in a
    /// container. The trained network is served through ONNX Runtime, so serving needs no TorchSharp.
    /// </summary>
    TorchMlp = 2,
}
