using System.Text.Json.Serialization;

namespace GossipActors.AdminClient.Contract;

/// <summary><c>POST /setphi</c>: change the phi convict threshold at run time (in memory only).</summary>
/// <param name="ForMs">When set, the window in milliseconds after which the node restores the earlier threshold by itself.</param>
public sealed record SetPhiRequest(
    double Value,
    bool Confirm,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ForMs = null);

/// <param name="Previous">The threshold before the change.</param>
/// <param name="Current">The threshold now in force.</param>
/// <param name="Persisted">False: the change lives in memory and is lost on restart unless also written to configuration.</param>
/// <param name="Message">The node's one-line account of the change (it says when the change is in memory only).</param>
/// <param name="Warning">Set when the value is legal but doubtful (above 12 delays real failure detection), else null.</param>
/// <param name="Restore">For a change with a window: what the node restores and when; otherwise null.</param>
public sealed record SetPhiResponse(double Previous, double Current, bool Persisted, string Message, string? Warning, ThresholdRestoreInfo? Restore = null);

/// <summary>A threshold the node will restore by itself when a timed change's window ends.</summary>
/// <param name="Value">The threshold restored.</param>
/// <param name="At">When, by the node's clock.</param>
/// <param name="InMs">Milliseconds from the answer to the restore, so a reader need not trust its own clock.</param>
public sealed record ThresholdRestoreInfo(double Value, DateTimeOffset At, long InMs);

/// <summary>
/// <c>POST /assassinate</c>: forcibly remove an endpoint (generation + 1, LEFT with an expiry). The node
/// refuses it with 409 when the target is alive or the cluster is unstable (see <c>AssassinationSafety</c>)
/// unless <c>Force</c>.
/// </summary>
public sealed record AssassinateRequest(string Endpoint, bool Confirm, bool Force);

/// <param name="Endpoint">The assassinated endpoint.</param>
/// <param name="Generation">The generation the node published for it (old generation + 1).</param>
/// <param name="Verdict">The safety rules' one-line verdict: <c>allowed: …</c>, or <c>forced past …</c> naming what was overridden.</param>
/// <param name="Forced">True when <c>Force</c> overrode a rule that would have refused.</param>
public sealed record AssassinateResponse(string Endpoint, int Generation, string Verdict, bool Forced);

/// <summary><c>POST /decommission</c>: announce LEAVING, then LEFT, then stop.</summary>
public sealed record DecommissionRequest(bool Confirm);

/// <param name="Endpoint">The node that is leaving.</param>
/// <param name="State">Its state right after the request (normally LEAVING).</param>
public sealed record DecommissionResponse(string Endpoint, MembershipState State);

/// <summary>The body of every non-2xx answer: one line naming what was wrong.</summary>
public sealed record ErrorResponse(string Error);
