using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>
/// A WebAuthn authenticator in software (ES256, "none" attestation), so that the passkey pages can be driven through
/// HTTP as a browser would drive them: it answers the server's creation and request options with what a platform
/// authenticator would send, with or without user verification.
/// </summary>
public sealed class SoftwareAuthenticator(string origin = "http://localhost") : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _credentialId = RandomNumberGenerator.GetBytes(16);
    private byte[] _userHandle = [];
    private uint _signCount;

    public string CredentialId => WebEncoders.Base64UrlEncode(_credentialId);

    /// <summary>The credential public key as COSE (what the server stores).</summary>
    public byte[] CosePublicKey
    {
        get
        {
            var point = _key.ExportParameters(false).Q;
            return Cbor.Map(
                (Cbor.Int(1), Cbor.Int(2)),      // kty: EC2
                (Cbor.Int(3), Cbor.Int(-7)),     // alg: ES256
                (Cbor.Int(-1), Cbor.Int(1)),     // crv: P-256
                (Cbor.Int(-2), Cbor.Bytes(point.X!)),
                (Cbor.Int(-3), Cbor.Bytes(point.Y!)));
        }
    }

    /// <summary>navigator.credentials.create() for the server's creation options.</summary>
    public string Create(string creationOptionsJson, bool userVerified = true)
    {
        var options = JsonNode.Parse(creationOptionsJson)!;
        var rpId = options["rp"]!["id"]!.GetValue<string>();
        _userHandle = WebEncoders.Base64UrlDecode(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", options["challenge"]!.GetValue<string>());
        byte[] attested = [.. new byte[16], (byte)(_credentialId.Length >> 8), (byte)_credentialId.Length, .. _credentialId, .. CosePublicKey];
        var authenticatorData = AuthenticatorData(rpId, (byte)(UserPresent | AttestedData | (userVerified ? UserVerified : 0)), attested);
        var attestationObject = Cbor.Map(
            (Cbor.Text("fmt"), Cbor.Text("none")),
            (Cbor.Text("attStmt"), Cbor.Map()),
            (Cbor.Text("authData"), Cbor.Bytes(authenticatorData)));
        return JsonSerializer.Serialize(new
        {
            id = CredentialId,
            rawId = CredentialId,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                attestationObject = WebEncoders.Base64UrlEncode(attestationObject),
                transports = new[] { "internal" },
            },
        });
    }

    /// <summary>navigator.credentials.get() for the server's request options.</summary>
    public string Get(string requestOptionsJson, bool userVerified = true, byte[]? userHandle = null)
    {
        var options = JsonNode.Parse(requestOptionsJson)!;
        var rpId = options["rpId"]!.GetValue<string>();
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        var authenticatorData = AuthenticatorData(rpId, (byte)(UserPresent | (userVerified ? UserVerified : 0)), []);
        byte[] signed = [.. authenticatorData, .. SHA256.HashData(clientData)];
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = CredentialId,
            rawId = CredentialId,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                authenticatorData = WebEncoders.Base64UrlEncode(authenticatorData),
                signature = WebEncoders.Base64UrlEncode(signature),
                userHandle = WebEncoders.Base64UrlEncode(userHandle ?? _userHandle),
            },
        });
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte flags, byte[] attested)
    {
        _signCount++;
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, (byte)(_signCount >> 24), (byte)(_signCount >> 16), (byte)(_signCount >> 8), (byte)_signCount, .. attested];
    }

    /// <summary>The little CBOR (RFC 8949) a "none" attestation and a COSE key need.</summary>
    private static class Cbor
    {
        public static byte[] Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => [.. Head(2, (ulong)value.Length), .. value];

        public static byte[] Text(string value) => [.. Head(3, (ulong)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            [.. Head(5, (ulong)entries.Length), .. entries.SelectMany(e => e.Key.Concat(e.Value))];

        private static byte[] Head(byte major, ulong value) => value switch
        {
            < 24 => [(byte)((major << 5) | (byte)value)],
            <= byte.MaxValue => [(byte)((major << 5) | 24), (byte)value],
            _ => [(byte)((major << 5) | 25), (byte)(value >> 8), (byte)value],
        };
    }
}
