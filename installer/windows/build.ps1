# Build the Windows installer: PyInstaller one-folder app, then Inno Setup 6.
#
# usage (PowerShell, from the repository root, with .venv set up and Inno Setup installed):
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Output: dist\seb-launcher-<version>-setup.exe
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

$Py = Join-Path $Root ".venv\Scripts\python.exe"
& $Py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $Py -m pip install -q pyinstaller }

$Version = (Select-String -Path "launcher\__init__.py" -Pattern '^__version__ = "(.*)"').Matches[0].Groups[1].Value
& $Py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\pyinstaller\seb-launcher.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$Iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" "/DDistDir=$Root\dist\seb-launcher" "installer\windows\seb-launcher.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Output "dist\seb-launcher-$Version-setup.exe"
