namespace GossipActors.Hocon;

/// <summary>The syntax a document is parsed with.</summary>
public enum HoconSyntax
{
    /// <summary>HOCON (a superset of JSON). The default, and what <c>.conf</c> files use.</summary>
    Conf,

    /// <summary>Strict JSON, for <c>.json</c> files.</summary>
    Json,

    /// <summary>Java properties, for <c>.properties</c> files: keys split on dots, every value a string.</summary>
    Properties,
}
