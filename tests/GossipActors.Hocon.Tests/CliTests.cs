using System.Text.Json;
using GossipActors.Cli;
using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary><c>gossipctl config render</c>, invoked in-process with captured stdout and stderr.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = GossipCtl.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Render_prints_the_resolved_file_alone_as_json()
    {
        var file = _dir.Write("node.conf", "remote { port = 7100 }\ngossip.seeds = [\"a:7000\"]\ncopy = ${remote.port}");
        var (exit, output, error) = Run("config", "render", file);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(7100, json.RootElement.GetProperty("remote").GetProperty("port").GetInt32());
        Assert.Equal(7100, json.RootElement.GetProperty("copy").GetInt32());
        Assert.Equal("a:7000", json.RootElement.GetProperty("gossip").GetProperty("seeds")[0].GetString());
        Assert.False(json.RootElement.TryGetProperty("admin", out _));
    }

    [Fact]
    public void With_defaults_merges_reference_conf_under_the_file_and_lets_it_refer_to_defaults()
    {
        var file = _dir.Write("node.conf", "remote.port = 7100\nadvertised = ${remote.hostname}\":\"${remote.port}");
        var (exit, output, error) = Run("config", "render", file, "--with-defaults");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(7100, json.RootElement.GetProperty("remote").GetProperty("port").GetInt32());
        Assert.Equal("auto", json.RootElement.GetProperty("remote").GetProperty("mtu").GetString());
        Assert.Equal("127.0.0.1:7100", json.RootElement.GetProperty("advertised").GetString());
        Assert.Equal(7199, json.RootElement.GetProperty("admin").GetProperty("port").GetInt32());
    }

    [Fact]
    public void Path_selects_one_value()
    {
        var file = _dir.Write("node.conf", "gossip { failure-detector { phi-convict-threshold = 10 } }");
        var (exit, output, _) = Run("config", "render", file, "--with-defaults", "--path", "gossip.failure-detector");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(10, json.RootElement.GetProperty("phi-convict-threshold").GetInt32());
        Assert.Equal("auto", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("direct", json.RootElement.GetProperty("heartbeats").GetString());

        var scalar = Run("config", "render", file, "--path", "gossip.failure-detector.phi-convict-threshold");
        Assert.Equal(0, scalar.Exit);
        Assert.Equal("10", scalar.Out.Trim());
    }

    [Fact]
    public void Invalid_input_prints_file_line_column_message_on_stderr_and_exits_non_zero()
    {
        var file = _dir.Write("bad.conf", "remote {\n  port = 7000\n  mtu = [1500\n}\n");
        var (exit, output, error) = Run("config", "render", file);

        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.StartsWith($"{file}:4:1: ", error, StringComparison.Ordinal);
        Assert.Contains("is the ']' for the '[' at line 3, column 9 missing?", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Unresolvable_substitutions_are_reported_the_same_way()
    {
        var file = _dir.Write("node.conf", "a = 1\nb = ${remote.hostname}");
        var (exit, output, error) = Run("config", "render", file);
        Assert.NotEqual(0, exit);
        Assert.Empty(output);
        Assert.StartsWith($"{file}:2:5: could not resolve substitution ${{remote.hostname}}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_and_missing_path_are_errors_with_the_file_name()
    {
        var missing = Run("config", "render", Path.Combine(_dir.Path, "absent.conf"));
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("absent.conf:1:1: cannot read", missing.Err, StringComparison.Ordinal);

        var file = _dir.Write("node.conf", "remote.port = 1");
        var badPath = Run("config", "render", file, "--path", "remote.prot");
        Assert.NotEqual(0, badPath.Exit);
        Assert.Contains("did you mean remote.port?", badPath.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_accepts_a_valid_file_with_exit_0()
    {
        var file = _dir.Write("node.conf", "gossip { interval = 2s, application-states { role = api } }\nakka.actor.anything = 1\nmyapp.x = 1");
        var (exit, output, error) = Run("config", "check", file);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal($"{file}: valid", output.Trim());
    }

    [Fact]
    public void Check_refuses_with_exit_3_and_every_problem_named_with_where_it_was_set()
    {
        var file = _dir.Write("node.conf", "gossip {\n  intervall = 2s\n  shadow-round-timeout = 100d\n}\nremote.mtuu = 1400\nremote.maximum-message-size = 1GiB\nactors.throughput = 30\n");
        var (exit, output, error) = Run("config", "check", file);

        Assert.Equal(3, exit);
        Assert.Empty(output);
        Assert.Contains($"gossip.intervall is not a known setting (set at {file}:2:15); did you mean gossip.interval?", error, StringComparison.Ordinal);
        Assert.Contains($"remote.mtuu is not a known setting (set at {file}:5:15); did you mean remote.mtu?", error, StringComparison.Ordinal);
        Assert.Contains($"actors is not a known setting (set at {file}:7:1): the actors section was removed", error, StringComparison.Ordinal);
        Assert.Contains($"gossip.shadow-round-timeout = 100d is out of range; accepted more than 0 and at most 10m (set at {file}:3:26)", error, StringComparison.Ordinal);
        Assert.Contains($"remote.maximum-message-size = 1GiB is out of range; accepted 1KiB-256MiB (set at {file}:6:31)", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'), line => line.Contains("maximum-message-size", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_and_render_refuse_a_value_of_the_wrong_type_as_the_node_does()
    {
        var file = _dir.Write("node.conf", "gossip.interval = banana\n");

        var check = Run("config", "check", file);
        var render = Run("config", "render", file);

        Assert.Equal(3, check.Exit);
        Assert.Equal(3, render.Exit);
        Assert.Empty(render.Out);
        Assert.Equal(check.Err, render.Err);
        Assert.Contains($"gossip.interval: expected duration but found the string \"banana\"", check.Err, StringComparison.Ordinal);
        Assert.Contains($"set at {file}:1:19", check.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_syntax_errors_with_exit_3()
    {
        var file = _dir.Write("bad.conf", "remote {\n  mtu = [1500\n}\n");
        var (exit, _, error) = Run("config", "check", file);
        Assert.Equal(3, exit);
        Assert.StartsWith($"{file}:3:1: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_arguments_are_usage_errors()
    {
        var (exit, _, error) = Run("config", "render");
        Assert.NotEqual(0, exit);
        Assert.Contains("Required argument missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_factory_contributes_a_root_command()
    {
        var root = GossipCtl.BuildRootCommand();
        Assert.Equal(GossipCtl.CommandFactories.Count, root.Subcommands.Count);
        Assert.Contains(root.Subcommands, c => c.Name == "config" && c.Subcommands.Any(s => s.Name == "render") && c.Subcommands.Any(s => s.Name == "check"));
    }
}
