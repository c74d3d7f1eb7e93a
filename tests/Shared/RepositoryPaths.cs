namespace Hark.Testing;

/// <summary>Locates the checkout (the folder holding Hark.slnx) from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under tests/data.</summary>
    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "data", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hark.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Hark.slnx not found above " + AppContext.BaseDirectory);
    }
}
