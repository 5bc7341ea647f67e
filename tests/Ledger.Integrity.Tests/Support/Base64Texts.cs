namespace Ledger.Integrity.Tests.Support;

public static class Base64Texts
{
    /// <summary>
    /// A 32-byte hash's base64 (43 digits and one '=') written another way: one of the two bits its last digit
    /// carries but no byte uses is flipped, so the text decodes to the same bytes. Letters and figures pair with
    /// letters and figures, so a digit that needed no escape in JSON still needs none.
    /// </summary>
    public static string NonCanonical(string base64)
    {
        base64.ShouldEndWith("=");
        base64[^2].ShouldNotBe('=');
        return base64[..^2] + Digits[Digits.IndexOf(base64[^2], StringComparison.Ordinal) ^ 1] + "=";
    }

    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}
