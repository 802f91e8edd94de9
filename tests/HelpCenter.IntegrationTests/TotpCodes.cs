using System.Collections.Concurrent;
using OtpNet;

namespace HelpCenter.IntegrationTests;

/// <summary>
/// Authenticator codes as a person would type them, given that the site takes each code once per account and only
/// codes of a later time step than the last one it took (one step either side of its clock). Several sign-ins of one
/// account within seconds use the next step's code, and wait for a new step when both are used up.
/// </summary>
public static class TotpCodes
{
    private const int StepSeconds = 30;
    private static readonly ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>A code of <paramref name="key"/> that the site (<paramref name="site"/>: one database) has not yet seen
    /// for any of <paramref name="accounts"/> (an address, and the key itself when it belongs to one account only).</summary>
    public static async Task<string> NextAsync(string site, string key, params string[] accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var totp = new Totp(Base32Encoding.ToBytes(key));
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
            lock (LastStep)
            {
                var last = accounts.Select(a => LastStep.TryGetValue(site + "|" + a, out var step) ? step : long.MinValue).Max();
                var next = Math.Max(now, last + 1);
                if (next <= now + 1)
                {
                    foreach (var account in accounts)
                    {
                        LastStep[site + "|" + account] = next;
                    }

                    return totp.ComputeTotp(DateTime.UnixEpoch.AddSeconds(next * StepSeconds));
                }
            }

            var untilNextStep = ((now + 1) * StepSeconds) - DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, untilNextStep)));
        }
    }
}
