using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Include statements: locating, probing, merging, re-rooting substitutions, and every way they fail.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Config Parse(string file, HoconParseOptions? options = null) =>
        HoconConfig.ParseFile(Path.Combine(_dir.Path, file), options ?? TestConfig.NoEnvironment);

    private HoconParseException Fails(string file) =>
        Assert.Throws<HoconParseException>(() => Parse(file));

    [Fact]
    public void Heuristic_includes_are_relative_to_the_including_file_at_every_level()
    {
        _dir.Write("main.conf", "include \"sub/first.conf\"\nmain = 1");
        _dir.Write("sub/first.conf", "first = 1\ninclude \"deeper/second.conf\"");
        _dir.Write("sub/deeper/second.conf", "second = 2");
        _dir.Write("deeper/second.conf", "wrong = 1");

        var config = Parse("main.conf");
        Assert.Equal("""{"first":1,"second":2,"main":1}""", config.ToJson(indented: false));
    }

    [Fact]
    public void A_name_without_extension_loads_properties_then_json_then_conf_and_merges_them()
    {
        _dir.Write("main.conf", "include \"settings\"");
        _dir.Write("settings.properties", "a=from properties\nb=from properties\nc=from properties");
        _dir.Write("settings.json", """{ "b" : "from json", "c" : "from json" }""");
        _dir.Write("settings.conf", "c = from conf");

        var config = Parse("main.conf");
        Assert.Equal("from properties", config.GetString("a"));
        Assert.Equal("from json", config.GetString("b"));
        Assert.Equal("from conf", config.GetString("c"));
    }

    [Fact]
    public void A_name_with_an_unknown_extension_that_exists_is_read_as_hocon()
    {
        _dir.Write("main.conf", "include \"node.hocon\"");
        _dir.Write("node.hocon", "a = 1");
        Assert.Equal(1, Parse("main.conf").GetInt("a"));
    }

    [Fact]
    public void Fields_after_an_include_override_it_and_fields_before_are_overridden_by_it()
    {
        _dir.Write("main.conf", "a = before\nb = before\ninclude \"inc.conf\"\nb = after\nobj { x = 1 }\ninclude \"inc.conf\"");
        _dir.Write("inc.conf", "a = included\nb = included\nobj { y = 2 }");

        var config = Parse("main.conf");
        Assert.Equal("included", config.GetString("a"));
        Assert.Equal("included", config.GetString("b"));
        Assert.Equal(1, config.GetInt("obj.x"));
        Assert.Equal(2, config.GetInt("obj.y"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_re_rooted_and_look_forward()
    {
        _dir.Write("main.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");
        _dir.Write("foo.conf", "{ x : 10, y : ${x} }");

        var config = Parse("main.conf");
        Assert.Equal(42, config.GetInt("a.y"));
    }

    [Fact]
    public void Substitutions_in_an_included_file_fall_back_to_the_root_of_the_including_configuration()
    {
        _dir.Write("main.conf", "port = 7000\nnested { deeper { include \"inc.conf\" } }");
        _dir.Write("inc.conf", "address = \"127.0.0.1:\"${port}");

        Assert.Equal("127.0.0.1:7000", Parse("main.conf").GetString("nested.deeper.address"));
    }

    [Fact]
    public void Missing_includes_are_ignored_and_missing_required_ones_fail_at_the_include()
    {
        _dir.Write("optional.conf", "include \"nothere\"\ninclude \"nothere.conf\"\ninclude file(\"nothere.json\")\na = 1");
        Assert.Equal("""{"a":1}""", Parse("optional.conf").ToJson(indented: false));

        _dir.Write("required.conf", "a = 1\n  include required(\"nothere.conf\")");
        var error = Fails("required.conf");
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("required include \"nothere.conf\" was not found", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("required.conf", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_file_include_uses_the_working_directory()
    {
        _dir.Write("config/main.conf", "include required(file(\"shared.conf\"))");
        _dir.Write("shared.conf", "shared = yes");
        _dir.Write("config/shared.conf", "shared = wrong");

        var config = Parse("config/main.conf", TestConfig.NoEnvironment with { WorkingDirectory = _dir.Path });
        Assert.True(config.GetBoolean("shared"));
    }

    [Theory]
    [InlineData("include required( file( \"x.conf\" ) )")]
    [InlineData("include\n  required(\n file(\"x.conf\") )")]
    [InlineData("include required(\"x.conf\")")]
    [InlineData("include \"x.conf\"")]
    [InlineData("include\"x.conf\"")]
    [InlineData("include file(\"x.conf\"), b = 2")]
    public void Include_syntax_variants(string statement)
    {
        _dir.Write("x.conf", "a = 1");
        _dir.Write("main.conf", statement);
        Assert.Equal(1, Parse("main.conf", TestConfig.NoEnvironment with { WorkingDirectory = _dir.Path }).GetInt("a"));
    }

    [Fact]
    public void Two_files_that_include_each_other_are_a_cycle_reported_with_the_chain()
    {
        _dir.Write("a.conf", "x = 1\ninclude \"b.conf\"");
        _dir.Write("b.conf", "y = 2\n\ninclude \"a.conf\"");

        var error = Fails("a.conf");
        Assert.EndsWith("b.conf", error.File, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("include cycle", error.Reason, StringComparison.Ordinal);
        Assert.Contains("a.conf -> ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("included from ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_inside_an_included_file_points_into_that_file_and_names_the_include()
    {
        _dir.Write("main.conf", "a = 1\ninclude \"bad.conf\"");
        _dir.Write("bad.conf", "ok = 1\nbroken = [1, 2\n");

        var error = Fails("main.conf");
        Assert.EndsWith("bad.conf", error.File, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Contains("'[' opened at line 2, column 10 is not closed", error.Reason, StringComparison.Ordinal);
        Assert.Contains("main.conf:2:1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_included_file_with_a_list_at_its_root_is_refused()
    {
        _dir.Write("main.conf", "include \"list.json\"");
        _dir.Write("list.json", "[1, 2]");
        var error = Fails("main.conf");
        Assert.Contains("must contain an object", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("list.json", error.File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/a.conf\")", "not supported")]
    [InlineData("include classpath(\"a.conf\")", "not supported")]
    [InlineData("include \"https://example.com/a.conf\"", "not supported")]
    [InlineData("include foo", "include must be followed by")]
    [InlineData("include required(\"a.conf\"", "expected ')'")]
    [InlineData("include file(\"a.conf\"))", "expected ')'")]
    [InlineData("include bogus(\"a.conf\")", "'bogus(' is not valid")]
    [InlineData("include required(required(\"a.conf\"))", "'required(' is not valid")]
    [InlineData("include \"a.conf\" : 10", "expected ',' or a newline")]
    [InlineData("include : { a : 1 }", "include must be followed by")]
    [InlineData("include \"a\" \"b\"", "expected ',' or a newline")]
    public void Invalid_include_statements_fail_with_a_location(string statement, string mentions)
    {
        _dir.Write("main.conf", statement);
        var error = Fails("main.conf");
        Assert.Contains(mentions, error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.True(error.Column >= 1);
    }

    [Fact]
    public void Includes_are_not_json()
    {
        _dir.Write("main.json", "{ include \"x.conf\" }");
        var error = Fails("main.json");
        Assert.Contains("not valid JSON", error.Reason, StringComparison.Ordinal);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void Parsed_strings_include_relative_to_the_include_directory_option()
    {
        _dir.Write("inc.conf", "a = 1");
        var config = HoconConfig.ParseString("include \"inc.conf\"", "inline", TestConfig.NoEnvironment with { IncludeDirectory = _dir.Path });
        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void Unreadable_and_missing_files_are_parse_errors_naming_the_file()
    {
        var missing = Assert.Throws<HoconParseException>(() => HoconConfig.ParseFile(Path.Combine(_dir.Path, "absent.conf")));
        Assert.Contains("file not found", missing.Reason, StringComparison.Ordinal);
        Assert.EndsWith("absent.conf", missing.File, StringComparison.Ordinal);
        Assert.StartsWith(missing.File + ":1:1: ", missing.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(_dir.Path, "adir.conf"));
        _dir.Write("main.conf", "x = 1\ninclude required(\"adir.conf\")");
        var directory = Fails("main.conf");
        Assert.Equal(2, directory.Line);
        Assert.Contains("was not found", directory.Reason, StringComparison.Ordinal);

        var topDirectory = Assert.Throws<HoconParseException>(() => HoconConfig.ParseFile(Path.Combine(_dir.Path, "adir.conf")));
        Assert.Contains("cannot read", topDirectory.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line_and_column()
    {
        _dir.WriteBytes("bad.conf", [.. "a = 1\nb = x"u8, 0xFF, .. "y\n"u8]);
        var error = Fails("bad.conf");
        Assert.Equal(2, error.Line);
        Assert.Equal(6, error.Column);
        Assert.Contains("invalid UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Properties_and_json_top_level_files_use_their_own_syntax()
    {
        _dir.Write("p.properties", "# comment\n! also a comment\na.b = 1\na.c : two words\nd\\ e = tab\\tted \\\n   continued\nx=hello\nx.y=world\n.=dots\nu=\\u0041");
        var properties = Parse("p.properties");
        Assert.Equal(HoconValueType.String, properties.GetValue("a.b").Type);
        Assert.Equal(1, properties.GetInt("a.b"));
        Assert.Equal("two words", properties.GetString("a.c"));
        Assert.Equal("tab\tted continued", properties.GetString("\"d e\""));
        Assert.Equal("world", properties.GetString("x.y"));
        Assert.Equal("dots", properties.GetString("\"\".\"\""));
        Assert.Equal("A", properties.GetString("u"));

        _dir.Write("j.json", """{ "a.b" : 1, "list" : [1, 2.5, "x", true, null] }""");
        var json = Parse("j.json");
        Assert.Equal(1, json.GetInt("\"a.b\""));
        Assert.Equal(5, json.GetList("list").Count);
    }
}
