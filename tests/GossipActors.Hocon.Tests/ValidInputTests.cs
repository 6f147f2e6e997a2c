using GossipActors.Hocon.Parsing;
using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>Documents that must parse: JSON (as JSON and as HOCON) and the HOCON-only forms.</summary>
public sealed class ValidInputTests
{
    private static readonly HoconParseOptions Unresolved = TestConfig.NoEnvironment with { Resolve = false };

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{ \"foo\" : \"bar\" }")]
    [InlineData("[\"foo\", \"bar\"]")]
    [InlineData("{ \"foo\" : 42 }")]
    [InlineData("{ \"foo\"\n : 42 }")]
    [InlineData("{ \"foo\" : \n 42 }")]
    [InlineData("[10, 11]")]
    [InlineData("[10,\"foo\"]")]
    [InlineData("{ \"foo\" : { \"bar\" : \"baz\", \"woo\" : \"w00t\" }, \"baz\" : \"boo\" }")]
    [InlineData("{ \"foo\" : [10,11,12], \"baz\" : \"boo\" }")]
    [InlineData("[{},{},{},{}]")]
    [InlineData("[[[[[[]]]]]]")]
    [InlineData("[[1], [1,2], [1,2,3], []]")]
    [InlineData("{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":42}}}}}}}}")]
    [InlineData("[ \"#comment\" ]")]
    [InlineData("[ \"//comment\" ]")]
    [InlineData("{ \"b\" : 3.14, \"c\" : null, \"d\" : -0.5e-3, \"e\" : \"\\u00e9\\n\\\"\" }")]
    public void Json_parses_as_json_and_as_hocon_to_the_same_tree(string text)
    {
        var asJson = new Includer(Unresolved with { Syntax = HoconSyntax.Json }).ParseTopString(text, "json");
        var asConf = new Includer(Unresolved).ParseTopString(text, "conf");
        Assert.NotNull(asJson);
        Assert.Equal(asJson.GetType(), asConf.GetType());
        if (text.StartsWith('{'))
        {
            var json = HoconConfig.ParseString(text, "json", TestConfig.NoEnvironment with { Syntax = HoconSyntax.Json });
            var conf = HoconConfig.ParseString(text, "conf", TestConfig.NoEnvironment);
            Assert.Null(JsonTree.Difference(json.Root, conf.Root));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData(" \n \n   \n\n\n")]
    [InlineData("# foo")]
    [InlineData("# bar\n")]
    [InlineData("# foo\n//bar")]
    [InlineData("{ \"foo\" = 42 }")]
    [InlineData("{ foo { \"bar\" : 42 } }")]
    [InlineData("{ foo baz { \"bar\" : 42 } }")]
    [InlineData(" \"foo\" : 42 ")]
    [InlineData("{ \"foo\" : bar }")]
    [InlineData("{ \"foo\" : null bar 42 baz true 3.14 \"hi\" }")]
    [InlineData("{ foo : \"bar\" }")]
    [InlineData("{ foo.bar : bar }")]
    [InlineData("{ foo.\"hello world\".baz : bar }")]
    [InlineData("{ foo.bar \n : bar }")]
    [InlineData("{ foo  bar : bar }")]
    [InlineData("{ true : bar }")]
    [InlineData("{ \"foo\" : \"bar\", \"foo\" : \"bar2\" }")]
    [InlineData("[ 1, 2, 3, ]")]
    [InlineData("[1,2,3  , ]")]
    [InlineData("[1,2,3\n\n , \n]")]
    [InlineData("[1,]")]
    [InlineData("{ \"foo\" : 10, }")]
    [InlineData("{ a : b, }")]
    [InlineData("{ a : b  \n  , \n }")]
    [InlineData("a : b, c : d,")]
    [InlineData("{ a : b\nc : d }")]
    [InlineData("a : b\nc : d")]
    [InlineData("a : b\nc : d,")]
    [InlineData("[ foo ]")]
    [InlineData("[ t ]")]
    [InlineData("[ tr ]")]
    [InlineData("[ truex ]")]
    [InlineData("[ 10x ]")]
    [InlineData("[ / ]")]
    [InlineData("{ include \"foo\" }")]
    [InlineData("{ include\n\"foo\" }")]
    [InlineData("{ include\"foo\" }")]
    [InlineData("[ include ]")]
    [InlineData("{ foo : include }")]
    [InlineData("{ include \"foo\", \"a\" : \"b\" }")]
    [InlineData("{ foo include : 42 }")]
    [InlineData("{ \"include\" : 42 }")]
    [InlineData("[ ${foo} ]")]
    [InlineData("[ ${?foo} ]")]
    [InlineData("[ ${\"foo\"} ]")]
    [InlineData("[ ${foo.bar} ]")]
    [InlineData("[ abc  xyz  ${foo.bar}  qrs tuv ]")]
    [InlineData("[ 1, 2, 3, blah ]")]
    [InlineData("[ ${\"foo.bar\"} ]")]
    [InlineData("{} # comment")]
    [InlineData("{} // comment")]
    [InlineData("{ \"foo\" #comment\n: 10 }")]
    [InlineData("{ \"foo\" // comment\n: 10 }")]
    [InlineData("{ \"foo\" : #comment\n 10 }")]
    [InlineData("{ \"foo\" : 10 // comment\n }")]
    [InlineData("[ 10, # comment\n 11]")]
    [InlineData("[ 10 // comment\n, 11]")]
    [InlineData("{ /a/b/c : 10 }")]
    [InlineData("[${ foo.bar}]")]
    [InlineData("[${foo.bar }]")]
    [InlineData("[${ \"foo.bar\"}]")]
    [InlineData("[ ${\"foo\"\"bar\"} ]")]
    [InlineData("[ ${foo  \"bar\"  baz} ]")]
    [InlineData("[${true}]")]
    [InlineData("a\u2003:\u2003b")]
    [InlineData("a\u00A0=\u00A01\nb\u3000=\u30002")]
    [InlineData("\uFEFFa = 1")]
    [InlineData("a = 1\r\nb = 2\r\n")]
    [InlineData("a += 1")]
    [InlineData("a.\"\".b = 1")]
    public void Hocon_only_forms_parse(string text)
    {
        var node = new Includer(Unresolved with { IncludeDirectory = Path.GetTempPath() }).ParseTopString(text, "conf");
        Assert.NotNull(node);
    }

    [Fact]
    public void Unicode_whitespace_separates_like_ascii_whitespace()
    {
        Assert.Equal("""{"a":"b"}""", TestConfig.Json("a\u2003:\u2003b"));
        Assert.Equal("""{"a":1,"b":2}""", TestConfig.Json("a\u00A0=\u00A01\nb\u3000=\u30002"));
        Assert.Equal("""{"a":1}""", TestConfig.Json("\uFEFFa = 1"));
        Assert.Equal("""{"a":1,"b":2}""", TestConfig.Json("a = 1\r\nb = 2\r\n"));
    }

    [Theory]
    [InlineData("true : 42", """{"true":42}""")]
    [InlineData("3 : 42", """{"3":42}""")]
    [InlineData("3.14 : 42", """{"3":{"14":42}}""")]
    [InlineData("a b c : 42", """{"a b c":42}""")]
    [InlineData("10.0foo : 1", """{"10":{"0foo":1}}""")]
    [InlineData("foo10.0 : 1", """{"foo10":{"0":1}}""")]
    [InlineData("foo\"10.0\" : 1", """{"foo10.0":1}""")]
    [InlineData("1.2.3 : 1", """{"1":{"2":{"3":1}}}""")]
    [InlineData("a.\"\".b : 1", """{"a":{"":{"b":1}}}""")]
    [InlineData("foo.bar : 42", """{"foo":{"bar":42}}""")]
    [InlineData("a.x : 42, a.y : 43", """{"a":{"x":42,"y":43}}""")]
    [InlineData("{ foo include : 42 }", """{"foo include":42}""")]
    [InlineData("{ foo : include }", """{"foo":"include"}""")]
    [InlineData("\"foo\" : { \"a\" : 42 },\n\"foo\" : null,\n\"foo\" : { \"b\" : 43 }", """{"foo":{"b":43}}""")]
    [InlineData("\"foo\" : { \"a\" : 42 },\n\"foo\" : { \"b\" : 43 }", """{"foo":{"a":42,"b":43}}""")]
    [InlineData("a = \"\"\"\n  x \"y\" \n\"\"\"", """{"a":"\n  x \"y\" \n"}""")]
    [InlineData("a = \"\"\"\\u0041\"\"\"", """{"a":"\\u0041"}""")]
    [InlineData("a = \"\\u0041\\t\"", """{"a":"A\t"}""")]
    [InlineData("a = 0, b = -1, c = 1.5e3, d = -0.0", """{"a":0,"b":-1,"c":1.5e3,"d":-0.0}""")]
    public void Keys_values_and_merges_follow_the_spec_examples(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, TestConfig.Json(text));
    }
}
