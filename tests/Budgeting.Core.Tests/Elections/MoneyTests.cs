using Budgeting.Elections;

namespace Budgeting.Core.Tests.Elections;

public sealed class MoneyTests
{
    // Amounts are whole numbers of the smallest unit: EUR has 2 decimals (cents), JPY none, KWD 3 (fils).
    [TestCase(40_000_000L, "EUR", "400,000.00 EUR")]
    [TestCase(5L, "EUR", "0.05 EUR")]
    [TestCase(-1_250L, "usd", "-12.50 USD")]
    [TestCase(1_234_567L, "JPY", "1,234,567 JPY")]
    [TestCase(1_234_567L, "KWD", "1,234.567 KWD")]
    [TestCase(1_234_567L, null, "1,234,567")]
    public void Amounts_are_shown_with_the_currency_s_decimals(long amount, string? currency, string expected) =>
        Assert.That(Money.Format(amount, currency), Is.EqualTo(expected));
}
