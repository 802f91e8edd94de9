using HelpCenter.Accounts;

namespace HelpCenter.IntegrationTests.Mail;

/// <summary>The app sending its mail to a real SMTP server on loopback, with the development accounts seeded.</summary>
public class MailFactory : HelpCenterFactory, IAsyncLifetime
{
    private SmtpServer? _smtp;

    public SmtpServer Smtp => _smtp ?? throw new InvalidOperationException("The SMTP server starts in InitializeAsync.");

    /// <summary>Limits for the tests that measure them; the others get out of the way.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["HelpCenter:Mail:SmtpHost"] = "127.0.0.1",
                ["HelpCenter:Mail:SmtpPort"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HelpCenter:Mail:Security"] = "None",
                ["HelpCenter:Mail:PublicBaseUrl"] = "http://localhost",
                ["HelpCenter:Accounts:SeedDevelopmentAccounts"] = "true",
                ["HelpCenter:Accounts:SignInPermitsPerIp"] = "100000",
                ["HelpCenter:Accounts:AccountMailPermitsPerIp"] = "100000",
                ["HelpCenter:Mail:PermitsPerRecipientPerHour"] = "10000",
            };
            foreach (var (key, value) in ExtraSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    public virtual async Task InitializeAsync() => _smtp = await SmtpServer.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposeServersAsync();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    /// <summary>Stops the extra servers a subclass started.</summary>
    protected virtual Task DisposeServersAsync() => Task.CompletedTask;

    /// <summary>The password of the seeded development accounts.</summary>
    public static string DevelopmentPassword => AccountSeeder.DevelopmentPassword;
}
