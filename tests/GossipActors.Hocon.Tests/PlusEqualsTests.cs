using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary><c>a += b</c> is <c>a = ${?a} [b]</c>: it appends to an earlier list or starts one.</summary>
public sealed class PlusEqualsTests
{
    [Theory]
    [InlineData("a = [], a += 2", """{"a":[2]}""")]
    [InlineData("a += 2", """{"a":[2]}""")]
    [InlineData("a = [1], a += 2", """{"a":[1,2]}""")]
    [InlineData("a = [1], a += 2, a += 3", """{"a":[1,2,3]}""")]
    [InlineData("a += 1\na += 2\na += 3", """{"a":[1,2,3]}""")]
    [InlineData("a = [1], a += [2, 3]", """{"a":[1,[2,3]]}""")]
    [InlineData("a = [1], a += { x : 1 }", """{"a":[1,{"x":1}]}""")]
    [InlineData("a.b.c += 1, a.b.c += 2", """{"a":{"b":{"c":[1,2]}}}""")]
    [InlineData("a { b { c = [0] } }\na { b { c += 1 } }", """{"a":{"b":{"c":[0,1]}}}""")]
    [InlineData("a = [1]\nb = ${a}\na += 2", """{"a":[1,2],"b":[1,2]}""")]
    [InlineData("a = [x]\na += ${b}\nb = y", """{"a":["x","y"],"b":"y"}""")]
    [InlineData("a = [1], a += foo bar", """{"a":[1,"foo bar"]}""")]
    [InlineData("a = { 0 : x, 1 : y }\na += z", """{"a":["x","y","z"]}""")]
    public void Appends_to_the_previous_list(string hocon, string expectedJson)
    {
        Assert.Equal(expectedJson, TestConfig.Json(hocon));
    }

    [Theory]
    [InlineData("a = 10, a += 2", 1, 11, "10")]
    [InlineData("a = foo\na += 2", 2, 3, "\"foo\"")]
    [InlineData("a = { x : 1 }\na += 2", 2, 3, "an object")]
    public void Appending_to_a_value_that_is_not_a_list_is_an_error_at_the_append(string hocon, int line, int column, string mentions)
    {
        var error = TestConfig.Fails(hocon);
        Assert.Contains("cannot concatenate", error.Reason, StringComparison.Ordinal);
        Assert.Contains(mentions, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Append_inside_an_included_file_appends_to_the_list_at_the_include_point()
    {
        var dir = Directory.CreateTempSubdirectory("hocon-plus-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "more.conf"), "list += 2\n");
            File.WriteAllText(Path.Combine(dir, "main.conf"), "list = [0]\nfoo { list = [1]\n include \"more.conf\" }\n");
            var config = HoconConfig.ParseFile(Path.Combine(dir, "main.conf"), TestConfig.NoEnvironment);
            Assert.Equal([1, 2], config.GetIntList("foo.list"));
            Assert.Equal([0], config.GetIntList("list"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
