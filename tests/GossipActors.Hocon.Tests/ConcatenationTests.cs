using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Value concatenation: simple values join into strings, lists append, objects merge.</summary>
public sealed class ConcatenationTests
{
    [Theory]
    [InlineData("a : foo bar baz ", """{"a":"foo bar baz"}""")]
    [InlineData("a : \"foo\"\"bar\"", """{"a":"foobar"}""")]
    [InlineData("a : foo   \"bar\"  baz", """{"a":"foo   bar  baz"}""")]
    [InlineData("a : true false", """{"a":"true false"}""")]
    [InlineData("a : true", """{"a":true}""")]
    [InlineData("a : 1 2", """{"a":"1 2"}""")]
    [InlineData("a : 1.0", """{"a":1.0}""")]
    [InlineData("a : 1.0 x", """{"a":"1.0 x"}""")]
    [InlineData("a : 1e5 x", """{"a":"1e5 x"}""")]
    [InlineData("a : 10x", """{"a":"10x"}""")]
    [InlineData("a : truefoo", """{"a":"truefoo"}""")]
    [InlineData("a : footrue", """{"a":"footrue"}""")]
    [InlineData("a : null x", """{"a":"null x"}""")]
    [InlineData("a : [ 10e3e3 ]", """{"a":["10e3e3"]}""")]
    [InlineData("a : [1, 2] [3, 4]", """{"a":[1,2,3,4]}""")]
    [InlineData("a : [ [ 1, 2 ] [ 3, 4 ] ]", """{"a":[[1,2,3,4]]}""")]
    [InlineData("a : [ [ 1, 2 ]\n [ 3, 4 ] ]", """{"a":[[1,2],[3,4]]}""")]
    [InlineData("a : [ 1 2 3 4 ]", """{"a":["1 2 3 4"]}""")]
    [InlineData("a : [ 1\n 2\n 3\n 4 ]", """{"a":[1,2,3,4]}""")]
    [InlineData("a : { b : 1 } { c : 2 }", """{"a":{"b":1,"c":2}}""")]
    [InlineData("a : { b : 1 } { b : 2 }", """{"a":{"b":2}}""")]
    [InlineData("a : { b : { x : 1 } } { b : { y : 2 } }", """{"a":{"b":{"x":1,"y":2}}}""")]
    [InlineData("x = abc, y = def, a = ${x} ${y}", """{"x":"abc","y":"def","a":"abc def"}""")]
    [InlineData("x = abc, a = ${x}def", """{"x":"abc","a":"abcdef"}""")]
    [InlineData("x = 42, a = ${x}", """{"x":42,"a":42}""")]
    [InlineData("x = 42, a = \"${x}\"", """{"x":42,"a":"${x}"}""")]
    [InlineData("x = 42, a = ${x} is the answer", """{"x":42,"a":"42 is the answer"}""")]
    [InlineData("x = [1], y = [2], a = ${x} ${y}", """{"x":[1],"y":[2],"a":[1,2]}""")]
    [InlineData("x = [1], y = [2], a = ${x}${y}", """{"x":[1],"y":[2],"a":[1,2]}""")]
    [InlineData("x = { p : 1 }, y = { q : 2 }, a = ${x} ${y}", """{"x":{"p":1},"y":{"q":2},"a":{"p":1,"q":2}}""")]
    [InlineData("generic = { size = 6 }\neast = ${generic} { name = \"east\" }", """{"generic":{"size":6},"east":{"size":6,"name":"east"}}""")]
    [InlineData("a = foo${?bar}", """{"a":"foo"}""")]
    [InlineData("bar = bar, a = foo${?bar}", """{"bar":"bar","a":"foobar"}""")]
    [InlineData("a = [1] ${?bar}", """{"a":[1]}""")]
    [InlineData("bar = [2], a = [1] ${?bar}", """{"bar":[2],"a":[1,2]}""")]
    [InlineData("a = { x : \"foo\" } ${?bar}", """{"a":{"x":"foo"}}""")]
    [InlineData("bar = { y : 42 }, a = { x : \"foo\" } ${?bar}", """{"bar":{"y":42},"a":{"x":"foo","y":42}}""")]
    [InlineData("a = ${?x}${?y}", """{}""")]
    [InlineData("a = 1, a = ${?x}${?y}", """{"a":1}""")]
    [InlineData("n = 5, a = ${?x}${n}", """{"n":5,"a":5}""")]
    [InlineData("o = { 0 : a, 2 : c, 1 : b, x : ignored }, a = [z] ${o}", """{"o":{"0":"a","2":"c","1":"b","x":"ignored"},"a":["z","a","b","c"]}""")]
    [InlineData("a = [ This is an unquoted string my name is ${name}, Hello ${world} ]\nname = Bob\nworld = Earth", """{"a":["This is an unquoted string my name is Bob","Hello Earth"],"name":"Bob","world":"Earth"}""")]
    [InlineData("{ r: { d.x=[] }, q: ${r}, q : { d { x = [] }, c : ${q.d}, c { x : ${q.c.x}[1], x : ${q.c.x}[2] } } }", """{"r":{"d":{"x":[]}},"q":{"d":{"x":[]},"c":{"x":[1,2]}}}""")]
    public void Concatenations_resolve_to_strings_lists_or_objects(string hocon, string expectedJson)
    {
        Assert.Equal(expectedJson, TestConfig.Json(hocon));
    }

    [Theory]
    [InlineData("a : [1] foo", 1, 9)]
    [InlineData("a : { b : 1 } foo", 1, 15)]
    [InlineData("a : [1] { b : 1 }", 1, 9)]
    [InlineData("x = [1,2], a = y${x}z", 1, 16)]
    [InlineData("x = { c : 2 }, a = y${x}z", 1, 20)]
    [InlineData("x = [1], y = { p : 1 }, a = ${x} ${y}", 1, 34)]
    [InlineData("x = [1], y = [2], a = ${x} \" \" ${y}", 1, 28)]
    public void Mixing_lists_objects_and_strings_is_an_error_at_the_offending_piece(string hocon, int line, int column)
    {
        var error = TestConfig.Fails(hocon);
        Assert.Contains("cannot concatenate", error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Numbers_in_concatenations_keep_the_spelling_of_the_file()
    {
        var config = TestConfig.Parse("v = 1.50, s = ${v} x, big = 99999999999999999999, t = ${big}y");
        Assert.Equal("1.50 x", config.GetString("s"));
        Assert.Equal("1.50", config.GetString("v"));
        Assert.Equal("99999999999999999999y", config.GetString("t"));
        Assert.Equal(1e20, config.GetDouble("big"));
    }

    [Fact]
    public void A_concatenation_that_doubles_itself_on_every_line_is_stopped()
    {
        var lines = new List<string> { "a0 = [1,2,3,4,5,6,7,8,9,10]" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"a{i} = ${{a{i - 1}}} ${{a{i - 1}}}");
        }

        var error = TestConfig.Fails(string.Join('\n', lines));
        Assert.Contains("more than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_that_nest_a_shared_value_exponentially_are_stopped_before_rendering()
    {
        var lines = new List<string> { "a0 = [1,2,3,4,5,6,7,8,9,10]" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"a{i} = [${{a{i - 1}}}, ${{a{i - 1}}}]");
        }

        var error = TestConfig.Fails(string.Join('\n', lines));
        Assert.Contains("more than", error.Reason, StringComparison.Ordinal);
        Assert.Contains("largest at a40", error.Reason, StringComparison.Ordinal);
    }
}
