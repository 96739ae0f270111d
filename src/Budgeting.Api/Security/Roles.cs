namespace Budgeting.Api.Security;

/// <summary>The roles a bearer can hold, and the claim types that say for which election and person.</summary>
public static class Roles
{
    /// <summary>A city official, holding the admin key.</summary>
    public const string Official = "official";

    /// <summary>A drawn panelist, holding a personal voting token.</summary>
    public const string Panelist = "panelist";

    /// <summary>Claim type: the panelist's election id.</summary>
    public const string ElectionClaim = "budgeting:election";

    /// <summary>Claim type: the panelist's person id in the pool.</summary>
    public const string PersonClaim = "budgeting:person";
}
