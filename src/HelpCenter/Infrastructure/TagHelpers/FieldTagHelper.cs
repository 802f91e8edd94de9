using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Infrastructure.TagHelpers;

/// <summary>
/// One form field the same way everywhere: label, input, optional hint and the field's error, linked with
/// <c>aria-describedby</c> and marked <c>aria-invalid</c> when the value was rejected. The input keeps what the
/// visitor typed (except passwords). Usage: <c>&lt;field for="Input.Email" label="Account.Email" type="email" autocomplete="username" /&gt;</c>.
/// </summary>
[HtmlTargetElement("field", Attributes = "for,label", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator, IStringLocalizer<Localization.SharedResource> localizer) : TagHelper
{
    public ModelExpression For { get; set; } = default!;

    /// <summary>Resource key of the label.</summary>
    public string Label { get; set; } = "";

    /// <summary>Resource key of a hint shown under the input.</summary>
    public string? Hint { get; set; }

    /// <summary>text, email, password, tel, textarea...</summary>
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public int? Maxlength { get; set; }

    public bool Autofocus { get; set; }

    [HtmlAttributeNotBound, ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var hasError = ViewContext.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0;
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", hasError ? id + "-error" : null }.Where(s => s is not null));

        TagBuilder input;
        if (Type == "textarea")
        {
            input = generator.GenerateTextArea(ViewContext, For.ModelExplorer, name, rows: 6, columns: 0, htmlAttributes: null);
        }
        else if (Type == "password")
        {
            // Passwords are never sent back to the browser, even after a rejected form.
            input = generator.GeneratePassword(ViewContext, For.ModelExplorer, name, value: null, htmlAttributes: null);
        }
        else
        {
            input = generator.GenerateTextBox(ViewContext, For.ModelExplorer, name, For.Model, format: null, htmlAttributes: new { type = Type });
        }

        input.Attributes.Remove("data-val");
        foreach (var key in input.Attributes.Keys.Where(k => k.StartsWith("data-val-", StringComparison.Ordinal)).ToList())
        {
            input.Attributes.Remove(key);
        }

        Set(input, "autocomplete", Autocomplete);
        Set(input, "inputmode", Inputmode);
        Set(input, "maxlength", Maxlength?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(input, "aria-describedby", describedBy.Length > 0 ? describedBy : null);
        Set(input, "aria-invalid", hasError ? "true" : null);
        Set(input, "autofocus", Autofocus ? "autofocus" : null);
        if (For.Metadata.IsRequired && Type != "checkbox")
        {
            input.Attributes["aria-required"] = "true";
        }

        var content = new HtmlContentBuilder();
        content.AppendHtml($"<label for=\"{id}\">");
        content.Append(localizer[Label].Value);
        content.AppendHtml("</label>");
        content.AppendHtml(input);
        if (Hint is not null)
        {
            content.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">");
            content.Append(localizer[Hint].Value);
            content.AppendHtml("</p>");
        }

        if (hasError)
        {
            content.AppendHtml($"<p class=\"field-error\" id=\"{id}-error\">");
            content.Append(entry!.Errors[0].ErrorMessage);
            content.AppendHtml("</p>");
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", hasError ? "field has-error" : "field");
        output.Content.SetHtmlContent(content);
    }

    private static void Set(TagBuilder tag, string name, string? value)
    {
        if (value is not null)
        {
            tag.Attributes[name] = value;
        }
    }
}
