using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>
/// Invalid documents: each must fail with a <see cref="HoconParseException"/> pointing at the line and column of
/// the problem, never another exception type, never a hang, never a partial result.
/// </summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("{", 1, 2)]
    [InlineData("}", 1, 1)]
    [InlineData("[", 1, 2)]
    [InlineData("]", 1, 1)]
    [InlineData(",", 1, 1)]
    [InlineData("10", 1, 3)]
    [InlineData("\"foo\"", 1, 6)]
    [InlineData("\"", 1, 1)]
    [InlineData("[,]", 1, 2)]
    [InlineData("[,,]", 1, 2)]
    [InlineData("[1,2,,]", 1, 6)]
    [InlineData("[,1,2]", 1, 2)]
    [InlineData("{ , }", 1, 3)]
    [InlineData("{ , , }", 1, 3)]
    [InlineData("{ 1,2 }", 1, 4)]
    [InlineData("{ , \"foo\" : 10 }", 1, 3)]
    [InlineData("{ \"foo\" : 10 ,, }", 1, 15)]
    [InlineData(" \"a\" : 10 ,, ", 1, 12)]
    [InlineData("{ \"foo\" : }", 1, 11)]
    [InlineData("{ : 10 }", 1, 3)]
    [InlineData(" \"foo\" : ", 1, 10)]
    [InlineData(" : 10 ", 1, 2)]
    [InlineData(" \"foo\" : 10 } ", 1, 13)]
    [InlineData(" \"foo\" : 10 [ ", 1, 15)]
    [InlineData("{ \"foo\" }", 1, 9)]
    [InlineData("{ \"a\" : [ }", 1, 11)]
    [InlineData("{ \"foo\" : 10, true }", 1, 20)]
    [InlineData("{ foo \n bar : 10 }", 2, 2)]
    [InlineData("[ 1, \\", 1, 6)]
    [InlineData("[:\"foo\", \"bar\"]", 1, 2)]
    [InlineData("[\"foo\" : \"bar\"]", 1, 8)]
    [InlineData("[ 1-e3 ]", 1, 4)]
    [InlineData("[ \"hello ]", 1, 3)]
    [InlineData("{ \"foo\" , true }", 1, 9)]
    [InlineData("{ \"foo\" : true \"bar\" : false }", 1, 22)]
    [InlineData("[ 10, }]", 1, 7)]
    [InlineData("[ 10, {]", 1, 8)]
    [InlineData("{}x", 1, 3)]
    [InlineData("[]x", 1, 3)]
    [InlineData("{}{}", 1, 3)]
    [InlineData("{}true", 1, 3)]
    [InlineData("[]{}", 1, 3)]
    [InlineData("[]true", 1, 3)]
    [InlineData("[${]", 1, 4)]
    [InlineData("[$]", 1, 2)]
    [InlineData("[$  ]", 1, 2)]
    [InlineData("[${}]", 1, 2)]
    [InlineData("[${?}]", 1, 2)]
    [InlineData("[${ ?foo}]", 1, 5)]
    [InlineData("{ \"a\" : [1,2], \"b\" : y${a}z }", 1, 22)]
    [InlineData("{ \"a\" : { \"c\" : 2 }, \"b\" : y${a}z }", 1, 28)]
    [InlineData("{ \"a\" : ${a} }", 1, 9)]
    [InlineData("[ { \"a\" : 2, \"b\" : ${${a}} } ]", 1, 22)]
    [InlineData("[ = ]", 1, 3)]
    [InlineData("[ + ]", 1, 3)]
    [InlineData("[ # ]", 1, 6)]
    [InlineData("[ ` ]", 1, 3)]
    [InlineData("[ ^ ]", 1, 3)]
    [InlineData("[ ? ]", 1, 3)]
    [InlineData("[ ! ]", 1, 3)]
    [InlineData("[ @ ]", 1, 3)]
    [InlineData("[ * ]", 1, 3)]
    [InlineData("[ & ]", 1, 3)]
    [InlineData("[ \\ ]", 1, 3)]
    [InlineData("[ \"foo\nbar\" ]", 1, 3)]
    [InlineData("[ # comment ]", 1, 14)]
    [InlineData("${ #comment }", 1, 4)]
    [InlineData("[ // comment ]", 1, 15)]
    [InlineData("${ // comment }", 1, 4)]
    [InlineData("{ include \"bar\" : 10 }", 1, 17)]
    [InlineData("{ include foo }", 1, 11)]
    [InlineData("{ include : { \"a\" : 1 } }", 1, 11)]
    [InlineData("a..b = 1", 1, 3)]
    [InlineData(".a = 1", 1, 1)]
    [InlineData("a. = 1", 1, 2)]
    [InlineData("x.y = 1\na = ${x..y}", 2, 9)]
    [InlineData("a = \"\\x\"", 1, 6)]
    [InlineData("a = \"\\u12\"", 1, 6)]
    [InlineData("a = \"\"\"abc", 1, 5)]
    [InlineData("a = -", 1, 5)]
    [InlineData("a = 1e999", 1, 5)]
    [InlineData("${a} = 1", 1, 1)]
    [InlineData("a = [1] foo", 1, 9)]
    [InlineData("x = [ { a += 1 } ]", 1, 11)]
    [InlineData("{ a : 1 ", 1, 9)]
    [InlineData("a = ${missing}", 1, 5)]
    [InlineData("a : ${b}\nb : ${a}", 2, 5)]
    [InlineData("a = { b = 1 }\nc = \"x\" ${a}", 2, 5)]
    [InlineData("a = 1\n\n   b = [1, 2\n", 4, 1)]
    [InlineData("a = b\n}", 2, 1)]
    [InlineData("a { b = 1 } c = 2", 1, 13)]
    [InlineData("a = 1,\n, b = 2", 2, 1)]
    [InlineData("a = \"tab\there\"", 1, 9)]
    [InlineData("a = 10, a += 2", 1, 11)]
    [InlineData("a = ${x}\nx = [1] \" \" [2]", 2, 9)]
    [InlineData("a = \"x\"\"\"\"", 1, 8)]
    [InlineData("a {\n  b {\n    c = 1\n  }\n", 5, 1)]
    [InlineData("a = 1 }", 1, 7)]
    [InlineData("a = [1, 2]]", 1, 11)]
    [InlineData("a : b : c", 1, 7)]
    [InlineData("a = 1 = 2", 1, 7)]
    [InlineData("= 1", 1, 1)]
    [InlineData("a = \"x\" +", 1, 9)]
    public void Invalid_document_fails_with_line_and_column(string text, int line, int column)
    {
        var error = TestConfig.Fails(text);
        Assert.Equal("test", error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.Equal($"test:{line}:{column}: {error.Reason}", error.Message);
    }

    [Fact]
    public void There_are_at_least_fifty_malformed_cases()
    {
        var cases = typeof(MalformedInputTests).GetMethod(nameof(Invalid_document_fails_with_line_and_column))!
            .GetCustomAttributes(typeof(InlineDataAttribute), inherit: false).Length;
        Assert.True(cases >= 50, $"only {cases} malformed inputs");
    }

    [Theory]
    [InlineData("{ \"a\" : 1, }", 1, 12)]
    [InlineData("[1, 2,]", 1, 7)]
    [InlineData("{ \"a\" = 1 }", 1, 7)]
    [InlineData("{ a : 1 }", 1, 3)]
    [InlineData("\"a\" : 1", 1, 1)]
    [InlineData("{ \"a\" : 1\n \"b\" : 2 }", 2, 2)]
    [InlineData("{ \"a\" : \"\"\"x\"\"\" }", 1, 9)]
    [InlineData("{ \"a\" : ${b} }", 1, 9)]
    [InlineData("", 1, 1)]
    [InlineData("{ \"a\" : 1 \"b\" }", 1, 11)]
    [InlineData("{ \"a\" : [1 2] }", 1, 12)]
    [InlineData("{ \"a\" : tru }", 1, 9)]
    public void Strict_json_rejects_hocon_extensions(string text, int line, int column)
    {
        var error = Assert.Throws<HoconParseException>(() =>
            HoconConfig.ParseString(text, "test.json", TestConfig.NoEnvironment with { Syntax = HoconSyntax.Json }));
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var error = TestConfig.Fails("a = " + deep);
        Assert.Contains("nested", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);

        var deepObjects = string.Concat(Enumerable.Repeat("a { ", 5000)) + new string('}', 5000);
        Assert.Contains("nested", TestConfig.Fails(deepObjects).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_chain_of_substitutions_is_an_error_not_a_stack_overflow()
    {
        var lines = Enumerable.Range(0, 100_000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k100000 = end");
        var error = TestConfig.Fails(string.Join('\n', lines));
        Assert.Contains("too deep", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_but_reasonable_chain_of_substitutions_resolves()
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k300 = end");
        Assert.Equal("end", TestConfig.Parse(string.Join('\n', lines)).GetString("k0"));
    }

    /// <summary>
    /// Seeded random documents built from the characters HOCON gives meaning to, and random edits of a valid
    /// document: whatever the input, the outcome is a configuration or a HoconParseException with a location.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_inputs_only_ever_fail_with_a_located_parse_exception(int seed)
    {
        var random = new Random(seed);
        const string Alphabet = "{}[]:=,+$?\"\\#/ \n\t.abtrue0123456789-e${}\"\"\"include()";
        var reference = HoconConfig.ReferenceText;
        for (var round = 0; round < 1500; round++)
        {
            string text;
            if (round % 2 == 0)
            {
                var chars = new char[random.Next(1, 60)];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = Alphabet[random.Next(Alphabet.Length)];
                }

                text = new string(chars);
            }
            else
            {
                var edited = new System.Text.StringBuilder(reference);
                for (var edits = random.Next(1, 4); edits > 0; edits--)
                {
                    var at = random.Next(edited.Length);
                    if (random.Next(2) == 0)
                    {
                        edited.Remove(at, Math.Min(random.Next(1, 4), edited.Length - at));
                    }
                    else
                    {
                        edited.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    }
                }

                text = edited.ToString();
            }

            try
            {
                var config = HoconConfig.ParseString(text, "random", TestConfig.NoEnvironment);
                _ = config.ToJson();
            }
            catch (HoconParseException e)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1, $"no location for {text}: {e.Message}");
                Assert.StartsWith($"random:{e.Line}:{e.Column}: ", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("seeds = [10.0.0.1:7000]", 1, 18, "a ':' inside a value must be quoted")]
    [InlineData("url = http://example.com", 1, 11, "quote the value")]
    [InlineData("a = [1, 2\nb = 3", 2, 3, "is the ']' for the '[' at line 1, column 5 missing?")]
    public void Common_mistakes_get_a_hint(string text, int line, int column, string hint)
    {
        var error = TestConfig.Fails(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(hint, error.Reason, StringComparison.Ordinal);
    }
}
