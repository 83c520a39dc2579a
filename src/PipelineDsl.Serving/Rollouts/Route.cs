using PipelineDsl.Serving.Models;

namespace PipelineDsl.Serving.Rollouts;

/// <summary>Where one row goes: the model that answers, its arm, and a shadow model that scores a copy.</summary>
internal readonly record struct Route<TRow>(ServedModel<TRow> Model, string Arm, ServedModel<TRow>? Shadow);
