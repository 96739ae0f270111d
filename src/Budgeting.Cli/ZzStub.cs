// TEMPORARY stand-in for the Pabulib reader API until it lands on main; deleted by the merge that brings the real one.
#pragma warning disable
namespace Budgeting.Formats.Pabulib;
public sealed record PabulibFile
{
    public required string FileName { get; init; }
    public required Budgeting.Elections.Election Election { get; init; }
    public required Budgeting.Elections.Profile Profile { get; init; }
    public required IReadOnlyList<string> ProjectColumns { get; init; }
    public required IReadOnlyList<IReadOnlyList<string?>> ProjectRows { get; init; }
    public IReadOnlyList<PabulibWarning> Warnings { get; init; } = [];
    public IReadOnlyList<int?> Selected => [];
}
public sealed record PabulibWarning(string File, int Line, string Message);
public sealed record PabulibReadOptions { public bool KeepVoters { get; init; } = true; }
public static class PabulibReader { public static PabulibFile Read(string p, PabulibReadOptions? o = null) => throw new NotImplementedException(); public static PabulibFile ReadText(string t, string f = "input.pb", PabulibReadOptions? o = null) => throw new NotImplementedException(); public static PabulibFile Read(Stream s, string f, PabulibReadOptions? o = null) => throw new NotImplementedException(); }
public static class PabulibWriter { public static void Write(PabulibFile f, Stream s) => throw new NotImplementedException(); }
public sealed class PabulibFormatException : FormatException { }
