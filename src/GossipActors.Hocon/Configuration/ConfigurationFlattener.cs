namespace GossipActors.Hocon.Configuration;

/// <summary>
/// Flattens a resolved HOCON object into Microsoft.Extensions.Configuration keys: objects nest with ':', list
/// elements become index children (<c>gossip:seeds:0</c>), empty objects and lists and nulls become null values.
/// </summary>
internal static class ConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Add(data, key, value);
        }

        return data;
    }

    private static void Add(Dictionary<string, string?> data, string key, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count > 0:
                foreach (var (childKey, child) in obj)
                {
                    Add(data, key + ":" + childKey, child);
                }

                break;
            case HoconArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(data, key + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), array[i]);
                }

                break;
            case HoconObject or HoconArray or HoconNull:
                data[key] = null;
                break;
            default:
                data[key] = value.ConcatenationText;
                break;
        }
    }
}
