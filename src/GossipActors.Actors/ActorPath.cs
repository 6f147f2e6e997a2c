using System.Text;

namespace GossipActors.Actors;

/// <summary>
/// Where an actor lives in its system's tree, such as <c>/user/gossip/rounds/round-17</c>.
/// Two paths are equal when they name the same place in the same system; an actor's incarnation
/// is told apart by its ref's uid, not by its path.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The name of the actor system this path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The enclosing path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>Number of elements: 0 for the root, 1 for <c>/user</c>.</summary>
    public int Depth { get; }

    /// <summary>The path elements from the root down, without the root itself.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements[p.Depth - 1] = p.Name;
            }

            return elements;
        }
    }

    internal static ActorPath CreateRoot(string systemName) => new(systemName, null, string.Empty);

    /// <summary>The path of a child named <paramref name="name"/> under this one.</summary>
    public ActorPath Child(string name) => new(SystemName, this, name);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    /// <summary>The path with its system name in front, for logs that mix systems: <c>node-a:/user/gossip</c>.</summary>
    public string ToStringWithSystem() => SystemName + ":" + ToString();

    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        if (Parent is null)
        {
            return _text = "/";
        }

        var builder = new StringBuilder();
        AppendTo(builder);
        return _text = builder.ToString();
    }

    private void AppendTo(StringBuilder builder)
    {
        if (Parent is null)
        {
            return;
        }

        Parent.AppendTo(builder);
        builder.Append('/').Append(Name);
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Depth != Depth)
        {
            return false;
        }

        var a = this;
        var b = other;
        while (a is not null && b is not null)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }

            if (a.Parent is null)
            {
                return string.Equals(a.SystemName, b.SystemName, StringComparison.Ordinal);
            }

            a = a.Parent;
            b = b.Parent;
        }

        return false;
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = StringComparer.Ordinal.GetHashCode(SystemName);
        for (var p = this; p.Parent is not null; p = p.Parent)
        {
            hash = HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(p.Name));
        }

        return hash;
    }

    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
