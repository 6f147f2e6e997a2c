namespace AkkaApplication;

/// <summary>The application's own remote messages: bound to <see cref="PayloadSerializer"/>, not to Akka's JSON default.</summary>
public interface IPayloadMessage;

/// <summary>A large message for the same actor on another node; <paramref name="Sha256"/> lets the receiver prove it arrived whole.</summary>
public sealed record LargePayload(string From, byte[] Sha256, byte[] Data) : IPayloadMessage;

/// <summary>The receiver's answer: how many bytes arrived, and whether they hash to what the sender said.</summary>
public sealed record PayloadReceived(string By, int Bytes, bool Intact) : IPayloadMessage;
