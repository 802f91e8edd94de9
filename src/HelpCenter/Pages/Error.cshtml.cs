using HelpCenter.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string CorrelationId { get; private set; } = "";

    public void OnGet() => Record();

    public void OnPost() => Record();

    private void Record()
    {
        CorrelationId = HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            // The exception handler middleware logs the exception itself; this line ties it to the page shown.
            // The path comes from the visitor: %0D%0A in a URL decodes to a line break.
            logger.LogInformation("Error page shown for {Path} with correlation id {CorrelationId}", LogText.Safe(failure.Path), CorrelationId);
        }
    }
}
