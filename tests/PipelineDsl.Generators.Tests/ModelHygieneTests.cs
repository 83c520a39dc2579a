using System.Reflection;
using Microsoft.CodeAnalysis;
using PipelineDsl.Generators.Helpers;

namespace PipelineDsl.Generators.Tests;

/// <summary>
/// The pipeline models must be value-equatable and must never hold Roslyn objects that are not: symbols,
/// syntax, locations or compilations would break caching and keep old compilations alive.
/// </summary>
public sealed class ModelHygieneTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken), typeof(Location),
        typeof(Compilation), typeof(SemanticModel), typeof(Diagnostic), typeof(AttributeData),
    ];

    public static TheoryData<string> ModelTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in ModelAssemblyTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_model_namespace_holds_the_expected_specs()
    {
        var names = ModelAssemblyTypes().Select(t => t.Name).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "DatasetSpec", "ColumnSpec", "FeatureSetSpec", "FeatureSpec", "ModelSpec", "HyperparameterSpec", "GateSpec", "GateRuleSpec", "PipelineSpec", "PipelineOutputSpec" },
            names);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Model_types_are_sealed_equatable_records_without_Roslyn_objects(string typeName)
    {
        var type = typeof(PipelineGenerator).Assembly.GetType(typeName, throwOnError: true)!;
        if (type.IsEnum)
        {
            return;
        }

        Assert.True(type.IsSealed, $"{type.Name} must be sealed");
        Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type.Name} must be IEquatable<{type.Name}>");
        Assert.NotNull(type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance)); // a record

        foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                     .Where(p => p.Name != "EqualityContract"))
        {
            AssertAllowed(type, member.Name, member.PropertyType);
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            AssertAllowed(type, field.Name, field.FieldType);
        }
    }

    private static void AssertAllowed(Type owner, string member, Type type)
    {
        foreach (var forbidden in Forbidden)
        {
            Assert.False(forbidden.IsAssignableFrom(type), $"{owner.Name}.{member} has type {type.Name}, which is a {forbidden.Name}");
        }

        if (type.IsArray)
        {
            Assert.Fail($"{owner.Name}.{member} is an array, which compares by reference; use EquatableArray<T>");
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            Assert.True(
                definition == typeof(EquatableArray<>) || definition == typeof(Nullable<>),
                $"{owner.Name}.{member} has generic type {type.Name}; only EquatableArray<T> and Nullable<T> compare by value");
            foreach (var argument in type.GetGenericArguments())
            {
                AssertAllowed(owner, member, argument);
            }
        }
    }

    private static IEnumerable<Type> ModelAssemblyTypes() =>
        typeof(PipelineGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace == "PipelineDsl.Generators.Model" && !t.IsNested && !t.Name.StartsWith('<'))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
