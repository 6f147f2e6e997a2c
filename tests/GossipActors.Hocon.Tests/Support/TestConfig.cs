namespace GossipActors.Hocon.Tests.Support;

/// <summary>Parsing helpers that keep tests independent of the machine's environment variables.</summary>
internal static class TestConfig
{
    public static HoconParseOptions NoEnvironment { get; } = new() { UseEnvironmentVariables = false };

    public static HoconParseOptions WithEnvironment(params (string Name, string Value)[] variables) => new()
    {
        EnvironmentVariables = variables.ToDictionary(v => v.Name, v => v.Value),
    };

    public static Config Parse(string text) => HoconConfig.ParseString(text, "test", NoEnvironment);

    public static string Json(string text) => Parse(text).ToJson(indented: false);

    public static HoconParseException Fails(string text, HoconParseOptions? options = null) =>
        Assert.Throws<HoconParseException>(() => HoconConfig.ParseString(text, "test", options ?? NoEnvironment));
}
