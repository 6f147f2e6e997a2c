using System.Text;

namespace GossipActors.AdminClient.Rendering;

/// <summary>
/// Columns padded to their widest cell, two spaces apart, trailing blanks trimmed: the layout of
/// nodetool's tables, which operators already grep and awk.
/// </summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <param name="headers">Column headers; a header starting with '>' is right-aligned (the '>' is not printed).</param>
    public TextTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _rightAligned = [.. headers.Select(h => h.StartsWith('>'))];
        _headers = [.. headers.Select(h => h.TrimStart('>'))];
    }

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells, the table has {_headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in _rows.Prepend(_headers))
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append("  ");
                }

                line.Append(_rightAligned[i] ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }

            output.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
