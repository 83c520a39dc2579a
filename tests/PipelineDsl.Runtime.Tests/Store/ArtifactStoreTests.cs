using System.Security.Cryptography;
using System.Text;
using PipelineDsl.Runtime.Store;
using PipelineDsl.Runtime.Tests.Support;

namespace PipelineDsl.Runtime.Tests.Store;

public class ArtifactStoreTests
{
    [Fact]
    public void Same_bytes_same_hash_stored_once()
    {
        using var temp = new TempDirectory();
        var store = new ArtifactStore(temp.Path);
        var bytes = Encoding.UTF8.GetBytes("hello artifacts");
        var h1 = store.Put(bytes);
        var h2 = store.Put(new MemoryStream(bytes));
        var file = temp.Combine("f.bin");
        File.WriteAllBytes(file, bytes);
        var h3 = store.PutFile(file);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), h1);
        Assert.Equal(h1, h2);
        Assert.Equal(h1, h3);
        Assert.Single(store.List());
        Assert.Equal(Path.Combine(temp.Path, "artifacts", "sha256", h1[..2], h1), store.PathOf(h1));
        using var read = store.Open(h1);
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public void Leaves_no_temporary_files_and_handles_concurrent_writers()
    {
        using var temp = new TempDirectory();
        var store = new ArtifactStore(temp.Path);
        var payloads = Enumerable.Range(0, 4).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + i), 100_000))).ToArray();
        Parallel.For(0, 32, i => store.Put(new MemoryStream(payloads[i % payloads.Length])));

        Assert.Equal(4, store.List().Count);
        var all = Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories).ToArray();
        Assert.Equal(4, all.Length);
        Assert.DoesNotContain(all, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        foreach (var payload in payloads)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(payload));
            Assert.Equal(payload, File.ReadAllBytes(store.PathOf(hash)));
        }
    }

    [Fact]
    public void Missing_and_malformed_hashes()
    {
        using var temp = new TempDirectory();
        var store = new ArtifactStore(temp.Path);
        Assert.False(store.Contains(new string('0', 64)));
        Assert.Throws<FileNotFoundException>(() => store.Open(new string('0', 64)));
        Assert.Throws<ArgumentException>(() => store.PathOf("../etc/passwd"));
    }
}
