using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// A <see cref="DateTimeOffset"/> stored as UTC ticks: SQLite keeps DateTimeOffset as text and cannot compare it in
/// SQL, while throttles and claims ("not within the last hour") must decide in one conditional UPDATE.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
