using System.Numerics;
using GossipActors.Hocon.Tests.Support;
using Xunit.Abstractions;

namespace GossipActors.Hocon.Tests;

/// <summary>test01.conf from the suite: the values upstream asserts (INDEX.md section 2), durations and sizes above all.</summary>
public sealed class Test01Tests : SuiteTestBase
{
    public Test01Tests(ITestOutputHelper output)
        : base(output)
    {
    }

    private Config Load()
    {
        return HoconConfig.ParseFile(Resource("test01.conf"), TestConfig.NoEnvironment);
    }

    [SuiteFact]
    public void Durations_convert_with_every_unit_spelling_and_bare_numbers_as_milliseconds()
    {
        var config = Load();

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("durations.second"));
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)],
            config.GetDurationList("durations.secondsList"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("durations.secondAsNumber"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetDuration("durations.halfSecond"));
        Assert.Equal(TimeSpan.FromMilliseconds(1), config.GetDuration("durations.millis"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), config.GetDuration("durations.micros"));
    }

    [SuiteFact]
    public void Large_nanosecond_durations_keep_every_digit_down_to_the_tick()
    {
        var config = Load();

        // 4878955355435272204 ns is 48789553554352722.04 ticks of 100 ns; a double would lose the last digits.
        Assert.Equal(48_789_553_554_352_722L, config.GetDuration("durations.largeNanos").Ticks);
        Assert.Equal(48_789_553_554_352_722L, config.GetDuration("durations.plusLargeNanos").Ticks);
        Assert.Equal(-48_789_553_554_352_722L, config.GetDuration("durations.minusLargeNanos").Ticks);
        Assert.Equal("-4878955355435272204ns", config.GetString("durations.minusLargeNanos"));
    }

    [SuiteFact]
    public void Sizes_use_powers_of_two_for_one_letter_units_and_powers_of_ten_for_SI_units()
    {
        var config = Load();

        Assert.Equal(1_048_576L, config.GetBytes("memsizes.meg"));
        Assert.Equal([1_048_576L, 1_048_576L, 1_048_576L], config.GetBytesList("memsizes.megsList"));
        Assert.Equal(1_048_576L, config.GetBytes("memsizes.megAsNumber"));
        Assert.Equal(524_288L, config.GetBytes("memsizes.halfMeg"));
        Assert.Equal(BigInteger.Pow(10, 24), config.GetByteSize("memsizes.yottabyte"));

        var tooBig = Assert.Throws<ConfigException>(() => config.GetBytes("memsizes.yottabyte"));
        Assert.Contains("memsizes.yottabyte", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("test01.conf:", tooBig.Message, StringComparison.Ordinal);
    }

    [SuiteFact]
    public void Yottabyte_list_elements_convert_exactly()
    {
        var config = Load();

        Assert.Equal(["1YB", "0.5YB"], config.GetStringList("memsizes.yottabyteList"));
        var elements = config.GetStringList("memsizes.yottabyteList");
        var asSettings = config.WithValue("first", $"\"{elements[0]}\"").WithValue("second", $"\"{elements[1]}\"");
        Assert.Equal(BigInteger.Pow(10, 24), asSettings.GetByteSize("first"));
        Assert.Equal(BigInteger.Pow(10, 24) / 2, asSettings.GetByteSize("second"));
    }

    [SuiteFact]
    public void Values_of_every_type_and_their_conversions()
    {
        var config = Load();

        Assert.Equal(42, config.GetInt("ints.fortyTwo"));
        Assert.Equal(42, config.GetInt("ints.fortyTwoAgain"));
        Assert.Equal(42.1, config.GetDouble("floats.fortyTwoPointOne"));
        Assert.Equal(42.1, config.GetDouble("floats.fortyTwoPointOneAgain"));
        Assert.Equal(HoconValueType.String, config.GetValue("floats.pointThirtyThree").Type);
        Assert.Equal(0.33, config.GetDouble("floats.pointThirtyThree"));
        Assert.Equal(0.33, config.GetDouble("floats.pointThirtyThreeAgain"));
        Assert.Equal("abcd", config.GetString("strings.abcdAgain"));
        Assert.Equal("null bar 42 baz true 3.14 hi", config.GetString("strings.concatenated"));
        Assert.Equal(3.14, config.GetDouble("strings.double"));
        Assert.Equal(0.33, config.GetDouble("strings.doubleStartingWithDot"));
        Assert.Equal(57, config.GetInt("strings.number"));
        Assert.True(config.GetBoolean("strings.true"));
        Assert.True(config.GetBoolean("strings.yes"));
        Assert.False(config.GetBoolean("strings.false"));
        Assert.False(config.GetBoolean("strings.no"));
        Assert.Equal("42", config.GetString("ints.fortyTwo"));
        Assert.Equal("true", config.GetString("booleans.trueAgain"));
        Assert.False(config.HasPath("nulls.null"));
        Assert.Equal(HoconValueType.Null, config.GetValue("nulls.nullAgain").Type);
    }

    [SuiteFact]
    public void Arrays_of_substitutions_resolve_to_arrays_and_objects()
    {
        var config = Load();

        Assert.Equal(["a", "b", "c"], config.GetStringList("arrays.ofString"));
        Assert.Equal([1, 2, 3], config.GetIntList("arrays.ofInt"));
        Assert.Equal(["a", "b"], config.GetStringList("arrays.firstElementNotASubst"));
        var ofArray = config.GetList("arrays.ofArray");
        Assert.Equal(3, ofArray.Count);
        Assert.All(ofArray, v => Assert.Equal("[\"a\",\"b\",\"c\"]", v.ToString()));
        var ofObject = config.GetList("arrays.ofObject");
        Assert.Equal(config.GetObject("ints").ToString(), ofObject[0].ToString());
        Assert.Equal(config.GetObject("booleans").ToString(), ofObject[1].ToString());
        Assert.Equal(config.GetObject("strings").ToString(), ofObject[2].ToString());
    }

    [SuiteFact]
    public void Optional_system_substitutions_vanish_without_an_environment_and_concatenate_as_empty()
    {
        var config = Load();

        Assert.False(config.HasPath("system.javaversion"));
        Assert.False(config.HasPath("system.home"));
        Assert.False(config.HasPath("system.not_here"));
        Assert.Equal("Your Java version is  and your user.home is ", config.GetString("system.concatenated"));
    }

    [SuiteFact]
    public void Environment_variables_fill_optional_substitutions_when_enabled()
    {
        var path = Resource("test01.conf");

        var config = HoconConfig.ParseFile(path, TestConfig.WithEnvironment(("HOME", "/home/op"), ("PATH", "/bin")));
        Assert.Equal("/home/op", config.GetString("system.home"));
        Assert.Equal("/bin", config.GetString("system.path"));
        Assert.False(config.HasPath("system.shell"));
    }

    [SuiteFact]
    public void Wrong_type_and_missing_reads_name_path_expected_type_and_origin()
    {
        var config = Load();

        var notInt = Assert.Throws<ConfigException>(() => config.GetInt("strings.abcd"));
        Assert.Equal("strings.abcd", notInt.Path);
        Assert.Contains("integer", notInt.Message, StringComparison.Ordinal);
        Assert.Contains("test01.conf:15", notInt.Message, StringComparison.Ordinal);

        var notString = Assert.Throws<ConfigException>(() => config.GetString("ints"));
        Assert.Contains("expected string but found an object", notString.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<ConfigException>(() => config.GetInt("ints.fortyThree"));
        Assert.Contains("no setting 'fortyThree'", missing.Message, StringComparison.Ordinal);

        var nullRead = Assert.Throws<ConfigException>(() => config.GetString("nulls.null"));
        Assert.Contains("null", nullRead.Message, StringComparison.Ordinal);

        Assert.Throws<ConfigException>(() => config.GetDuration("strings.abcd"));
        Assert.Throws<ConfigException>(() => config.GetBoolean("ints.fortyTwo"));
        Assert.Throws<ConfigException>(() => config.GetStringList("arrays.ofArray"));
    }

    [SuiteFact]
    public void Including_the_basename_merges_the_conf_json_and_properties_files()
    {
        var resources = Resource(string.Empty);

        var config = HoconConfig.ParseString("include \"test01\"", "merge", TestConfig.NoEnvironment with { IncludeDirectory = resources });
        Assert.Equal(42, config.GetInt("ints.fortyTwo"));
        Assert.Equal(1, config.GetInt("fromJson1"));
        Assert.Equal("A", config.GetString("fromJsonA"));
        Assert.Equal("abc", config.GetString("fromProps.abc"));
        Assert.Equal(HoconValueType.String, config.GetValue("fromProps.one").Type);
        Assert.Equal(1, config.GetInt("fromProps.one"));
        Assert.True(config.GetBoolean("fromProps.bool"));
        Assert.Equal("hello^^", config.GetString("fromProps.specialChars"));
    }
}
