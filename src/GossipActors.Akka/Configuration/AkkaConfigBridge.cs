using System.Text;
using System.Text.Json;
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
    /// Only the top-level <paramref name="sections"/> of our resolved configuration, as Akka configuration: what a library
    /// hands to an application's ActorSystem without touching the application's own <c>akka</c> settings.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="resolved"/> is not resolved.</exception>
    public static AkkaConfig ToAkka(Config resolved, params string[] sections)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(sections);
        if (!resolved.IsResolved)
        {
            throw new InvalidOperationException("resolve the configuration with GossipActors.Hocon before handing it to Akka");
        }

        var json = new StringBuilder("{");
        foreach (var section in sections)
        {
            if (section.Contains('.', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{section}' is not a top-level section", nameof(sections));
            }

            if (!resolved.HasPath(section))
            {
                continue;
            }

            json.Append(json.Length > 1 ? "," : string.Empty)
                .Append('"').Append(JsonEncodedText.Encode(section)).Append("\":")
                .Append(resolved.GetConfig(section).ToJson(indented: false));
        }

        return AkkaConfigurationFactory.ParseString(json.Append('}').ToString());
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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var section in sections)
            {
                if (section.Contains('.', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{section}' is not a top-level section", nameof(sections));
                }

                if (config.HasPath(section))
                {
                    json.WritePropertyName(section);
                    Write(json, config.GetValue(section));
                }
            }

            json.WriteEndObject();
        }

        return HoconConfig.ParseString(Encoding.UTF8.GetString(buffer.ToArray()), "Akka configuration", new HoconParseOptions { UseEnvironmentVariables = false, Syntax = HoconSyntax.Json });
    }

    private static void Write(Utf8JsonWriter json, AkkaHoconValue value)
    {
        // Akka's IsArray() is false for an empty array, and GetString() is null for both [] and null: look at the elements.
        if (value.Values.Count > 0 && value.Values.All(element => element is AkkaHoconArray))
        {
            json.WriteStartArray();
            foreach (var item in value.Values.Cast<AkkaHoconArray>().SelectMany(array => array))
            {
                Write(json, item);
            }

            json.WriteEndArray();
        }
        else if (value.IsObject())
        {
            json.WriteStartObject();
            foreach (var (key, item) in value.GetObject().Items)
            {
                json.WritePropertyName(key);
                Write(json, item);
            }

            json.WriteEndObject();
        }
        else if (value.GetString() is { } text)
        {
            json.WriteStringValue(text);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
