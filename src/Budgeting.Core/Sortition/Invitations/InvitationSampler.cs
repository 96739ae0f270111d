using System.Runtime.CompilerServices;
using Budgeting.Arithmetic;
using Budgeting.Randomness;

namespace Budgeting.Sortition.Invitations;

/// <summary>
/// Stage 1 of a citizens' assembly: a stratified random sample of households from an address register (a CSV of up
/// to tens of millions of rows), streamed in two passes and specified in docs/randomness.md so that an auditor can
/// re-derive it from the seed.
/// <list type="number">
/// <item>Pass 1 counts households per stratum. A household is the set of rows with equal normalized values in the
/// household columns (trimmed, whitespace runs collapsed to one space, upper-cased); its first row in file order
/// represents it and places it in that row's stratum. Without household columns every row is a household.</item>
/// <item>Letters are allocated to strata by <see cref="ProportionalAllocation.LargestRemainder"/>, households
/// weighted by the oversampling factors.</item>
/// <item>Stratum s with Nₛ households numbered 0…Nₛ−1 in file order receives nₛ letters: with the stream
/// <c>SeededStream(seed + "/invite/" + name)</c>, the first nₛ steps of the Fisher–Yates shuffle of 0…Nₛ−1 are
/// made, and the households at the last nₛ positions are selected.</item>
/// <item>Pass 2 seeks to the representative rows of the selected households (pass 1 kept one file offset per
/// household, never the rows themselves) and writes them after the header, in file order, as they are in the register
/// (bytes unchanged, LF line ends).</item>
/// </list>
/// </summary>
public static class InvitationSampler
{
    /// <summary>Draws from the register at <paramref name="path"/> (named <paramref name="displayName"/> in errors) and writes the sample to <paramref name="output"/>.</summary>
    /// <exception cref="RegisterFormatException">A malformed row, with its line and column.</exception>
    /// <exception cref="ArgumentException">An impossible request: unknown column or stratum, more letters than households.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static InvitationResult Draw(string path, string displayName, InvitationRequest request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.Strata.Count == 0)
        {
            throw new ArgumentException("give at least one strata column");
        }

        if (request.Count < 1)
        {
            throw new ArgumentException($"the count must be at least 1, not {request.Count}");
        }

        // Pass 1: count households per stratum and remember where each household's representative row starts.
        var stamp = File.GetLastWriteTimeUtc(path);
        var length = new FileInfo(path).Length;
        var strata = new StrataIndex();
        long rows = 0;
        Columns columns;
        using (var reader = Open(path, displayName))
        {
            columns = Columns.Find(reader, displayName, request);
            var households = columns.Household.Length > 0 ? new HouseholdSet() : null;
            var key = new KeyBuffer();
            while (reader.Read())
            {
                columns.Check(reader);
                var stratum = strata.Find(reader, columns, key);
                var represents = households is null || households.Add(key.Household(reader, columns.Household));
                if (represents)
                {
                    strata.Count(stratum, reader.RecordOffset);
                }

                rows++;
            }
        }

        if (rows == 0)
        {
            throw new RegisterFormatException(displayName, 2, 1, "the register has a header but no data rows");
        }

        foreach (var name in request.Oversample.Keys.Where(n => !strata.Contains(n)))
        {
            throw new ArgumentException($"--oversample names stratum '{name}', which is not in {displayName} (strata: {string.Join(", ", strata.Names.Order(StringComparer.Ordinal))})");
        }

        var order = Enumerable.Range(0, strata.Names.Count).OrderBy(s => strata.Names[s], StringComparer.Ordinal).ToArray();
        var allocation = ProportionalAllocation.LargestRemainder(
            order.Select(s => strata.Names[s]).ToList(),
            order.Select(s => strata.Sizes[s]).ToList(),
            order.Select(s => request.Oversample.TryGetValue(strata.Names[s], out var w) ? w : Rational.One).ToList(),
            request.Count);
        var chosen = new long[strata.Names.Count][];
        for (var i = 0; i < order.Length; i++)
        {
            chosen[order[i]] = Sample(StreamSeed(request.Seed, allocation[i].Name), allocation[i].Households, allocation[i].Letters);
        }

        // Pass 2: seek to the representatives of the chosen households and copy them, in file order.
        var picks = new List<(long Offset, int Stratum)>(request.Count);
        for (var s = 0; s < chosen.Length; s++)
        {
            picks.AddRange(chosen[s].Select(ordinal => (strata.Offsets[s][ordinal], s)));
        }

        picks.Sort();
        var written = 0;
        using (var reader = Open(path, displayName, bufferSize: 1 << 16))
        {
            reader.Read();
            output.Write(reader.Record);
            output.WriteByte((byte)'\n');
            var key = new KeyBuffer();
            foreach (var (offset, stratum) in picks)
            {
                reader.Seek(offset);
                if (!reader.Read() || reader.FieldCount != columns.FieldCount
                    || !key.Stratum(reader, columns.Strata, columns.Names).SequenceEqual(strata.Names[stratum]))
                {
                    throw new IOException($"{displayName} changed while it was being read");
                }

                output.Write(reader.Record);
                output.WriteByte((byte)'\n');
                written++;
            }
        }

        if (File.GetLastWriteTimeUtc(path) != stamp || new FileInfo(path).Length != length)
        {
            throw new IOException($"{displayName} changed while it was being read");
        }

        return new InvitationResult(rows, strata.Sizes.Sum(), allocation, written);
    }

    /// <summary>The seed text of stratum <paramref name="stratum"/>'s stream: <c>seed + "/invite/" + stratum</c>.</summary>
    public static string StreamSeed(string seed, string stratum) => seed + "/invite/" + stratum;

    /// <summary>
    /// Chooses <paramref name="count"/> of the numbers 0…<paramref name="population"/>−1: the last
    /// <paramref name="count"/> positions after the first <paramref name="count"/> steps of the Fisher–Yates shuffle
    /// (for i = N−1 down to N−count, swap positions i and <see cref="SeededStream.NextBelow"/>(i + 1)) with the
    /// stream of <paramref name="streamSeed"/>; returned in ascending order. Memory is proportional to the count.
    /// </summary>
    public static long[] Sample(string streamSeed, long population, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        if (count < 0 || count > population)
        {
            throw new ArgumentException($"cannot choose {count} of {population}");
        }

        var stream = new SeededStream(streamSeed);
        var moved = new Dictionary<long, long>();
        var result = new long[count];
        for (var k = 0; k < count; k++)
        {
            var i = population - 1 - k;
            var j = (long)stream.NextBelow((ulong)i + 1);
            var atI = moved.TryGetValue(i, out var vi) ? vi : i;
            var atJ = moved.TryGetValue(j, out var vj) ? vj : j;
            moved[j] = atI;
            moved.Remove(i); // position i is never read again
            result[k] = atJ;
        }

        Array.Sort(result);
        return result;
    }

    private static RegisterCsvReader Open(string path, string displayName, int bufferSize = 1 << 20) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, bufferSize > 1 << 16 ? FileOptions.SequentialScan : FileOptions.RandomAccess), displayName, bufferSize);

    /// <summary>The positions of the columns the draw reads.</summary>
    private sealed record Columns(int FieldCount, int[] Strata, int[] Household, string[] Names)
    {
        public static Columns Find(RegisterCsvReader reader, string file, InvitationRequest request)
        {
            if (!reader.Read())
            {
                throw new RegisterFormatException(file, 1, 1, "the register is empty: it needs a header row");
            }

            var names = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToArray();
            int Position(string column, string role)
            {
                var matches = Enumerable.Range(0, names.Length)
                    .Where(i => string.Equals(names[i], column.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
                return matches.Count switch
                {
                    1 => matches[0],
                    0 => throw new RegisterFormatException(file, reader.Line, 1, $"no {role} column '{column}' in the header (columns: {string.Join(", ", names)})"),
                    _ => throw new RegisterFormatException(file, reader.Line, 1, $"the header has {matches.Count} columns named '{column}'"),
                };
            }

            return new Columns(
                names.Length,
                request.Strata.Select(c => Position(c, "strata")).ToArray(),
                request.HouseholdColumns.Select(c => Position(c, "household")).ToArray(),
                names);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Check(RegisterCsvReader reader)
        {
            if (reader.FieldCount < FieldCount)
            {
                throw reader.ErrorAtEnd($"{reader.FieldCount} fields, but the header has {FieldCount}");
            }

            if (reader.FieldCount > FieldCount)
            {
                throw reader.ErrorAtField(FieldCount, $"{reader.FieldCount} fields, but the header has {FieldCount}");
            }
        }
    }

    /// <summary>Reusable buffers for building keys from fields without allocating.</summary>
    private sealed class KeyBuffer
    {
        private char[] chars = new char[256];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ReadOnlySpan<char> Stratum(RegisterCsvReader reader, int[] columns, string[] names)
        {
            var length = 0;
            for (var c = 0; c < columns.Length; c++)
            {
                var from = length;
                length = reader.Decode(columns[c], ref chars, length);
                var value = chars.AsSpan(from, length - from).Trim();
                if (value.IsEmpty)
                {
                    throw reader.ErrorAtField(columns[c], $"empty value in strata column '{names[columns[c]]}'");
                }

                if (value.Length != length - from)
                {
                    value.CopyTo(chars.AsSpan(from));
                    length = from + value.Length;
                }

                if (c < columns.Length - 1)
                {
                    EnsureChars(length + 1);
                    chars[length++] = '|';
                }
            }

            return chars.AsSpan(0, length);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public UInt128 Household(RegisterCsvReader reader, int[] columns)
        {
            var length = 0;
            var any = false;
            for (var c = 0; c < columns.Length; c++)
            {
                var from = length;
                length = reader.Decode(columns[c], ref chars, length);
                length = from + Normalize(chars.AsSpan(from, length - from));
                any |= length > from;
                EnsureChars(length + 1);
                chars[length++] = '\0';
            }

            if (!any)
            {
                throw reader.ErrorAtField(columns[0], "all household columns are empty: the row's household is unknown");
            }

            return HouseholdFingerprint.Of(chars.AsSpan(0, length));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static int Normalize(Span<char> text)
        {
            var write = 0;
            var pendingSpace = false;
            foreach (var c in text)
            {
                if (c is ' ' or '\t' || (c > '\u007f' && char.IsWhiteSpace(c)))
                {
                    pendingSpace = write > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    text[write++] = ' ';
                    pendingSpace = false;
                }

                text[write++] = c switch
                {
                    >= 'a' and <= 'z' => (char)(c - ('a' - 'A')),
                    <= '\u007f' => c,
                    _ => char.ToUpperInvariant(c),
                };
            }

            return write;
        }

        private void EnsureChars(int length)
        {
            if (chars.Length < length)
            {
                Array.Resize(ref chars, length * 2);
            }
        }
    }

    /// <summary>The strata met so far: names, household counts, and a lookup by the key characters.</summary>
    private sealed class StrataIndex
    {
        private readonly Dictionary<string, int> index;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private readonly List<string> names = [];
        private readonly List<long> sizes = [];
        private readonly List<LongList> offsets = [];
        public StrataIndex()
        {
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public IReadOnlyList<string> Names => names;

        public IReadOnlyList<long> Sizes => sizes;

        public bool Contains(string name) => index.ContainsKey(name);

        public IReadOnlyList<LongList> Offsets => offsets;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Count(int stratum, long offset)
        {
            sizes[stratum]++;
            offsets[stratum].Add(offset);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Find(RegisterCsvReader reader, Columns columns, KeyBuffer key)
        {
            var text = key.Stratum(reader, columns.Strata, columns.Names);
            if (lookup.TryGetValue(text, out var stratum))
            {
                return stratum;
            }

            var name = text.ToString();
            index.Add(name, names.Count);
            names.Add(name);
            sizes.Add(0);
            offsets.Add(new LongList());
            return names.Count - 1;
        }
    }

    /// <summary>A list of longs in chunks of 64 Ki (no large copies when it grows).</summary>
    private sealed class LongList
    {
        private readonly List<long[]> chunks = [];
        private int used = 1 << 16;

        public long this[long index] => chunks[(int)(index >> 16)][index & 0xFFFF];

        public void Add(long value)
        {
            if (used == 1 << 16)
            {
                chunks.Add(new long[1 << 16]);
                used = 0;
            }

            chunks[^1][used++] = value;
        }
    }
}
