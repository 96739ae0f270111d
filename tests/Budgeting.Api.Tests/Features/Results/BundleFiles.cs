using System.IO.Compression;
using Budgeting.Audit;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>An audit bundle's files in memory, and the bundle zipped again from them, for tests that forge bundles.</summary>
internal static class BundleFiles
{
    /// <summary>Every file of <paramref name="bundle"/>, by its path in the zip.</summary>
    public static Dictionary<string, byte[]> Read(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(entry.FullName, buffer.ToArray());
        }

        return files;
    }

    /// <summary>
    /// <paramref name="files"/> zipped as a bundle, the manifest first; with <paramref name="rehash"/> the manifest is
    /// rewritten to match the files, as a forger would, otherwise the one in <paramref name="files"/> is kept.
    /// </summary>
    public static byte[] Zip(Dictionary<string, byte[]> files, bool rehash)
    {
        var others = files.Where(f => f.Key != AuditBundle.Manifest).ToList();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in others.Prepend(new(AuditBundle.Manifest, rehash ? AuditBundle.WriteManifest(others) : files[AuditBundle.Manifest])))
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
