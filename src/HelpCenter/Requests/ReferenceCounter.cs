using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Requests;

/// <summary>The last reference number given out on a day (<c>HC-yyyyMMdd-NNNN</c>), one row per day. Requests
/// starting at the same moment take consecutive numbers from it instead of racing for the same one.</summary>
public sealed class ReferenceCounter
{
    /// <summary>yyyyMMdd in the site's time zone.</summary>
    public required string Day { get; set; }

    public int Last { get; set; }
}

internal sealed class ReferenceCounterConfiguration : IEntityTypeConfiguration<ReferenceCounter>
{
    public void Configure(EntityTypeBuilder<ReferenceCounter> builder)
    {
        builder.HasKey(c => c.Day);
        builder.Property(c => c.Day).HasMaxLength(8);
    }
}
