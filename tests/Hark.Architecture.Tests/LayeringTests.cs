using System.Xml.Linq;

namespace Hark.Architecture.Tests;

/// <summary>
/// The reference directions of design.md's layer table. Every project under src/ must be listed;
/// each may reference only the projects listed for it.
/// </summary>
public sealed class LayeringTests
{
    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Hark.Media"] = [],
        ["Hark.Sdp"] = [],
        ["Hark.Sip"] = [],
        ["Hark.Rtp"] = ["Hark.Media"],
        ["Hark.Calls"] = ["Hark.Media"],
        ["Hark.Storage"] = ["Hark.Calls", "Hark.Media"],
        ["Hark.Graph"] = ["Hark.Calls", "Hark.Media"],
        ["Hark.Telephony"] = ["Hark.Sip", "Hark.Sdp", "Hark.Rtp", "Hark.Calls", "Hark.Media"],
        ["Hark.Host"] = ["Hark.Media", "Hark.Sdp", "Hark.Sip", "Hark.Rtp", "Hark.Calls", "Hark.Graph", "Hark.Storage", "Hark.Telephony"],
    };

    [Fact]
    public void ProjectReferences_EverySourceProject_PointOnlyWhereDesignAllows()
    {
        var projects = SourceProjects();
        Assert.Contains("Hark.Media", projects.Keys);
        Assert.Empty(Violations(projects));
    }

    [Fact]
    public void Violations_ForbiddenOrUnknownProject_AreReported()
    {
        var projects = new Dictionary<string, string[]>
        {
            ["Hark.Media"] = ["Hark.Rtp"],
            ["Hark.Graph"] = ["Hark.Calls", "Hark.Sip"],
            ["Hark.Mystery"] = [],
            ["Hark.Rtp"] = ["Hark.Media"],
        };

        var violations = Violations(projects);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("Hark.Media must not reference Hark.Rtp", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Hark.Graph must not reference Hark.Sip", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Hark.Mystery", StringComparison.Ordinal));
    }

    internal static List<string> Violations(IReadOnlyDictionary<string, string[]> projects)
    {
        var violations = new List<string>();
        foreach (var (name, references) in projects)
        {
            if (!Allowed.TryGetValue(name, out var allowed))
            {
                violations.Add($"{name} is not in the layer table; add it to design.md and to this test.");
                continue;
            }

            violations.AddRange(references.Except(allowed).Select(r => $"{name} must not reference {r}."));
        }

        return violations;
    }

    [Fact]
    public void CompiledAssemblies_HarkReferences_PointOnlyWhereDesignAllows()
    {
        // The compiler drops unused references, so this catches what a type actually uses,
        // including references that slip in transitively rather than through a csproj.
        var assemblies = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Select(path => System.Reflection.AssemblyName.GetAssemblyName(path))
            .Where(name => name.Name == "hark" || name.Name!.StartsWith("Hark.", StringComparison.Ordinal))
            .Where(name => !name.Name!.EndsWith(".Tests", StringComparison.Ordinal))
            .Select(System.Reflection.Assembly.Load)
            .ToDictionary(
                a => a.GetName().Name == "hark" ? "Hark.Host" : a.GetName().Name!,
                a => a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Hark.", StringComparison.Ordinal)).ToArray());

        Assert.Contains("Hark.Media", assemblies.Keys);
        Assert.Contains("Hark.Host", assemblies.Keys);
        Assert.Empty(Violations(assemblies));
    }

    internal static Dictionary<string, string[]> SourceProjects()
    {
        var src = Path.Combine(Hark.Testing.RepositoryPaths.Root, "src");
        return Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path => XDocument.Load(path).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToArray());
    }
}
