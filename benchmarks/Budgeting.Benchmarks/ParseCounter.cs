using System.Runtime.InteropServices;

namespace Budgeting.Benchmarks;

/// <summary>
/// Runs parses inside a call to libc's <c>qsort</c> (as its comparison callback, called once for two elements), so that
/// callgrind's <c>--toggle-collect=qsort</c> counts the instructions of exactly those parses and nothing else
/// (not start-up, not the JIT compiling the warm-up, not decompressing the file).
/// </summary>
public static class ParseCounter
{
    private delegate int Compare(IntPtr a, IntPtr b);

    /// <summary>Parses <paramref name="times"/> times inside one <c>qsort</c> call.</summary>
    public static void Run(ParseBenchmarks bench, int times)
    {
        ArgumentNullException.ThrowIfNull(bench);
        Compare compare = (_, _) =>
        {
            for (var i = 0; i < times; i++)
            {
                bench.Parse();
            }

            return 0;
        };
        var elements = Marshal.AllocHGlobal(16);
        try
        {
            QuickSort(elements, 2, 8, Marshal.GetFunctionPointerForDelegate(compare));
        }
        finally
        {
            Marshal.FreeHGlobal(elements);
            GC.KeepAlive(compare);
        }

        Console.WriteLine($"{times} parses inside qsort");
    }

    [DllImport("libc", EntryPoint = "qsort")]
    private static extern void QuickSort(IntPtr elements, UIntPtr count, UIntPtr size, IntPtr compare);
}
