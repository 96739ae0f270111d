// TEMPORARY stand-in for the Pabulib reader API until it lands on main; deleted by the merge that brings the real one.
#pragma warning disable
namespace Budgeting.Formats.Pabulib;
public sealed record PabulibFile(Budgeting.Elections.Election Election, Budgeting.Elections.Profile Profile) { public IReadOnlyList<int?> Selected { get; init; } = []; }
public static class PabulibReader { public static PabulibFile Read(Stream s, string f, object? o = null) => throw new NotImplementedException(); }
public static class PabulibWriter { public static void Write(PabulibFile f, Stream s) => throw new NotImplementedException(); }
public sealed class PabulibFormatException : FormatException { }
