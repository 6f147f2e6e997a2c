using System.Text.Json;
using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>
/// The upstream equivalence suite, read from ../shared/hocon-suite: every top-level variant file of equivNN must
/// resolve (without environment fallback) to the same tree as that folder's original.json. JSON variants are also
/// parsed as HOCON, since HOCON is a superset of JSON.
/// </summary>
public sealed class EquivalenceSuiteTests
{
    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        var resources = SharedSuite.Resources;
        if (resources is null)
        {
            return data; // the suite attributes report the tests skipped
        }

        foreach (var folder in EquivalenceFolders(resources))
        {
            foreach (var file in VariantFiles(folder))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [SuiteTheory]
    [MemberData(nameof(Variants))]
    public void Variant_resolves_to_the_same_tree_as_original_json(string folder, string file)
    {
        var directory = Path.Combine(SharedSuite.Resources!, folder);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "original.json")));
        var path = Path.Combine(directory, file);

        var parsed = HoconConfig.ParseFile(path, TestConfig.NoEnvironment);
        Assert.Null(JsonTree.Difference(expected.RootElement, parsed.Root));

        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            var asConf = HoconConfig.ParseFile(path, TestConfig.NoEnvironment with { Syntax = HoconSyntax.Conf });
            Assert.Null(JsonTree.Difference(expected.RootElement, asConf.Root));
        }
    }

    [SuiteTheory]
    [MemberData(nameof(Variants))]
    public void Original_json_parses_identically_as_json_and_as_hocon(string folder, string file)
    {
        _ = file;
        var original = Path.Combine(SharedSuite.Resources!, folder, "original.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(original));
        Assert.Null(JsonTree.Difference(expected.RootElement, HoconConfig.ParseFile(original, TestConfig.NoEnvironment).Root));
        Assert.Null(JsonTree.Difference(expected.RootElement,
            HoconConfig.ParseFile(original, TestConfig.NoEnvironment with { Syntax = HoconSyntax.Conf }).Root));
    }

    [SuiteFact]
    public void Suite_has_the_five_folders_and_fifteen_variants_upstream_counts()
    {
        var resources = SharedSuite.Resources!;
        var folders = EquivalenceFolders(resources).ToList();
        Assert.Equal(5, folders.Count);
        Assert.Equal(15, folders.Sum(f => VariantFiles(f).Count()));
    }

    private static IEnumerable<string> EquivalenceFolders(string resources) =>
        Directory.GetDirectories(resources, "equiv*").Order(StringComparer.Ordinal);

    private static IEnumerable<string> VariantFiles(string folder) =>
        Directory.GetFiles(folder)
            .Where(f => f.EndsWith(".conf", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "original.json")
            .Order(StringComparer.Ordinal);
}
