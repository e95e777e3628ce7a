namespace StandardsCloud.TestKit;

/// <summary>A directory removed when the test is done.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string purpose)
    {
        Path = Directory.CreateTempSubdirectory("sc-" + purpose + "-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the system's temp cleaning takes it later.
        }
    }
}
