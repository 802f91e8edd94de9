using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>
/// The reverse proxies in front of the site, bound from <c>HelpCenter:Proxy</c>. Only requests arriving from these
/// addresses may say, with <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who the client is and that it came over
/// HTTPS: rate limits, sign-in history and the audit log then see the customer's address, not the proxy's. Empty (the
/// default): the headers are ignored, which is right when Kestrel faces the network itself.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "HelpCenter:Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. <c>172.16.0.0/12</c> (a container network).</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Configured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public static void AddProxy(IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "HelpCenter:Proxy:KnownProxies must hold IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "HelpCenter:Proxy:KnownNetworks must hold networks in CIDR form (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme.</summary>
    public static void UseProxy(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Configured)
        {
            app.UseForwardedHeaders();
        }
    }
}
