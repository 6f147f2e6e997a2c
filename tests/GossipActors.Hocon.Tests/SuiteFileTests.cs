using GossipActors.Hocon.Tests.Support;
using Xunit.Abstractions;

namespace GossipActors.Hocon.Tests;

/// <summary>The portable non-equivalence files of the suite, with the values upstream asserts for them.</summary>
public sealed class SuiteFileTests : SuiteTestBase
{
    public SuiteFileTests(ITestOutputHelper output)
        : base(output)
    {
    }

    private Config Load(string file, HoconParseOptions? options = null)
    {
        return HoconConfig.ParseFile(Resource(file), options ?? TestConfig.NoEnvironment);
    }

    [SuiteFact]
    public void Test02_substitutions_with_empty_quoted_and_dotted_keys()
    {
        var config = Load("test02.conf");

        Assert.Equal(42, config.GetInt("42_a"));
        Assert.Equal(42, config.GetInt("42_b"));
        Assert.Equal(57, config.GetInt("57_a"));
        Assert.Equal(57, config.GetInt("57_b"));
        Assert.Equal(103, config.GetInt("103_a"));
        Assert.Equal(42, config.GetInt("\"\".\"\".\"\""));
        Assert.Equal(103, config.GetInt("\"a.b.c\""));
        Assert.Equal(261, config.GetInt("\"-\""));
    }

    [SuiteFact]
    public void Test03_includes_inside_objects_merge_in_order_and_fall_back_to_the_root()
    {
        var config = Load("test03.conf");

        Assert.Equal(42, config.GetInt("test01.ints.fortyTwo"));
        Assert.Equal(42, config.GetInt("test01.booleans"));
        Assert.Equal(1, config.GetInt("test01.fromJson1"));
        Assert.Equal("abc", config.GetString("test01.fromProps.abc"));
        Assert.Equal(57, config.GetInt("test02.a.b.c"));
        Assert.Equal("a", config.GetString("equiv01.strings.a"));
        Assert.Equal("This is in the included file", config.GetString("a"));
        Assert.Equal("This is in the including file", config.GetString("b"));
        Assert.Equal("This is in the included file", config.GetString("subtree.a"));
        Assert.Equal("This is in the including file", config.GetString("subtree.b"));
        Assert.Empty(config.GetObject("nonexistent"));
    }

    [SuiteFact]
    public void Test04_a_real_akka_reference_conf()
    {
        var config = Load("test04.conf");

        Assert.Equal("2.0-SNAPSHOT", config.GetString("akka.version"));
        Assert.Equal(8, config.GetInt("akka.event-handler-dispatcher.max-pool-size"));
        Assert.Equal("round-robin", config.GetString("akka.actor.deployment.\"/app/service-ping\".router"));
        Assert.True(config.GetBoolean("akka.stm.quick-release"));
    }

    [SuiteFact]
    public void Test05_play_style_properties_and_an_optional_substitution_in_a_concatenation()
    {
        var config = Load("test05.conf");

        Assert.Equal("prod", config.GetString("%prod.application.mode"));
        Assert.Equal("Yet another blog", config.GetString("blog.title"));
        Assert.Equal("Yet Another Blog Engine", config.GetString("application.name"));
        Assert.Equal("/modules/crud", config.GetString("module.crud"));
    }

    [SuiteFact]
    public void Test06_substitutions_overridden_by_substitutions_and_objects()
    {
        var config = Load("test06.conf");

        Assert.Equal(2, config.GetInt("x"));
        Assert.Equal(10, config.GetInt("y.foo"));
        Assert.Equal("world", config.GetString("y.hello"));
    }

    [SuiteFact]
    public void Test09_delayed_merges_stop_at_non_objects()
    {
        var config = Load("test09.conf");

        Assert.Equal(3, config.GetInt("a.c"));
        Assert.Equal(5, config.GetInt("b"));
        Assert.Equal(10, config.GetInt("a.q"));
        Assert.False(config.HasPath("a.q.r"));
        Assert.Equal(600, config.GetInt("c.d"));
        Assert.Equal(10, config.GetInt("c.q"));
        Assert.Equal(3, config.GetInt("c.e.c"));
        Assert.Equal(5, config.GetInt("c.f"));
    }

    [SuiteFact]
    public void Test10_included_substitutions_are_re_rooted_at_the_include_point()
    {
        var config = Load("test10.conf");

        Assert.Equal(3, config.GetInt("foo.a.c"));
        Assert.Equal(5, config.GetInt("foo.b"));
        Assert.Equal(10, config.GetInt("foo.a.q"));
        Assert.Equal(3, config.GetInt("bar.nested.a.c"));
        Assert.Equal(5, config.GetInt("bar.nested.b"));
        Assert.Equal(10, config.GetInt("bar.nested.a.q"));
    }

    [SuiteFact]
    public void Test11_keys_and_values_that_look_like_numbers_stay_strings()
    {
        var config = Load("test11.conf");

        Assert.Equal("42", config.GetString("\"10\""));
        Assert.Equal(HoconValueType.String, config.GetValue("\"-10\"").Type);
        Assert.Equal("bar-baz", config.GetString("foo-bar"));
        Assert.Equal("------", config.GetString("\"---\""));
        Assert.Equal("b-", config.GetString("a-"));
    }

    [SuiteFact]
    public void A_file_that_includes_itself_is_an_include_cycle_with_its_location()
    {
        var path = Resource("cycle.conf");

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.ParseFile(path, TestConfig.NoEnvironment));
        Assert.Contains("include statements nested", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("cycle.conf", error.File, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
    }

    [SuiteFact]
    public void An_include_inside_a_list_element_is_refused_like_upstream()
    {
        var path = Resource("include-from-list.conf");

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.ParseFile(path, TestConfig.NoEnvironment));
        Assert.Contains("list element", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    [SuiteFact]
    public void File_includes_are_relative_to_the_working_directory_and_heuristic_ones_to_the_including_file()
    {
        var path = Resource("file-include.conf");

        var elsewhere = Directory.CreateTempSubdirectory("hocon-cwd-").FullName;
        try
        {
            var config = HoconConfig.ParseFile(path, TestConfig.NoEnvironment with { WorkingDirectory = elsewhere });
            Assert.Equal(41, config.GetInt("base"));
            Assert.Equal(42, config.GetInt("foo"));
            Assert.Equal(43, config.GetInt("bar"));
            Assert.False(config.HasPath("bar-file"));
            Assert.False(config.HasPath("baz"));

            // With the resources directory as working directory, file("subdir/baz.conf") is found.
            var fromResources = HoconConfig.ParseFile(path, TestConfig.NoEnvironment with { WorkingDirectory = Path.GetDirectoryName(path) });
            Assert.Equal(45, fromResources.GetInt("baz"));
            Assert.False(fromResources.HasPath("bar-file"));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [SuiteFact]
    public void A_byte_order_mark_at_the_start_is_accepted()
    {
        var config = Load("bom.conf");

        Assert.Equal("bar", config.GetString("foo"));
    }

    [SuiteFact]
    public void Environment_variables_override_through_optional_substitutions()
    {
        var path = Resource("env-variables.conf");

        var withEnv = HoconConfig.ParseFile(path, TestConfig.WithEnvironment(("SECRET_A", "A"), ("SECRET_B", "B"), ("SECRET_C", "C")));
        Assert.Equal("A", withEnv.GetString("secret"));
        Assert.Equal(["B", "C"], withEnv.GetStringList("secrets"));

        var without = HoconConfig.ParseFile(path, TestConfig.NoEnvironment);
        Assert.Equal("a", without.GetString("secret"));
        Assert.Equal([], without.GetStringList("secrets"));
    }

    [SuiteFact]
    public void Test13_application_overrides_reference_and_reference_resolves_on_its_own()
    {
        var reference = Resource("test13-reference-with-substitutions.conf");
        var application = Resource("test13-application-override-substitutions.conf");
        var bad = Resource("test13-reference-bad-substitutions.conf");

        var resolvedReference = HoconConfig.ParseFile(reference, TestConfig.NoEnvironment);
        Assert.Equal("b", resolvedReference.GetString("a"));

        var layered = HoconConfig.ParseFile(application, TestConfig.NoEnvironment).WithFallback(resolvedReference);
        Assert.Equal("overridden", layered.GetString("b"));
        Assert.Equal("b", layered.GetString("a"));

        var unresolvedReference = HoconConfig.ParseFile(reference, TestConfig.NoEnvironment with { Resolve = false });
        var late = HoconConfig.ParseFile(application, TestConfig.NoEnvironment with { Resolve = false }).WithFallback(unresolvedReference).Resolve();
        Assert.Equal("overridden", late.GetString("a"));

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.ParseFile(bad, TestConfig.NoEnvironment));
        Assert.Contains("${b}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(5, error.Column);
    }

    [SuiteFact]
    public void Validate_reference_parses()
    {
        var config = Load("validate-reference.conf");

        Assert.Equal(90009, config.GetInt("willBeMissing"));
        Assert.True(config.GetBoolean("a.b.c.d.e.f.g"));
    }
}
