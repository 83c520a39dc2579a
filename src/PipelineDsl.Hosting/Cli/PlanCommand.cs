using System.CommandLine;

namespace PipelineDsl.Hosting;

/// <summary><c>plan</c>: prints the DAG as an ordered node list and as Mermaid (or DOT).</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var pipeline = CliOptions.Pipeline();
        var format = new Option<string>("--format")
        {
            Description = "text (node list and Mermaid), mermaid, dot or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "mermaid", "dot", "json");
        var command = new Command("plan", "Print the pipeline DAG: every node in topological order, and its Mermaid graph.") { pipeline, format };
        command.SetAction(parse =>
        {
            var definition = context.Catalog.Resolve(parse.GetValue(pipeline));
            var graph = definition.Graph;
            var console = context.Out;
            switch (parse.GetValue(format))
            {
                case "mermaid":
                    console.WriteLine(graph.ToMermaid());
                    return ExitCodes.Success;
                case "dot":
                    console.WriteLine(graph.ToDot());
                    return ExitCodes.Success;
                case "json":
                    console.WriteLine(JsonOutput.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("pipeline", definition.Name);
                        w.WriteString("dataset", definition.DatasetName);
                        w.WriteString("model", definition.Model.Name);
                        w.WriteStartArray("gates");
                        foreach (var gate in definition.Gates)
                        {
                            w.WriteStringValue(gate.ToString());
                        }

                        w.WriteEndArray();
                        w.WriteStartArray("nodes");
                        foreach (var id in graph.TopologicalOrder)
                        {
                            w.WriteStartObject();
                            w.WriteString("id", id);
                            w.WriteString("kind", graph[id].Kind.ToString());
                            w.WriteStartArray("after");
                            foreach (var dependency in graph.DependenciesOf(id))
                            {
                                w.WriteStringValue(dependency);
                            }

                            w.WriteEndArray();
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }));
                    return ExitCodes.Success;
            }

            console.WriteLine($"pipeline {definition.Name}: dataset {definition.DatasetName}, model {definition.Model.Name} ({definition.Model.Task}, {definition.Model.Trainer})");
            console.WriteLine($"gates: {(definition.Gates.Count == 0 ? "none" : string.Join("; ", definition.Gates))}");
            console.WriteLine($"nodes ({graph.Nodes.Count}, topological order):");
            var index = 1;
            foreach (var id in graph.TopologicalOrder)
            {
                var deps = graph.DependenciesOf(id).ToArray();
                console.WriteLine($"  {index++,2}. {id,-28} {(deps.Length == 0 ? "" : "after " + string.Join(", ", deps))}");
            }

            console.WriteLine();
            console.WriteLine("```mermaid");
            console.Write(graph.ToMermaid());
            console.WriteLine("```");
            return ExitCodes.Success;
        });
        return command;
    }
}
