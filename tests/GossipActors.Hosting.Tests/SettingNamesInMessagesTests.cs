using System.Text.RegularExpressions;
using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// Issue 13 item 6: an operator told to change a setting must find it. Every setting under gossip, remote, admin or
/// actors that a string in the sources names (log lines, exception messages) exists in reference.conf.
/// </summary>
public sealed partial class SettingNamesInMessagesTests
{
    /// <summary>Paths that look like ours but are Akka's: the dispatcher id the gossip tree's Props name (DeterministicWorld sets it).</summary>
    private static readonly HashSet<string> AkkaPaths = ["gossip.dispatcher"];

    [Fact]
    public void Every_setting_a_message_in_the_sources_names_exists_in_reference_conf()
    {
        var root = RepositoryRoot();
        var reference = HoconConfig.Reference;
        var named = new List<(string Setting, string Where)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match literal in StringLiteral().Matches(lines[i]))
                {
                    foreach (Match setting in SettingPath().Matches(literal.Value))
                    {
                        named.Add((setting.Value.TrimEnd('.', '-'), $"{Path.GetRelativePath(root, file)}:{i + 1}"));
                    }
                }
            }
        }

        Assert.True(named.Count > 50, $"only {named.Count} setting names found in the sources; is the scan looking at the right files?");
        Assert.Contains(named, n => n.Setting == "remote.max-unauthenticated-connections");
        var missing = named.Where(n => !reference.HasPath(n.Setting) && !AkkaPaths.Contains(n.Setting)).Select(n => $"{n.Setting} ({n.Where})").Distinct().ToList();
        Assert.True(missing.Count == 0, "named in messages but not in reference.conf:\n" + string.Join('\n', missing));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "hocon", "reference.conf")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no repository root (hocon/reference.conf and src/) above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    /// <summary>A lower-case dotted path under one of our sections, not part of a longer identifier or an Akka path.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-/])(?:gossip|remote|admin|actors)(?:\.[a-z0-9][a-z0-9\-]*)+")]
    private static partial Regex SettingPath();
}
