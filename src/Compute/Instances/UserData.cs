namespace StandardsCloud.Compute.Instances;

/// <summary>Why user data cannot be given to a guest: not base64 at all, or too large once decoded.</summary>
public sealed record UserDataProblem(bool NotBase64, string Reason);

/// <summary>The user data an instance takes: base64, as every protocol carries it, and at most 16 KiB decoded (EC2's limit).</summary>
public static class UserData
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>What is wrong with <paramref name="userData"/>, or null when a guest can have it.</summary>
    public static UserDataProblem? ProblemOf(string? userData)
    {
        if (userData is null)
        {
            return null;
        }

        var bytes = new byte[(userData.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(userData, bytes, out var length))
        {
            return new UserDataProblem(NotBase64: true, "User data must be base64-encoded");
        }

        return length > MaxBytes ? new UserDataProblem(NotBase64: false, $"User data is limited to {MaxBytes} bytes; this is {length}") : null;
    }
}
