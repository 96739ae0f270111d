namespace Budgeting.Audit;

/// <summary>The file is not an audit bundle: not a zip, no readable manifest, or a required file not listed.</summary>
public sealed class AuditBundleFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public AuditBundleFormatException()
    {
    }

    /// <summary>Creates the exception with a message naming what is malformed.</summary>
    public AuditBundleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AuditBundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
