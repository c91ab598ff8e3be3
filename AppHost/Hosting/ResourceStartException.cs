namespace Kiln.AppHost.Hosting;

/// <summary>A resource could not be started; the message says why in one line.</summary>
public sealed class ResourceStartException : Exception
{
    public ResourceStartException() { }

    public ResourceStartException(string message) : base(message) { }

    public ResourceStartException(string message, Exception inner) : base(message, inner) { }
}
