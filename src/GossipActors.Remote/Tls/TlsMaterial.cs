using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace GossipActors.Remote.Tls;

/// <summary>
/// This node's certificate and the CA that every peer's certificate must chain to. Both sides present and
/// check certificates (mutual TLS); host names are not checked because nodes are identified by the CA, not DNS.
/// </summary>
public sealed class TlsMaterial(X509Certificate2 certificate, X509Certificate2Collection authorities) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public X509Certificate2Collection Authorities { get; } = authorities;

    /// <summary>Loads <c>remote.tls</c>: PEM certificate + key, or a PFX/P12 certificate; CA as PEM (one or more) or DER.</summary>
    public static TlsMaterial Load(TlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrEmpty(settings.Certificate) || string.IsNullOrEmpty(settings.Ca))
        {
            throw new InvalidOperationException("remote.tls.enabled = on needs remote.tls.certificate and remote.tls.ca");
        }

        var certificate = IsPkcs12(settings.Certificate)
            ? X509CertificateLoader.LoadPkcs12FromFile(settings.Certificate, settings.Password)
            : X509Certificate2.CreateFromPemFile(settings.Certificate, settings.Key);
        var authorities = new X509Certificate2Collection();
        if (IsPkcs12(settings.Ca))
        {
            authorities.Add(X509CertificateLoader.LoadPkcs12FromFile(settings.Ca, settings.Password));
        }
        else if (File.ReadAllText(settings.Ca).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            authorities.ImportFromPemFile(settings.Ca);
        }
        else
        {
            authorities.Add(X509CertificateLoader.LoadCertificateFromFile(settings.Ca));
        }

        return new TlsMaterial(certificate, authorities);
    }

    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        RemoteCertificateValidationCallback = (_, cert, _, errors) => Validate(cert, errors, out _),
    };

    public SslClientAuthenticationOptions ClientOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        ClientCertificates = [Certificate],
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        RemoteCertificateValidationCallback = (_, cert, _, errors) => Validate(cert, errors, out _),
    };

    /// <summary>Accepts a certificate only when it chains to one of <see cref="Authorities"/>.</summary>
    public bool Validate(X509Certificate? presented, SslPolicyErrors errors, out string reason)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reason = "peer presented no certificate";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (!chain.Build(certificate))
        {
            reason = $"certificate '{certificate.Subject}' is not signed by the configured CA: " +
                     string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }

        reason = string.Empty;
        return true;
    }

    public void Dispose() => Certificate.Dispose();

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
