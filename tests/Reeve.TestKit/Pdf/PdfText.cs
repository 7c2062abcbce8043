using System.ComponentModel;
using System.Diagnostics;

namespace Reeve.TestKit;

/// <summary>
/// The text poppler-utils' pdftotext reads from a PDF: what a person (or a screen reader) gets back from a letter.
/// A machine without pdftotext fails the test that asks, rather than passing it having checked nothing.
/// </summary>
public static class PdfText
{
    public static string Read(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reeve-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Start(file);
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pdftotext could not read the PDF (exit code {process.ExitCode}): {error}");
            }

            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Process Start(string file)
    {
        try
        {
            return Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("pdftotext did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "pdftotext is not installed, so what this PDF says cannot be checked: install poppler-utils (apt-get install poppler-utils), as CI does", e);
        }
    }
}
