namespace HelpCenter.Accounts;

/// <summary>The four roles. Every account is a Customer; staff roles are granted by an admin.</summary>
public static class Roles
{
    public const string Customer = "Customer";
    public const string Agent = "Agent";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Customer, Agent, Editor, Admin];

    /// <summary>Roles that must use two-step verification.</summary>
    public static readonly IReadOnlyList<string> Staff = [Agent, Editor, Admin];
}

/// <summary>Authorization policy names. Staff policies also require two-step verification.</summary>
public static class Policies
{
    public const string Agent = "Agent";
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    /// <summary>Any staff role: Agent, Editor or Admin (the support insights).</summary>
    public const string Staff = "Staff";
}
