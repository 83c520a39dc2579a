using System.Runtime.InteropServices;

namespace PipelineDsl.Hosting.Containers;

/// <summary>
/// The user containers run as: the host's own <c>UID:GID</c>, so what a node writes to the mounted store belongs to
/// whoever runs the pipeline; <see langword="null"/> (the image's root) when that is root already or not on Unix.
/// </summary>
internal static class HostUser
{
    public static string? ContainerUser()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        var uid = GetEffectiveUserId();
        return uid == 0 ? null : $"{uid}:{GetEffectiveGroupId()}";
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "getegid")]
    private static extern uint GetEffectiveGroupId();
}
