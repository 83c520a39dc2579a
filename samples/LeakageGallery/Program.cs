// The gallery is read, not run: each file holds one feature or declaration a data scientist might really write, and the
// warning PipelineDsl gives it. `dotnet build samples/LeakageGallery` lists them.
System.Console.WriteLine("PipelineDsl leakage gallery: build it and read the warnings.");
