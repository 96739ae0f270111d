using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Budgeting.Sortition.Lottery;

/// <summary>What <c>reveal</c> records in <c>reveal.json</c>: the seed, the chosen slot and the lottery it chose from.</summary>
/// <param name="Seed">The published seed.</param>
/// <param name="Index">The chosen 0-based slot index.</param>
/// <param name="LotterySha256">SHA-256 of the <c>lottery.json</c> the panel was chosen from.</param>
public sealed record RevealRecord(string Seed, int Index, string LotterySha256)
{
    /// <summary>The canonical bytes of <c>reveal.json</c>.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(
        $"{{\n  \"seed\": {JsonSerializer.Serialize(Seed)},\n  \"index\": {Index.ToString(CultureInfo.InvariantCulture)},\n" +
        $"  \"lotterySha256\": {JsonSerializer.Serialize(LotterySha256)}\n}}\n");

    /// <summary>Reads <c>reveal.json</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a reveal record.</exception>
    public static RevealRecord Parse(byte[] bytes)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            return new RevealRecord(
                root.GetProperty("seed").GetString()!,
                root.GetProperty("index").GetInt32(),
                root.GetProperty("lotterySha256").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"reveal.json is not a valid reveal record: {e.Message}", e);
        }
    }
}
