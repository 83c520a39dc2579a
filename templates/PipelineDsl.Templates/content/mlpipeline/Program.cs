using Microsoft.Extensions.Hosting;
using PipelineDsl.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddPipelineDsl(PipelineDsl.Generated.GeneratedPipelines.All);
using var host = builder.Build();
return await host.RunPipelineCliAsync(args);
