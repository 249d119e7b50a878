using System.Security.Cryptography;
using System.Text;
using TradingBlazor.Security;

namespace TradingBlazor.Tests.Security;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void A_key_is_the_marker_and_256_random_bits_in_base64url()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeySecret.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k =>
        {
            Assert.Equal(ApiKeySecret.Length, k.Length);
            Assert.StartsWith("tb_", k);
            Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(k.AsSpan(3)).Length);
            Assert.True(ApiKeySecret.LooksLikeKey(k));
        });
    }

    [Fact]
    public void The_stored_hash_is_the_keys_sha256_and_the_prefix_its_first_characters()
    {
        var key = ApiKeySecret.Generate();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), ApiKeySecret.Hash(key));
        Assert.Equal(key[..11], ApiKeySecret.Prefix(key));
        Assert.True(ApiKeySecret.Matches(key, ApiKeySecret.Hash(key)));
        Assert.False(ApiKeySecret.Matches(key, ApiKeySecret.Hash(ApiKeySecret.Generate())));
        Assert.False(ApiKeySecret.Matches(key, ApiKeySecret.Hash(key)[..10]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tb_short")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("tb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("tb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Text_without_a_keys_shape_is_refused_before_any_lookup(string text)
    {
        Assert.False(ApiKeySecret.LooksLikeKey(text));
    }
}
