namespace HelpCenter.Feedback;

public static class FeedbackExtensions
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FeedbackService>();
        return builder;
    }
}
