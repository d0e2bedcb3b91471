# Build 年鉴校对台 on Windows in PowerShell (no Git Bash needed): virtualenv, PyInstaller
# one-folder build, smoke test of both programs, portable zip and installer. This file is
# UTF-8 with a BOM: Windows PowerShell 5.1 reads a file without one in the ANSI code page.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1 -SkipInstall   # reuse .venv as it is
#
# Needs Python 3.11 x64 (python.org installer, with the py launcher) and, for the installer,
# NSIS 3 (makensis on PATH or in its default folder). Windows 10 1809+ x64.
# Output in dist\: yearbook-editor\ (the folder), 年鉴校对台-<version>-windows-x64-便携版.zip,
# 年鉴校对台-<version>-安装程序.exe. Signing: with WINDOWS_SIGN_PFX (a .pfx file) and
# WINDOWS_SIGN_PASSWORD set, the programs and the installer are signed with signtool.
param([switch]$SkipInstall)
$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = Join-Path $Root ".venv"
$Py = Join-Path $Venv "Scripts\python.exe"

function Say($text) { Write-Host "build: $text" }
function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path $Py)) {
    Say "creating the virtualenv .venv"
    $launcher = Get-Command py -ErrorAction SilentlyContinue
    if ($launcher) { Run "py" @("-3.11", "-m", "venv", $Venv) } else { Run "python" @("-m", "venv", $Venv) }
}
if (-not $SkipInstall) {
    Say "installing yearbook-editor and its Python packages (pip install -e .[dev])"
    $env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
    Run $Py @("-m", "pip", "install", "--quiet", "-e", ".[dev]")
}
$Version = (& $Py -c "import yearbook_editor; print(yearbook_editor.__version__)").Trim()
$Dist = Join-Path $Root "dist"
$Folder = Join-Path $Dist "yearbook-editor"

Say "PyInstaller build of $Version"
Run $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", $Dist,
          "--workpath", (Join-Path $Root "build"), "build.spec")
$size = (Get-ChildItem $Folder -Recurse -File | Measure-Object -Property Length -Sum).Sum
Say ("{0:N0} MB in {1}" -f ($size / 1MB), $Folder)

$env:QT_QPA_PLATFORM = "offscreen"
Run (Join-Path $Folder "yearbook-editor.exe") @("--smoke-test")
# the windowed program has no console: it proves itself by drawing its window into a file
$shot = Join-Path $Dist "smoke-window.png"
Remove-Item $shot -ErrorAction SilentlyContinue
$gui = Start-Process -FilePath (Join-Path $Folder "年鉴校对台.exe") -ArgumentList @("--screenshot", "`"$shot`"") -Wait -PassThru
if ($gui.ExitCode -ne 0 -or -not (Test-Path $shot)) { throw "the desktop program did not draw its window (exit code $($gui.ExitCode))" }
Remove-Item $shot
Remove-Item Env:QT_QPA_PLATFORM

function Sign([string[]]$files) {
    if (-not $env:WINDOWS_SIGN_PFX) { Say "not signed (WINDOWS_SIGN_PFX is not set)"; return }
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $signtool) { throw "signtool.exe (Windows SDK) was not found" }
    Run $signtool.FullName (@("sign", "/fd", "SHA256", "/td", "SHA256", "/tr", "http://timestamp.digicert.com",
                              "/f", $env:WINDOWS_SIGN_PFX, "/p", $env:WINDOWS_SIGN_PASSWORD) + $files)
}
Sign @((Join-Path $Folder "yearbook-editor.exe"), (Join-Path $Folder "年鉴校对台.exe"))

$zip = Join-Path $Dist "年鉴校对台-$Version-windows-x64-便携版.zip"
Remove-Item $zip -ErrorAction SilentlyContinue
# Python's zipfile marks the Chinese file names as UTF-8 (Windows PowerShell 5.1's Compress-Archive may not)
Run $Py @("-c", "import shutil, sys; shutil.make_archive(sys.argv[1][:-4], 'zip', sys.argv[2], 'yearbook-editor')", $zip, $Dist)
Say ("portable zip: {0:N1} MB" -f ((Get-Item $zip).Length / 1MB))

$makensis = Get-Command makensis -ErrorAction SilentlyContinue
if (-not $makensis) {
    $default = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe"
    if (Test-Path $default) { $makensis = Get-Item $default }
}
if ($makensis) {
    $setup = Join-Path $Dist "年鉴校对台-$Version-安装程序.exe"
    $nsisPath = if ($makensis.Source) { $makensis.Source } else { $makensis.FullName }
    Run $nsisPath @("-V2", "-DVERSION=$Version", "-DSOURCE=$Folder", "-DOUTFILE=$setup",
                    (Join-Path $Root "installer\windows\yearbook-editor.nsi"))
    Sign @($setup)
    Say ("installer: {0:N1} MB" -f ((Get-Item $setup).Length / 1MB))
} else {
    Say "NSIS (makensis) is not installed: no installer made (winget install NSIS.NSIS)"
}
