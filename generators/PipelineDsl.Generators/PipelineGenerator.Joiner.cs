using System;
using System.Collections.Generic;
using System.Linq;
using PipelineDsl.Generators.Helpers;
using PipelineDsl.Generators.Model;

namespace PipelineDsl.Generators;

public sealed partial class PipelineGenerator
{
    /// <summary>
    /// Cross-declaration steps: they run after <c>Collect</c>, over equatable specs only, so they are cheap and
    /// their outputs compare by value (an edit that changes nothing they read leaves downstream steps cached).
    /// </summary>
    internal static class Joiner
    {
        /// <summary>A feature set with its dataset's name; null when the dataset is missing or invalid.</summary>
        public static FeatureSetOutputSpec? JoinFeatureSet(FeatureSetSpec featureSet, EquatableArray<DatasetSpec> datasets)
        {
            var dataset = datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
            if (dataset is null)
            {
                return null;
            }

            if (!featureSet.IsPointInTime)
            {
                return new FeatureSetOutputSpec(featureSet, dataset.DatasetName);
            }

            var temporal = Temporal.Resolve(featureSet, dataset, datasets, []);
            return temporal is null ? null : new FeatureSetOutputSpec(featureSet, dataset.DatasetName) { Temporal = temporal };
        }

        /// <summary>
        /// PDSL212/PDSL213 for what only the datasets can tell: a window's member, key and timestamp, a join's keys
        /// and timestamps. Reported on the attribute from an equatable <see cref="LocationInfo"/> (like PDSL207).
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckFeatureSets(
            IEnumerable<FeatureSetCheckSpec> checks,
            EquatableArray<FeatureSetSpec> featureSets,
            EquatableArray<DatasetSpec> datasets)
        {
            var result = new List<DiagnosticInfo>();
            foreach (var check in checks.OrderBy(c => c.FullName, StringComparer.Ordinal))
            {
                var featureSet = featureSets.FirstOrDefault(f => f.FullName == check.FullName);
                var dataset = featureSet is null ? null : datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
                if (featureSet is null || dataset is null)
                {
                    continue;
                }

                var problems = new List<Temporal.Problem>();
                Temporal.Resolve(featureSet, dataset, datasets, problems);
                foreach (var problem in problems)
                {
                    var locations = problem.IsJoin ? check.JoinLocations : check.WindowLocations;
                    var location = problem.Index < locations.Count && locations[problem.Index] != LocationInfo.None ? locations[problem.Index] : check.ClassLocation;
                    result.Add(new DiagnosticInfo(
                        problem.IsJoin ? "PDSL213" : "PDSL212",
                        location,
                        new[] { problem.Subject, check.TypeName, problem.Message }.ToEquatableArray()));
                }
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// PDSL207. The check needs the model's task and its dataset's label type, which live in two declarations
        /// (usually two files). Reading the dataset's symbol from the model transform would go stale when only the
        /// dataset file changes, so the check runs here, after the join. The diagnostic is reported on the model
        /// declaration from an equatable <see cref="LocationInfo"/>; such a location cannot be suppressed with
        /// <c>#pragma</c>, which is acceptable for an error that has no valid reason to be suppressed.
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckLabels(
            IEnumerable<ModelCheckSpec> models,
            EquatableArray<FeatureSetSpec> featureSets,
            EquatableArray<DatasetSpec> datasets)
        {
            var result = new List<DiagnosticInfo>();
            foreach (var model in models.OrderBy(m => m.Location.FilePath, StringComparer.Ordinal).ThenBy(m => m.Location.Start))
            {
                var featureSet = featureSets.FirstOrDefault(f => f.FullName == model.FeatureSetFullName);
                var dataset = featureSet is null ? null : datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
                if (dataset is null || LabelFits(model.Task, dataset, out var needs))
                {
                    continue;
                }

                result.Add(new DiagnosticInfo(
                    "PDSL207",
                    model.Location,
                    new[] { model.ModelName, model.Task, dataset.LabelMember.Length == 0 ? "(none)" : dataset.LabelMember, dataset.LabelMember.Length == 0 ? "none" : LabelTypeName(dataset), needs }.ToEquatableArray()));
            }

            return result.ToEquatableArray();
        }

        /// <summary>Whether the dataset's label fits the task; unknown tasks are not checked.</summary>
        public static bool LabelFits(string task, DatasetSpec dataset, out string needs)
        {
            if (dataset.LabelMember.Length == 0)
            {
                needs = "a [Label] member";
                return false;
            }

            switch (task)
            {
                case "BinaryClassification":
                    needs = "a bool label";
                    return dataset.LabelKind == ValueKind.Boolean && !dataset.LabelIsNullable;
                case "Regression":
                    needs = "a non-nullable numeric label (int, long, float, double or decimal)";
                    return !dataset.LabelIsNullable
                        && dataset.LabelKind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Decimal;
                default:
                    needs = "";
                    return true;
            }
        }

        /// <summary>
        /// PDSL214 for what only the dataset can tell: a time split, cut-off or backtest over a dataset with no
        /// timestamp. Reported on the <c>[Pipeline]</c> attribute from an equatable location (like PDSL207).
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckPipelines(
            IEnumerable<PipelineCheckSpec> checks,
            EquatableArray<ModelSpec> models,
            EquatableArray<FeatureSetSpec> featureSets,
            EquatableArray<DatasetSpec> datasets)
        {
            var result = new List<DiagnosticInfo>();
            foreach (var check in checks.OrderBy(c => c.Location.FilePath, StringComparer.Ordinal).ThenBy(c => c.Location.Start))
            {
                var model = models.FirstOrDefault(m => m.FullName == check.ModelFullName);
                var featureSet = model is null ? null : featureSets.FirstOrDefault(f => f.FullName == model.FeatureSetFullName);
                var dataset = featureSet is null ? null : datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
                if (dataset is null || dataset.TimestampMember is not null)
                {
                    continue;
                }

                result.Add(new DiagnosticInfo(
                    "PDSL214",
                    check.Location == LocationInfo.None ? null : check.Location,
                    new[] { check.PipelineName, $"a time split, cut-off or backtest needs a time-stamped dataset, and '{dataset.TypeName}' declares no Timestamp" }.ToEquatableArray()));
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// A pipeline joined with everything it references, its DAG and topological order; null when a referenced
        /// declaration is missing or invalid (that declaration carries the diagnostic).
        /// </summary>
        public static PipelineOutputSpec? JoinPipeline(
            PipelineSpec pipeline,
            EquatableArray<ModelSpec> models,
            EquatableArray<FeatureSetSpec> featureSets,
            EquatableArray<DatasetSpec> datasets,
            EquatableArray<GateSpec> gates,
            EquatableArray<DeploymentSpec> deployments,
            EquatableArray<MonitorSpec> monitors)
        {
            var model = models.FirstOrDefault(m => m.FullName == pipeline.ModelFullName);
            var featureSet = model is null ? null : featureSets.FirstOrDefault(f => f.FullName == model.FeatureSetFullName);
            var dataset = featureSet is null ? null : datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
            if (model is null || featureSet is null || dataset is null || !LabelFits(model.Task, dataset, out _))
            {
                return null;
            }

            if (dataset.TimestampMember is null && (pipeline.Split == "Time" || pipeline.TimeCutoffTicks is not null || pipeline.BacktestFolds > 0))
            {
                return null; // PDSL214 (CheckPipelines)
            }

            var joined = EquatableArray<string>.Empty;
            if (featureSet.IsPointInTime)
            {
                var temporal = Temporal.Resolve(featureSet, dataset, datasets, []);
                if (temporal is null)
                {
                    return null;
                }

                joined = temporal.Joins.Select(j => j.DatasetName).ToEquatableArray();
            }

            var ds = dataset.DatasetName;
            var nodeList = new List<GraphNodeSpec>
            {
                Node("ingest", "Ingest", ds),
                Node("validate", "Validate", ds),
                Node("snapshot", "Snapshot", ds),
                Node("features", "Features", featureSet.TypeName),
                Node("split", "Split", ds),
                Node("train", "Train", model.TypeName),
                Node("evaluate", "Evaluate", model.TypeName),
                Node("gate", "Gate", model.TypeName),
                Node("register", "Register", pipeline.PipelineName),
            };
            string Id(int index) => nodeList[index].Id;
            var edgeList = new List<GraphEdgeSpec>
            {
                new GraphEdgeSpec(Id(0), Id(1)), // ingest -> validate
                new GraphEdgeSpec(Id(1), Id(2)), // validate -> snapshot
                new GraphEdgeSpec(Id(1), Id(3)), // validate -> features
                new GraphEdgeSpec(Id(1), Id(4)), // validate -> split
                new GraphEdgeSpec(Id(3), Id(5)), // features -> train
                new GraphEdgeSpec(Id(4), Id(5)), // split -> train
                new GraphEdgeSpec(Id(5), Id(6)), // train -> evaluate
                new GraphEdgeSpec(Id(3), Id(6)), // features -> evaluate
                new GraphEdgeSpec(Id(4), Id(6)), // split -> evaluate
                new GraphEdgeSpec(Id(6), Id(7)), // evaluate -> gate
                new GraphEdgeSpec(Id(7), Id(8)), // gate -> register
                new GraphEdgeSpec(Id(2), Id(8)), // snapshot -> register
            };

            // Joined datasets: their own ingest, validate and snapshot; features wait for them.
            foreach (var name in joined)
            {
                var ingest = Node("ingest", "Ingest", name);
                var validate = Node("validate", "Validate", name);
                var snapshot = Node("snapshot", "Snapshot", name);
                nodeList.AddRange(new[] { ingest, validate, snapshot });
                edgeList.Add(new GraphEdgeSpec(ingest.Id, validate.Id));
                edgeList.Add(new GraphEdgeSpec(validate.Id, snapshot.Id));
                edgeList.Add(new GraphEdgeSpec(validate.Id, Id(3)));
                edgeList.Add(new GraphEdgeSpec(snapshot.Id, Id(8)));
            }

            // Backtest: one model per fold, moving forward in time; the gate may read its worst fold.
            if (pipeline.BacktestFolds > 0)
            {
                var backtest = Node("backtest", "Backtest", model.TypeName);
                nodeList.Add(backtest);
                edgeList.Add(new GraphEdgeSpec(Id(3), backtest.Id));
                edgeList.Add(new GraphEdgeSpec(Id(4), backtest.Id));
                edgeList.Add(new GraphEdgeSpec(backtest.Id, Id(7)));
            }

            var nodes = nodeList.ToArray();
            var edges = edgeList.ToArray();

            return new PipelineOutputSpec
            {
                Pipeline = pipeline,
                RowTypeFullName = dataset.RowTypeFullName,
                DatasetClassFullName = dataset.DatasetClassFullName,
                DatasetName = ds,
                FeatureSetFullName = featureSet.FullName,
                JoinedDatasetNames = joined,
                ModelFullName = model.FullName,
                GateClassFullNames = gates
                    .Where(g => g.ModelFullName == model.FullName)
                    .Select(g => g.FullName)
                    .OrderBy(n => n, StringComparer.Ordinal)
                    .ToEquatableArray(),
                Deployments = deployments
                    .Where(d => d.ModelFullName == model.FullName && !d.HasErrors && DeploymentProblems(d.FullName, d.Name, d.ModelFullName, d.AssignmentMember, deployments.Select(o => (o.FullName, o.Name, o.ModelFullName)), dataset).Count == 0)
                    .ToEquatableArray(),
                Monitor = MonitorOf(model, monitors),
                Nodes = nodes.ToEquatableArray(),
                Edges = edges.ToEquatableArray(),
                TopologicalOrder = TopologicalSort(nodes, edges).ToEquatableArray(),
            };

            static GraphNodeSpec Node(string prefix, string kind, string subject) => new(prefix + ":" + subject, kind, subject);
        }

        /// <summary>
        /// The model's monitor as its pipeline carries it: the one <c>[Monitor]</c> that names the model, when it has no
        /// error (PDSL222 while parsing, a decay metric the task does not produce); none when there is none, or more
        /// than one (PDSL221, see <see cref="CheckMonitors"/>).
        /// </summary>
        private static MonitorSpec? MonitorOf(ModelSpec model, EquatableArray<MonitorSpec> monitors)
        {
            MonitorSpec? found = null;
            foreach (var monitor in monitors)
            {
                if (monitor.ModelFullName != model.FullName)
                {
                    continue;
                }

                if (found is not null)
                {
                    return null;
                }

                found = monitor;
            }

            return found is null || found.HasErrors || DecayMetricProblem(model.Task, found.DecayMetric, written: true) is not null ? null : found;
        }

        /// <summary>
        /// PDSL221 (no pipeline trains the model, another monitor watches it) and PDSL222 (a decay metric the model's task
        /// does not produce), for what only the other declarations can tell. Reported on the attribute or its
        /// <c>DecayMetric</c> argument from an equatable location.
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckMonitors(
            IEnumerable<MonitorCheckSpec> checks,
            EquatableArray<string> pipelineModels,
            EquatableArray<ModelSpec> models)
        {
            var all = checks.OrderBy(c => c.FullName, StringComparer.Ordinal).ToList();
            var result = new List<DiagnosticInfo>();
            foreach (var check in all)
            {
                if (!pipelineModels.Contains(check.ModelFullName))
                {
                    result.Add(new DiagnosticInfo(
                        "PDSL221",
                        Where(check.Location),
                        new[] { check.Name, check.ModelName, "no [Pipeline] trains; declare a pipeline for it, or monitor a model that has one" }.ToEquatableArray()));
                    continue;
                }

                var other = all.FirstOrDefault(o => o.ModelFullName == check.ModelFullName && o.FullName != check.FullName);
                if (other is not null)
                {
                    result.Add(new DiagnosticInfo(
                        "PDSL221",
                        Where(check.Location),
                        new[] { check.Name, check.ModelName, $"monitor '{ShortName(other.FullName)}' also watches; a model has one [Monitor]" }.ToEquatableArray()));
                }

                var model = models.FirstOrDefault(m => m.FullName == check.ModelFullName);
                if (model is not null && DecayMetricProblem(model.Task, check.DecayMetric, check.DecayMetricWritten) is { } problem)
                {
                    result.Add(new DiagnosticInfo("PDSL222", Where(check.DecayMetricLocation), new[] { check.Name, problem }.ToEquatableArray()));
                }
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// What is wrong with a monitor's decay metric (a <c>Metric</c> member name, or its number): with no task, what is
        /// wrong whatever the model (not a <c>Metric</c>; <c>P99LatencyMs</c>, which labels do not measure); with a task,
        /// whether the task produces it, by the rule of PDSL215 (classification metrics for binary classification,
        /// RMSE, MAE and R2 for regression). Null when nothing is; unknown tasks are not checked.
        /// </summary>
        public static string? DecayMetricProblem(string? task, string metric, bool written)
        {
            var known = Array.IndexOf(ClassificationMetrics, metric) >= 0 || Array.IndexOf(RegressionMetrics, metric) >= 0;
            if (task is null)
            {
                return metric == "P99LatencyMs"
                    ? "DecayMetric = P99LatencyMs is not a quality metric: decay compares a metric of labelled live rows with its holdout value; live latency is watched by [Deployment] MaxP99LatencyMs"
                    : known ? null : $"DecayMetric = {metric} is not a Metric";
            }

            var produced = task switch
            {
                "BinaryClassification" => ClassificationMetrics,
                "Regression" => RegressionMetrics,
                _ => null,
            };
            return !known || produced is null || Array.IndexOf(produced, metric) >= 0
                ? null
                : $"DecayMetric = {metric}{(written ? "" : " (the default)")} is a metric a {task} model does not produce; it produces {string.Join(", ", produced)}";
        }

        private static readonly string[] ClassificationMetrics = ["Auc", "F1", "Precision", "Recall", "LogLoss", "Accuracy", "CalibrationError"];

        private static readonly string[] RegressionMetrics = ["Rmse", "Mae", "R2"];

        private static LocationInfo? Where(LocationInfo location) => location == LocationInfo.None ? null : location;

        /// <summary>
        /// PDSL218 (no pipeline trains the model), PDSL219 (an assignment member that is not a request field of the
        /// model's dataset, a name two deployments of one model share), PDSL220 (a model with no gate) and PDSL223 (a
        /// model with no monitor), for what only the other declarations can tell. Reported on the attribute or its
        /// argument from an equatable location.
        /// </summary>
        public static EquatableArray<DiagnosticInfo> CheckDeployments(
            IEnumerable<DeploymentCheckSpec> checks,
            EquatableArray<string> pipelineModels,
            EquatableArray<ModelSpec> models,
            EquatableArray<FeatureSetSpec> featureSets,
            EquatableArray<DatasetSpec> datasets,
            EquatableArray<GateSpec> gates,
            EquatableArray<string> monitoredModels)
        {
            var all = checks.OrderBy(c => c.FullName, StringComparer.Ordinal).ToList();
            var names = all.Select(c => (c.FullName, c.Name, c.ModelFullName)).ToList();
            var result = new List<DiagnosticInfo>();
            foreach (var check in all)
            {
                if (!pipelineModels.Contains(check.ModelFullName))
                {
                    result.Add(new DiagnosticInfo(
                        "PDSL218",
                        Where(check.Location),
                        new[] { check.Name, check.ModelName, "no [Pipeline] trains; declare a pipeline for it, or deploy a model that has one" }.ToEquatableArray()));
                    continue;
                }

                var model = models.FirstOrDefault(m => m.FullName == check.ModelFullName);
                var featureSet = model is null ? null : featureSets.FirstOrDefault(f => f.FullName == model.FeatureSetFullName);
                var dataset = featureSet is null ? null : datasets.FirstOrDefault(d => d.RowTypeFullName == featureSet.RowTypeFullName);
                foreach (var (isName, message) in DeploymentProblems(check.FullName, check.Name, check.ModelFullName, check.AssignmentMember, names, dataset))
                {
                    result.Add(new DiagnosticInfo(
                        "PDSL219",
                        Where(isName ? check.NameLocation : check.AssignmentLocation),
                        new[] { check.Name, message }.ToEquatableArray()));
                }

                if (!gates.Any(g => g.ModelFullName == check.ModelFullName))
                {
                    result.Add(new DiagnosticInfo("PDSL220", Where(check.Location), new[] { check.Name, check.ModelName }.ToEquatableArray()));
                }

                if (!monitoredModels.Contains(check.ModelFullName))
                {
                    result.Add(new DiagnosticInfo("PDSL223", Where(check.Location), new[] { check.Name, check.ModelName }.ToEquatableArray()));
                }
            }

            return result.ToEquatableArray();
        }

        /// <summary>
        /// What is wrong with a deployment given the others and the model's dataset (null when unknown): a name another
        /// deployment of the same model has, an assignment member that a prediction request does not carry. Each
        /// problem says whether it is about the name (else the assignment member).
        /// </summary>
        public static List<(bool IsName, string Message)> DeploymentProblems(
            string fullName,
            string name,
            string modelFullName,
            string? assignmentMember,
            IEnumerable<(string FullName, string Name, string ModelFullName)> deployments,
            DatasetSpec? dataset)
        {
            var problems = new List<(bool, string)>();
            foreach (var other in deployments)
            {
                if (other.ModelFullName == modelFullName && other.Name == name && other.FullName != fullName)
                {
                    problems.Add((true, $"Name = \"{name}\" is also the name of deployment '{ShortName(other.FullName)}' of the same model"));
                    break;
                }
            }

            if (assignmentMember is { Length: > 0 } member && dataset is not null)
            {
                var column = dataset.Columns.FirstOrDefault(c => c.Member == member);
                if (column is null)
                {
                    problems.Add((false, $"AssignmentMember = \"{member}\" is not a member of dataset '{dataset.DatasetName}' (row '{dataset.TypeName}')"));
                }
                else if (column.IsLabel || column.IsNotAvailableAtPrediction)
                {
                    problems.Add((false, $"AssignmentMember = \"{member}\" is {(column.IsLabel ? "the label" : "not available at prediction")} of dataset '{dataset.DatasetName}'; a prediction request does not carry it"));
                }
            }

            return problems;
        }

        private static string ShortName(string fullName) =>
            fullName.StartsWith("global::", StringComparison.Ordinal) ? fullName.Substring(8) : fullName;

        /// <summary>Kahn's algorithm; among ready nodes the earliest in node order goes first.</summary>
        public static IReadOnlyList<string> TopologicalSort(IReadOnlyList<GraphNodeSpec> nodes, IReadOnlyList<GraphEdgeSpec> edges)
        {
            var indegree = nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
            foreach (var edge in edges)
            {
                indegree[edge.To]++;
            }

            var order = new List<string>(nodes.Count);
            var done = new HashSet<string>(StringComparer.Ordinal);
            while (order.Count < nodes.Count)
            {
                var next = nodes.FirstOrDefault(n => !done.Contains(n.Id) && indegree[n.Id] == 0);
                if (next is null)
                {
                    break; // a cycle; the graph is fixed and acyclic, so this cannot happen
                }

                done.Add(next.Id);
                order.Add(next.Id);
                foreach (var edge in edges.Where(e => e.From == next.Id))
                {
                    indegree[edge.To]--;
                }
            }

            return order;
        }

        private static string LabelTypeName(DatasetSpec dataset)
        {
            var name = dataset.LabelKind.ToKeyword("DateTime");
            return dataset.LabelIsNullable ? name + "?" : name;
        }
    }
}
