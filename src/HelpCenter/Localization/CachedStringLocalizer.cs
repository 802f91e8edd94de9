using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Localization;

/// <summary>
/// The site's <see cref="IStringLocalizerFactory"/>: ASP.NET Core's resource-file localizers, with each string kept once
/// found. A page reads dozens of strings, and every <see cref="System.Resources.ResourceManager"/> lookup walks the
/// culture fallback under a lock shared by all requests: under load the rendered pages spent a fifth of their time
/// there (profile in docs/benchmarks.md). The resources are compiled into the app, so a string found once never changes.
/// </summary>
public sealed class CachedStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);
    private readonly ConcurrentDictionary<(Type?, string, string), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, "", ""), key => new CachedStringLocalizer(_inner.Create(key.Item1!)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((null, baseName, location), key => new CachedStringLocalizer(_inner.Create(key.Item2, key.Item3)));
}

/// <summary>One resource's strings per UI culture and name, looked up once; formatted with arguments on each use.</summary>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name] =>
        _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), key => inner[key.Name]);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound, template.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
