using System.Globalization;
using System.Text;

namespace GossipActors.Hocon.Rendering;

/// <summary>Writes resolved values as JSON, keys in definition order, numbers as spelled in the source.</summary>
internal static class JsonRenderer
{
    public static string Render(HoconValue value, bool indented)
    {
        var builder = new StringBuilder();
        Write(builder, value, indented, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, HoconValue value, bool indented, int level)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteObject(builder, obj, indented, level);
                break;
            case HoconArray array:
                WriteArray(builder, array, indented, level);
                break;
            case HoconString text:
                AppendQuoted(builder, text.Value);
                break;
            case HoconNumber number:
                builder.Append(JsonNumber(number));
                break;
            case HoconBoolean boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, HoconObject obj, bool indented, int level)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append('{');
        var first = true;
        foreach (var (key, child) in obj)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            NewLine(builder, indented, level + 1);
            AppendQuoted(builder, key);
            builder.Append(indented ? ": " : ":");
            Write(builder, child, indented, level + 1);
        }

        NewLine(builder, indented, level);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, HoconArray array, bool indented, int level)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            NewLine(builder, indented, level + 1);
            Write(builder, array[i], indented, level + 1);
        }

        NewLine(builder, indented, level);
        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, bool indented, int level)
    {
        if (indented)
        {
            builder.Append('\n').Append(' ', level * 2);
        }
    }

    /// <summary>The number as spelled in the file when that is valid JSON (it is unless it had leading zeros).</summary>
    internal static string JsonNumber(HoconNumber number)
    {
        if (IsStrictJsonNumber(number.Text))
        {
            return number.Text;
        }

        return number.IsInteger
            ? number.LongValue.ToString(CultureInfo.InvariantCulture)
            : number.DoubleValue.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool IsStrictJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
            return i == text.Length || !char.IsAsciiDigit(text[i]);
        }

        return i < text.Length && char.IsAsciiDigit(text[i]);
    }

    internal static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
