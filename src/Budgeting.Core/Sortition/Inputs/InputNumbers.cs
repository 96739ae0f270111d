using System.Globalization;

namespace Budgeting.Sortition.Inputs;

/// <summary>Parses the quota numbers of the categories file.</summary>
internal static class InputNumbers
{
    /// <summary>Parses a non-negative integer written in plain digits (surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, out int value)
    {
        value = 0;
        return text is not null && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The number, or null when <paramref name="text"/> is not a non-negative integer.</summary>
    public static int? Parse(string? text) => TryParse(text, out var value) ? value : null;

    /// <summary>Whether an optional flex column is absent or blank.</summary>
    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);
}
