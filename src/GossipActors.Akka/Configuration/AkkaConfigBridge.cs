using System.Globalization;
using System.Text;
using GossipActors.Hocon;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;
using AkkaHoconArray = Akka.Configuration.Hocon.HoconArray;
using AkkaHoconValue = Akka.Configuration.Hocon.HoconValue;

namespace GossipActors.Akka.Configuration;

/// <summary>
/// The only crossing between our HOCON and Akka's. A user's file is parsed, layered and resolved by
/// GossipActors.Hocon (environment variables, <c>+=</c>, includes, <c>FILE:LINE:COLUMN</c> errors, and no stack
/// overflow on a self-referencing value); Akka receives the result as one JSON document, which its parser reads
/// reliably. Going back, a section of Akka's configuration is written out as JSON and read by our parser, so
/// every setting is bound and validated by the same code whichever way it arrived.
/// </summary>
public static class AkkaConfigBridge
{
    /// <summary>Our resolved configuration as Akka configuration.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="resolved"/> is not resolved.</exception>
    public static AkkaConfig ToAkka(Config resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (!resolved.IsResolved)
        {
            throw new InvalidOperationException("resolve the configuration with GossipActors.Hocon before handing it to Akka");
        }

        return AkkaConfigurationFactory.ParseString(resolved.ToJson(indented: false));
    }

    /// <summary>
    /// The top-level sections <paramref name="sections"/> (<c>gossip</c>, <c>remote</c>…) of Akka's configuration,
    /// fallbacks included, as our configuration. Akka keeps no types, so every leaf arrives as a string; our
    /// conversions accept that, so binding and validation are the same as for a file.
    /// </summary>
    public static Config FromAkka(AkkaConfig config, params string[] sections)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sections);
        var json = new StringBuilder("{");
        var first = true;
        foreach (var section in sections)
        {
            if (section.Contains('.', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{section}' is not a top-level section", nameof(sections));
            }

            if (!config.HasPath(section))
            {
                continue;
            }

            if (!first)
            {
                json.Append(',');
            }

            first = false;
            AppendQuoted(json, section);
            json.Append(':');
            Write(json, config.GetValue(section));
        }

        json.Append('}');
        return HoconConfig.ParseString(json.ToString(), "Akka configuration", new HoconParseOptions { UseEnvironmentVariables = false, Syntax = HoconSyntax.Json });
    }

    private static void Write(StringBuilder json, AkkaHoconValue value)
    {
        // Akka's IsArray() is false for an empty array, and GetString() is null for both [] and null: look at the elements.
        if (value.Values.Count > 0 && value.Values.All(element => element is AkkaHoconArray))
        {
            json.Append('[');
            var first = true;
            foreach (var item in value.Values.Cast<AkkaHoconArray>().SelectMany(array => array))
            {
                if (!first)
                {
                    json.Append(',');
                }

                first = false;
                Write(json, item);
            }

            json.Append(']');
        }
        else if (value.IsObject())
        {
            json.Append('{');
            var first = true;
            foreach (var (key, item) in value.GetObject().Items)
            {
                if (!first)
                {
                    json.Append(',');
                }

                first = false;
                AppendQuoted(json, key);
                json.Append(':');
                Write(json, item);
            }

            json.Append('}');
        }
        else if (value.GetString() is { } text)
        {
            AppendQuoted(json, text);
        }
        else
        {
            json.Append("null");
        }
    }

    private static void AppendQuoted(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }
}
