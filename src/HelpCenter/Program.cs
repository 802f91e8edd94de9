using HelpCenter.Accounts;
using HelpCenter.Analytics;
using HelpCenter.Articles;
using HelpCenter.Audit;
using HelpCenter.Chat;
using HelpCenter.Contact;
using HelpCenter.Editor;
using HelpCenter.Feedback;
using HelpCenter.Health;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Infrastructure.Distributed;
using HelpCenter.Insights;
using HelpCenter.Localization;
using HelpCenter.Mail;
using HelpCenter.Requests;
using HelpCenter.Search;
using HelpCenter.Seo;

if (args is [CheckContentCommand.Name, .. var rest])
{
    return CheckContentCommand.Run(rest, Console.Out);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(SiteRoot.Find(), "wwwroot"),
});

builder.AddSite();
builder.AddDistributed();
builder.AddSiteLocalization();
builder.AddDatabase();
builder.AddMail();
builder.AddAudit();
builder.AddAnalytics();
builder.AddAccounts();
builder.AddRequests();
builder.AddContact();
builder.AddChat();
builder.AddArticles();
builder.AddFeedback();
builder.AddSearch();
builder.AddEditor();
builder.AddInsights();
builder.AddHealth();

var app = builder.Build();
if (args is [RebuildIndexCommand.Name, ..])
{
    await app.Services.LoadContentAsync();
    return RebuildIndexCommand.Run(app.Services, Console.Out);
}

if (args is [ExportContentCommand.Name, ..])
{
    return await ExportContentCommand.RunAsync(app.Services, args, Console.Out);
}

if (args is [CreateAdminCommand.Name, ..])
{
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
}

app.UseSite();
app.MapRazorPages();
app.MapHealth();
app.MapSearch();
app.MapSeo();
app.MapContact();
app.MapChat();
app.MapEditor();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so that integration tests can host the app.</summary>
public partial class Program;
