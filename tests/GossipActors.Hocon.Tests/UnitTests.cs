using System.Numerics;
using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Durations and sizes in bytes: every unit spelling of the spec, bare numbers, and invalid forms.</summary>
public sealed class UnitTests
{
    private static Config With(string value) => TestConfig.Parse($"v = {value}");

    [Theory]
    [InlineData("1ns", 0)]
    [InlineData("100ns", 1)]
    [InlineData("250 nano", 2)]
    [InlineData("1000 nanos", 10)]
    [InlineData("1 nanosecond", 0)]
    [InlineData("300 nanoseconds", 3)]
    [InlineData("1us", 10)]
    [InlineData("1 micro", 10)]
    [InlineData("2 micros", 20)]
    [InlineData("1 microsecond", 10)]
    [InlineData("3 microseconds", 30)]
    [InlineData("1ms", 10_000)]
    [InlineData("1 milli", 10_000)]
    [InlineData("2 millis", 20_000)]
    [InlineData("1 millisecond", 10_000)]
    [InlineData("5 milliseconds", 50_000)]
    [InlineData("1s", 10_000_000)]
    [InlineData("1 second", 10_000_000)]
    [InlineData("5 seconds", 50_000_000)]
    [InlineData("1m", 600_000_000)]
    [InlineData("1 minute", 600_000_000)]
    [InlineData("10 minutes", 6_000_000_000)]
    [InlineData("1h", 36_000_000_000)]
    [InlineData("1 hour", 36_000_000_000)]
    [InlineData("2 hours", 72_000_000_000)]
    [InlineData("1d", 864_000_000_000)]
    [InlineData("1 day", 864_000_000_000)]
    [InlineData("365 days", 315_360_000_000_000)]
    [InlineData("1.5h", 54_000_000_000)]
    [InlineData("0.5s", 5_000_000)]
    [InlineData("\" 10 s \"", 100_000_000)]
    [InlineData("-5s", -50_000_000)]
    [InlineData("1500", 15_000_000)]
    [InlineData("0.5", 5_000)]
    [InlineData("\"1e3ms\"", 10_000_000)]
    [InlineData("1e3ms", 10_000_000)]
    public void Durations(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), With(text).GetDuration("v"));
    }

    [Theory]
    [InlineData("5 sec", "unknown unit 'sec'")]
    [InlineData("5S", "unknown unit 'S'")]
    [InlineData("abc", "does not start with a number")]
    [InlineData("\"5 s x\"", "not a unit")]
    [InlineData("10000000000d", "out of range")]
    [InlineData("\"1e500s\"", "out of range")]
    [InlineData("true", "found the boolean true")]
    [InlineData("[1s]", "found a list")]
    public void Invalid_durations_name_the_path_and_the_problem(string text, string mentions)
    {
        var error = Assert.Throws<ConfigException>(() => With(text).GetDuration("v"));
        Assert.Equal("v", error.Path);
        Assert.Equal("duration", error.ExpectedType);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
        Assert.Contains("test:1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1B", 1)]
    [InlineData("1b", 1)]
    [InlineData("1 byte", 1)]
    [InlineData("7 bytes", 7)]
    [InlineData("1kB", 1000)]
    [InlineData("1 kilobyte", 1000)]
    [InlineData("2 kilobytes", 2000)]
    [InlineData("1MB", 1_000_000)]
    [InlineData("1 megabyte", 1_000_000)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1 gigabytes", 1_000_000_000)]
    [InlineData("1TB", 1_000_000_000_000)]
    [InlineData("1PB", 1_000_000_000_000_000)]
    [InlineData("1EB", 1_000_000_000_000_000_000)]
    [InlineData("1K", 1024)]
    [InlineData("1k", 1024)]
    [InlineData("1Ki", 1024)]
    [InlineData("1KiB", 1024)]
    [InlineData("1 kibibyte", 1024)]
    [InlineData("3 kibibytes", 3072)]
    [InlineData("1M", 1_048_576)]
    [InlineData("1m", 1_048_576)]
    [InlineData("16MiB", 16_777_216)]
    [InlineData("1 mebibyte", 1_048_576)]
    [InlineData("1G", 1_073_741_824)]
    [InlineData("1g", 1_073_741_824)]
    [InlineData("1Gi", 1_073_741_824)]
    [InlineData("1 gibibytes", 1_073_741_824)]
    [InlineData("1T", 1_099_511_627_776)]
    [InlineData("1TiB", 1_099_511_627_776)]
    [InlineData("1P", 1_125_899_906_842_624)]
    [InlineData("1E", 1_152_921_504_606_846_976)]
    [InlineData("1.5KiB", 1536)]
    [InlineData("0.5M", 524_288)]
    [InlineData("1024", 1024)]
    [InlineData("\" 2 K \"", 2048)]
    public void Sizes(string text, long bytes)
    {
        Assert.Equal(bytes, With(text).GetBytes("v"));
    }

    [Theory]
    [InlineData("1ZB", "1000000000000000000000")]
    [InlineData("1Z", "1180591620717411303424")]
    [InlineData("1 zebibyte", "1180591620717411303424")]
    [InlineData("1YB", "1000000000000000000000000")]
    [InlineData("1 yottabytes", "1000000000000000000000000")]
    [InlineData("1Yi", "1208925819614629174706176")]
    [InlineData("1yobibytes", "1208925819614629174706176")]
    [InlineData("0.5YB", "500000000000000000000000")]
    public void Huge_sizes_are_exact(string text, string bytes)
    {
        var config = With(text);
        Assert.Equal(BigInteger.Parse(bytes, System.Globalization.CultureInfo.InvariantCulture), config.GetByteSize("v"));
        Assert.Throws<ConfigException>(() => config.GetBytes("v"));
    }

    [Theory]
    [InlineData("1kb")]
    [InlineData("1 KB")]
    [InlineData("1 mb")]
    [InlineData("ten")]
    [InlineData("1 K B")]
    public void Invalid_sizes_are_config_errors(string text)
    {
        var error = Assert.Throws<ConfigException>(() => With($"\"{text}\"").GetBytes("v"));
        Assert.Equal("size in bytes", error.ExpectedType);
    }
}
