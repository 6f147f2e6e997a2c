using GossipActors.Actors;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Actors.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void Settings_are_read_from_the_actors_section()
    {
        var section = Section(new()
        {
            ["actors:throughput"] = "50",
            ["actors:ask-timeout"] = "1500ms",
            ["actors:stop-timeout"] = "1m",
            ["actors:log-dead-letters"] = "off",
            ["actors:dispatcher"] = "thread-pool",
        });

        var settings = ActorSystemSettings.FromConfiguration(section);

        Assert.Equal(50, settings.Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.AskTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.StopTimeout);
        Assert.False(settings.LogDeadLetters);
    }

    [Fact]
    public void Missing_keys_keep_the_defaults()
    {
        var settings = ActorSystemSettings.FromConfiguration(Section(new()));

        Assert.Equal(ActorSystemSettings.Default, settings);
        Assert.Equal(30, settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.AskTimeout);
    }

    [Theory]
    [InlineData("throughput", "0", "actors.throughput: '0'")]
    [InlineData("throughput", "fast", "actors.throughput: 'fast'")]
    [InlineData("ask-timeout", "5 parsecs", "actors.ask-timeout: '5 parsecs'")]
    [InlineData("ask-timeout", "-1s", "actors.ask-timeout: '-1s'")]
    [InlineData("log-dead-letters", "maybe", "actors.log-dead-letters: 'maybe'")]
    [InlineData("dispatcher", "fork-join", "actors.dispatcher: 'fork-join'")]
    public void Bad_values_are_rejected_naming_key_and_value(string key, string value, string expected)
    {
        var section = Section(new() { [$"actors:{key}"] = value });

        var error = Assert.Throws<FormatException>(() => ActorSystemSettings.FromConfiguration(section));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5 seconds", 1500)]
    [InlineData("3m", 180_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("500000us", 500)]
    public void Durations_follow_HOCON_units(string text, int expectedMilliseconds)
    {
        var settings = ActorSystemSettings.FromConfiguration(Section(new() { ["actors:ask-timeout"] = text }));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), settings.AskTimeout);
    }

    [Fact]
    public async Task A_system_can_be_built_from_configuration()
    {
        var settings = ActorSystemSettings.FromConfiguration(Section(new() { ["actors:throughput"] = "7" }));
        using var system = ActorSystem.Create("configured", settings);

        Assert.Equal(7, system.Settings.Throughput);
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Invalid_settings_are_rejected_when_the_system_is_created()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("x", new ActorSystemSettings { Throughput = 0 }));
        Assert.Contains("throughput", error.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("actors");
}
