namespace Kiln.Inference.Hosting;

/// <summary>Where the service's model is in its life.</summary>
public enum ModelState { Loading, Ready, Failed, Stopping }
