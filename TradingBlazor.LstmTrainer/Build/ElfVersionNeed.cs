using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one version need of an ELF64 little-endian shared library weak (VER_FLG_WEAK in a .gnu.version_r entry),
/// in place. Already weak or not needed at all: nothing changes. Anything else unexpected fails the build.
/// </summary>
public sealed class WeakenElfVersionNeed : Task
{
    private const uint VersionNeedSection = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort WeakFlag = 0x2; // VER_FLG_WEAK

    [Required] public string Library { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(Library))
        {
            Log.LogError($"WeakenElfVersionNeed: {Library} does not exist; the TorchSharp package layout changed.");
            return false;
        }
        try
        {
            var bytes = File.ReadAllBytes(Library);
            var outcome = Weaken(bytes, Version);
            if (outcome == "patched") File.WriteAllBytes(Library, bytes);
            Log.LogMessage(MessageImportance.Normal, $"WeakenElfVersionNeed: {Version} in {Path.GetFileName(Library)}: {outcome}");
            return true;
        }
        catch (InvalidDataException ex)
        {
            Log.LogError($"WeakenElfVersionNeed: {Library} is not the ELF layout expected ({ex.Message}); see docs/ml.md (the GLIBCXX trap).");
            return false;
        }
    }

    /// <summary>"patched", "already weak" or "not needed".</summary>
    public static string Weaken(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') throw new InvalidDataException("no ELF magic");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not 64-bit little-endian");
        long sectionTable = Long(elf, 0x28);
        int entrySize = Short(elf, 0x3a), sections = Short(elf, 0x3c);
        if (entrySize != 64 || sections == 0 || sectionTable + (long)sections * entrySize > elf.Length) throw new InvalidDataException("bad section header table");
        for (int s = 0; s < sections; s++)
        {
            long header = sectionTable + (long)s * entrySize;
            if (Int(elf, header + 4) != VersionNeedSection) continue;
            long offset = Long(elf, header + 0x18), size = Long(elf, header + 0x20);
            uint stringsIndex = Int(elf, header + 0x28), needs = Int(elf, header + 0x2c);
            if (stringsIndex >= sections || offset + size > elf.Length) throw new InvalidDataException(".gnu.version_r points outside the file");
            long strings = Long(elf, sectionTable + stringsIndex * entrySize + 0x18);
            long need = offset;
            for (uint n = 0; n < needs; n++)
            {
                int count = Short(elf, need + 2);
                long aux = need + Int(elf, need + 8);
                for (int a = 0; a < count; a++)
                {
                    if (aux < offset || aux + 16 > offset + size) throw new InvalidDataException("version need entry outside .gnu.version_r");
                    if (Name(elf, strings + Int(elf, aux + 8)) == version)
                    {
                        int flags = Short(elf, aux + 4);
                        if ((flags & WeakFlag) != 0) return "already weak";
                        flags |= WeakFlag;
                        elf[aux + 4] = (byte)flags;
                        elf[aux + 5] = (byte)(flags >> 8);
                        return "patched";
                    }
                    aux += Int(elf, aux + 12);
                }
                uint next = Int(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
            return "not needed";
        }
        throw new InvalidDataException("no .gnu.version_r section");
    }

    private static int Short(byte[] b, long at) => b[at] | b[at + 1] << 8;
    private static uint Int(byte[] b, long at) => BitConverter.ToUInt32(b, checked((int)at));
    private static long Long(byte[] b, long at) => BitConverter.ToInt64(b, checked((int)at));

    private static string Name(byte[] b, long at)
    {
        if (at < 0 || at >= b.Length) throw new InvalidDataException("version name outside the file");
        int end = Array.IndexOf(b, (byte)0, checked((int)at));
        if (end < 0) throw new InvalidDataException("unterminated version name");
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }
}
