using System.Text.RegularExpressions;
using ChurnPrediction;
using PipelineDsl.Hosting;
using PipelineDsl.Hosting.Export;
using PipelineDsl.Runtime;
using YamlDotNet.Serialization;

namespace PipelineDsl.IntegrationTests.Export;

/// <summary>
/// <c>export argo</c>: the Workflow parsed back with YamlDotNet and checked against what Argo requires of it and what
/// the pipeline's graph says. (Argo publishes its JSON schema only in its repository, not in a package the build can
/// restore, so the structure is checked here explicitly.)
/// </summary>
public sealed partial class ExportArgoTests
{
    private static readonly IPipelineDefinition Churn = ChurnPipeline.Definition;

    [Fact]
    public async Task The_workflow_is_the_pipeline_dag_one_container_per_node()
    {
        var result = await CliRunner.RunAsync(Churn, "export", "argo");
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);
        var workflow = Parse(result.Output);

        Assert.Equal("argoproj.io/v1alpha1", workflow["apiVersion"]);
        Assert.Equal("Workflow", workflow["kind"]);
        var metadata = Map(workflow["metadata"]);
        Assert.Equal("churn-", metadata["generateName"]);
        Assert.False(metadata.ContainsKey("namespace"));
        Assert.True(IsDns1123(((string)metadata["generateName"]).TrimEnd('-')));

        var spec = Map(workflow["spec"]);
        var templates = List(spec["templates"]).Select(Map).ToList();
        var templateNames = templates.Select(t => (string)t["name"]).ToList();
        Assert.Equal(templateNames.Count, templateNames.Distinct(StringComparer.Ordinal).Count());
        Assert.All(templateNames, n => Assert.True(IsDns1123(n), n));
        var byName = templates.ToDictionary(t => (string)t["name"], StringComparer.Ordinal);

        // The entry point is the DAG; each task runs a container template that exists.
        var dag = Map(byName[(string)spec["entrypoint"]]["dag"]);
        var tasks = List(dag["tasks"]).Select(Map).ToList();
        Assert.Equal(Churn.Graph.Nodes.Count, tasks.Count);
        var taskNames = tasks.Select(t => (string)t["name"]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(tasks.Count, taskNames.Count);
        Assert.All(taskNames, n => Assert.True(IsDns1123(n), n));
        var nodeOfTask = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            Assert.True(byName.TryGetValue((string)task["template"], out var template), $"task {task["name"]} names no template");
            var container = Map(template!["container"]);
            Assert.Equal("main", container["name"]);
            Assert.Equal("churnprediction:latest", container["image"]);
            var args = List(container["args"]).Cast<string>().ToList();
            Assert.Equal(6, args.Count);
            Assert.Equal("step", args[0]);
            Assert.Equal(["--store", "/store", "--run", "{{workflow.name}}"], args[2..]);
            nodeOfTask[(string)task["name"]] = args[1];
            Assert.Equal(args[1], Map(Map(template["metadata"])["annotations"])["pipelinedsl.io/node"]);

            var retry = Map(template["retryStrategy"]);
            Assert.Equal("2", retry["limit"]);
            Assert.Equal("OnFailure", retry["retryPolicy"]);
        }

        // Every node runs exactly once, as `step <original node id>`.
        Assert.Equal(Churn.Graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), nodeOfTask.Values.Order(StringComparer.Ordinal));

        // Dependencies name existing tasks and are exactly the graph's edges.
        var edges = new HashSet<(string, string)>();
        foreach (var task in tasks)
        {
            var dependencies = task.TryGetValue("dependencies", out var d) ? List(d).Cast<string>().ToList() : [];
            foreach (var dependency in dependencies)
            {
                Assert.Contains(dependency, taskNames);
                Assert.True(edges.Add((nodeOfTask[dependency], nodeOfTask[(string)task["name"]])), "duplicate dependency");
            }
        }

        Assert.Equal(Churn.Graph.Edges.Select(e => (e.From, e.To)).ToHashSet(), edges);
        Assert.True(IsAcyclic(tasks), "the DAG has a cycle");
    }

    [Fact]
    public async Task The_store_travels_through_s3_named_by_workflow_parameters()
    {
        var result = await CliRunner.RunAsync(Churn, "export", "argo", "--retries", "5", "--image", "registry.local/churn:7", "--namespace", "ml");
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);
        var workflow = Parse(result.Output);
        Assert.Equal("ml", Map(workflow["metadata"])["namespace"]);
        var spec = Map(workflow["spec"]);
        Assert.Equal("1", spec["parallelism"]);

        var parameters = List(Map(spec["arguments"])["parameters"]).Select(Map).ToDictionary(p => (string)p["name"], p => (string)p["value"]);
        Assert.Equal(["s3-access-key-secret", "s3-bucket", "s3-endpoint", "s3-key-prefix", "s3-secret-key-secret"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(parameters.Values, v => Assert.False(string.IsNullOrEmpty(v)));

        // Every {{workflow.parameters.X}} the manifest uses is declared.
        var used = WorkflowParameter().Matches(result.Output).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(parameters.Keys.ToHashSet(StringComparer.Ordinal), used);

        var containers = List(spec["templates"]).Select(Map).Where(t => t.ContainsKey("container")).ToList();
        Assert.Equal(Churn.Graph.Nodes.Count, containers.Count);
        foreach (var template in containers)
        {
            Assert.Equal("registry.local/churn:7", Map(template["container"])["image"]);
            Assert.Equal("5", Map(template["retryStrategy"])["limit"]);
            var input = Map(Assert.Single(List(Map(template["inputs"])["artifacts"])));
            var output = Map(Assert.Single(List(Map(template["outputs"])["artifacts"])));
            Assert.Equal("/store", input["path"]);
            Assert.Equal("/store", output["path"]);
            Assert.Equal("true", input["optional"]);
            foreach (var artifact in new[] { input, output })
            {
                var s3 = Map(artifact["s3"]);
                Assert.Equal("{{workflow.parameters.s3-endpoint}}", s3["endpoint"]);
                Assert.Equal("{{workflow.parameters.s3-bucket}}", s3["bucket"]);
                Assert.Equal("{{workflow.parameters.s3-key-prefix}}/{{workflow.name}}/store.tgz", s3["key"]);
                Assert.Equal("{{workflow.parameters.s3-access-key-secret}}", Map(s3["accessKeySecret"])["name"]);
                Assert.Equal("{{workflow.parameters.s3-secret-key-secret}}", Map(s3["secretKeySecret"])["name"]);
            }
        }
    }

    [Fact]
    public async Task Training_nodes_ask_for_resources_and_no_gpu_for_mlnet_trainers()
    {
        Assert.False(PipelineDsl.Runtime.Training.TrainerResources.RequiresGpu(Churn.Model));
        Assert.False(PipelineDsl.Runtime.Training.TrainerResources.RequiresGpu(Churn.Model with { Trainer = Trainer.FastTree }));
        Assert.True(PipelineDsl.Runtime.Training.TrainerResources.RequiresGpu(Churn.Model with { Trainer = Trainer.TorchMlp }));

        var result = await CliRunner.RunAsync(Churn, "export", "argo");
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);
        Assert.DoesNotContain("nvidia.com/gpu", result.Output);
        var train = TrainTemplate(Parse(result.Output));
        var resources = Map(Map(train["container"])["resources"]);
        Assert.True(Map(resources["requests"]).ContainsKey("cpu"));
        Assert.True(Map(resources["requests"]).ContainsKey("memory"));
    }

    [Fact]
    public void A_model_that_requires_a_gpu_gets_a_gpu_limit_on_its_training_nodes()
    {
        var workflow = ArgoWorkflow.Build(Churn, new ArgoWorkflowOptions("churnprediction:latest", RequiresGpu: _ => true));
        var yaml = ArgoWorkflow.ToYaml(workflow);
        var parsed = Parse(yaml);

        var limits = Map(Map(Map(TrainTemplate(parsed)["container"])["resources"])["limits"]);
        Assert.Equal("1", limits["nvidia.com/gpu"]);
        Assert.Matches(@"nvidia.com/gpu: [""']1[""']", yaml); // a quoted string: Argo's schema types quantities as strings

        // Only the nodes that fit a model get one.
        var others = List(Map(parsed["spec"])["templates"]).Select(Map)
            .Where(t => t.ContainsKey("container") && !IsTrain(t));
        Assert.All(others, t => Assert.False(Map(t["container"]).ContainsKey("resources")));
    }

    [Fact]
    public async Task Output_goes_to_the_file_when_asked()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("argo", "churn.yaml");
        var result = await CliRunner.RunAsync(Churn, "export", "argo", "--output", file);
        Assert.True(result.ExitCode == ExitCodes.Success, result.All);
        Assert.Contains("wrote " + file, result.Output);
        Assert.Equal("Workflow", Parse(await File.ReadAllTextAsync(file))["kind"]);

        var bad = await CliRunner.RunAsync(Churn, "export", "argo", "--retries", "-1");
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
    }

    [Theory]
    [InlineData("train:ChurnModel", "train-churnmodel")]
    [InlineData("ingest:churn", "ingest-churn")]
    [InlineData("features:Churn.Features__v2", "features-churn-features-v2")]
    [InlineData("::", null)]
    public void Node_ids_become_dns_labels(string id, string? expected)
    {
        var name = ArgoNames.Sanitize(id);
        Assert.True(IsDns1123(name), name);
        if (expected is not null)
        {
            Assert.Equal(expected, name);
        }

        Assert.Equal(name, ArgoNames.Sanitize(id));
    }

    [Fact]
    public void Long_and_colliding_ids_stay_distinct_valid_and_deterministic()
    {
        var longA = "train:" + new string('A', 80) + "One";
        var longB = "train:" + new string('A', 80) + "Two";
        var names = ArgoNames.Unique([longA, longB, "train:A.B", "train:A-B", "x:dag"], "x-dag");
        Assert.Equal(5, names.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("x-dag", names.Values);
        Assert.All(names.Values, n => Assert.True(IsDns1123(n), n));
        Assert.Equal(names, ArgoNames.Unique([longA, longB, "train:A.B", "train:A-B", "x:dag"], "x-dag"));
    }

    private static Dictionary<string, object> TrainTemplate(Dictionary<string, object> workflow) =>
        Assert.Single(List(Map(workflow["spec"])["templates"]).Select(Map), IsTrain);

    private static bool IsTrain(Dictionary<string, object> template) =>
        template.TryGetValue("container", out var c) && ((string)List(Map(c)["args"])[1]).StartsWith("train:", StringComparison.Ordinal);

    private static bool IsAcyclic(List<Dictionary<string, object>> tasks)
    {
        var pending = tasks.ToDictionary(
            t => (string)t["name"],
            t => t.TryGetValue("dependencies", out var d) ? List(d).Cast<string>().ToHashSet(StringComparer.Ordinal) : [],
            StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var ready = pending.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList();
            if (ready.Count == 0)
            {
                return false;
            }

            foreach (var name in ready)
            {
                pending.Remove(name);
                foreach (var rest in pending.Values)
                {
                    rest.Remove(name);
                }
            }
        }

        return true;
    }

    private static bool IsDns1123(string name) => name.Length <= 63 && Dns1123().IsMatch(name);

    private static Dictionary<string, object> Parse(string yaml) => Map(new DeserializerBuilder().Build().Deserialize<object>(yaml)!);

    private static Dictionary<string, object> Map(object value) =>
        Assert.IsType<Dictionary<object, object>>(value).ToDictionary(p => (string)p.Key, p => p.Value, StringComparer.Ordinal);

    private static List<object> List(object value) => Assert.IsType<List<object>>(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex(@"\{\{workflow\.parameters\.([a-z0-9-]+)\}\}")]
    private static partial Regex WorkflowParameter();
}
