using System.Text.Encodings.Web;
using System.Text.Json;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Reports;

/// <summary>
/// What the JSON reports share: one writer setting (indented, "\n", readable non-ASCII), a trailing newline, lists of
/// strings, and exact values as <c>{"exact": "p/q", "approx": 12.34}</c>.
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON value with <paramref name="write"/> to <paramref name="stream"/>, then a newline.</summary>
    public static void Write(Stream stream, Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }

        stream.WriteByte((byte)'\n');
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStringValue(item);
        }

        json.WriteEndArray();
    }

    public static void WriteRational(Utf8JsonWriter json, string name, Rational value)
    {
        json.WriteStartObject(name);
        json.WriteString("exact", value.ToString());
        json.WritePropertyName("approx");
        json.WriteRawValue(RationalText.Decimal(value), skipInputValidation: false);
        json.WriteEndObject();
    }
}
