namespace PipelineDsl.Generators.Model;

/// <summary>The CLR types a dataset member, feature or hyperparameter may have.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    DateTime,
}
