using System.Security.Claims;
using System.Text.Encodings.Web;
using Budgeting.Api.Storage;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Security;

/// <summary>
/// Reads <c>Authorization: Bearer …</c>: the officials' admin key gives the <see cref="Roles.Official"/> role; a
/// voting token whose hash belongs to an active panelist gives <see cref="Roles.Panelist"/> with the election and
/// person as claims. Anything else is anonymous (and gets 401 where a role is required).
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey adminKey,
    Database database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        if (adminKey.Matches(secret))
        {
            return Success([new Claim(ClaimTypes.Role, Roles.Official), new Claim(ClaimTypes.Name, "official")]);
        }

        await using var connection = database.OpenForReading();
        var panelist = await connection.QuerySingleOrDefaultAsync<(long ElectionId, string PersonId)?>(
            "SELECT election_id, person_id FROM panelists WHERE token_sha256 = @Hash AND status = 'active'",
            new { Hash = Secrets.Hash(secret) });
        if (panelist is { } p)
        {
            return Success(
            [
                new Claim(ClaimTypes.Role, Roles.Panelist),
                new Claim(Roles.ElectionClaim, p.ElectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(Roles.PersonClaim, p.PersonId),
            ]);
        }

        return AuthenticateResult.Fail("Unknown bearer token.");
    }

    private AuthenticateResult Success(Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
}
