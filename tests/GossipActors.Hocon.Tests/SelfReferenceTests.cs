using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>
/// Self-referential substitutions: a field that refers to itself builds on the definitions below it in the merge
/// stack, while every other substitution looks forward to the final value.
/// </summary>
public sealed class SelfReferenceTests
{
    [Theory]
    [InlineData("a=1, a=${a}", """{"a":1}""")]
    [InlineData("a=${?a}", """{}""")]
    [InlineData("a=1, b=${a}, a=${b}", """{"a":1,"b":1}""")]
    [InlineData("a=1, b=${c}, c=${a}, a=${b}", """{"a":1,"b":1,"c":1}""")]
    [InlineData("a={b=5}, a=${a}", """{"a":{"b":5}}""")]
    [InlineData("a=1, a=${a}foo", """{"a":"1foo"}""")]
    [InlineData("a=${?a}foo", """{"a":"foo"}""")]
    [InlineData("a=1, a=${a}, a=2", """{"a":2}""")]
    [InlineData("a={b=5}, a=${a}, a={c=6}", """{"a":{"b":5,"c":6}}""")]
    [InlineData("a=1, a=${?a}, a=2", """{"a":2}""")]
    [InlineData("a=${a}, a=1, a=2", """{"a":2}""")]
    [InlineData("a=${?a}, a=1, a=2", """{"a":2}""")]
    [InlineData("a=1, a=2, a=${a}", """{"a":2}""")]
    [InlineData("a=1, a=2, a=${?a}", """{"a":2}""")]
    [InlineData("a={b={c=5}}, a=${a.b}, a={b=2}", """{"a":{"b":2,"c":5}}""")]
    [InlineData("a={b={c=5}}, a={ x : ${a.b} }, a={b=2}", """{"a":{"b":2,"x":2}}""")]
    [InlineData("a=1,a=${a},a=${a},a=${a}", """{"a":1}""")]
    [InlineData("a=1,a=${a}x,a=${a}y,a=${a}z", """{"a":"1xyz"}""")]
    [InlineData("path : \"a:b:c\"\npath : ${path}\":d\"", """{"path":"a:b:c:d"}""")]
    [InlineData("path = [ /bin ]\npath = ${path} [ /usr/bin ]", """{"path":["/bin","/usr/bin"]}""")]
    [InlineData("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", """{"foo":{"a":2,"c":1}}""")]
    [InlineData("foo : { a : 1 }\nfoo : ${foo}", """{"foo":{"a":1}}""")]
    [InlineData("foo : ${does-not-exist}\nfoo : 42", """{"foo":42}""")]
    [InlineData("foo : ${foo}, foo : 42", """{"foo":42}""")]
    [InlineData("a.b = 1\na.b = ${a.b}0", """{"a":{"b":"10"}}""")]
    [InlineData("x { y = [1] }\nx { y = ${x.y} [2] }", """{"x":{"y":[1,2]}}""")]
    [InlineData("a = {x = 1}\na = ${a} {y = ${a.x}}", """{"a":{"x":1,"y":1}}""")]
    public void Self_references_look_back_in_the_merge_stack(string hocon, string expectedJson)
    {
        Assert.Equal(expectedJson, TestConfig.Json(hocon));
    }

    [Theory]
    [InlineData("bar : { foo : 42, baz : ${bar.foo} }", 42)]
    [InlineData("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }", 43)]
    [InlineData("bar : { foo : 43 }\nbar : { foo : 42, baz : ${bar.foo} }", 42)]
    public void A_reference_from_a_child_field_to_a_sibling_looks_forward(string hocon, int expected)
    {
        var config = TestConfig.Parse(hocon);
        Assert.Equal(expected, config.GetInt("bar.baz"));
        Assert.Equal(expected, config.GetInt("bar.foo"));
    }

    [Fact]
    public void Mutually_referring_objects_are_not_self_references()
    {
        var config = TestConfig.Parse("""
            // bar.a should end up as 4
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            // foo.c should end up as 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Undecidable_stack_cycle_resolves_both_fields_to_one_of_the_allowed_answers()
    {
        // The spec leaves this open but demands both fields agree; resolution in document order picks b = a = 1.
        var json = TestConfig.Json("a=1, b={c=5}, b=${a}, a=${b}");
        Assert.Contains(json, new[] { """{"a":1,"b":1}""", """{"a":{"c":5},"b":{"c":5}}""" });
    }

    [Fact]
    public void Indirect_self_reference_in_a_concatenation_agrees_on_both_fields()
    {
        Assert.Equal("""{"a":"1foo","b":"1foo"}""", TestConfig.Json("a=1, b=${a}foo, a=${b}"));
    }

    [Theory]
    [InlineData("a=${a}", 1, 3, "${a}")]
    [InlineData("a : ${b}\nb : ${a}", 2, 5, "${a}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}", 3, 5, "${a}")]
    [InlineData("a : { b : ${a} }", 1, 11, "cycle")]
    [InlineData("a : [ ${a} ]", 1, 7, "cycle")]
    [InlineData("x = 1\nx = ${x.y}", 2, 5, "${x.y}")]
    public void Unbreakable_cycles_and_self_references_without_an_earlier_value_are_errors(string hocon, int line, int column, string mentions)
    {
        var error = TestConfig.Fails(hocon);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"test:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_reference_into_a_cycle_counts_as_undefined()
    {
        Assert.Equal("""{"a":{}}""", TestConfig.Json("a : { b : ${?a} }"));
    }

    [Fact]
    public void A_substitution_is_evaluated_once_and_shared()
    {
        var config = TestConfig.Parse("base = { n = 1 }\nx = ${base}\ny = ${base}");
        Assert.Equal(config.GetObject("x").ToString(), config.GetObject("y").ToString());
    }
}
