using Microsoft.AspNetCore.Http;

namespace GossipActors.Hosting.Admin;

/// <summary>What a request came to in one line (the error answered, or what a mutation did), for the audit line.</summary>
internal static class AdminOutcome
{
    private static readonly object Key = new();

    public static void Record(HttpContext context, string outcome) => context.Items[Key] = outcome;

    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var outcome) ? outcome as string : null;
}
