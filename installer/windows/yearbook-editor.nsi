; 年鉴校对台 — Windows installer (NSIS 3, Unicode, Simplified Chinese). UTF-8 with a BOM: makensis on
; Windows reads a script without one in the ANSI code page.
;
; Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs\年鉴校对台, makes
; Start-menu and desktop shortcuts to the desktop program (年鉴校对台.exe), registers the
; uninstaller under HKCU. The console program yearbook-editor.exe (the command line) sits beside
; it. Refuses to run below Windows 10 1809 (build 17763) or on 32-bit Windows.
;
; Built by scripts/build-windows.ps1 (and CI) from the PyInstaller folder:
;   makensis /DVERSION=0.1.0 /DSOURCE=dist\yearbook-editor /DOUTFILE=dist\年鉴校对台-0.1.0-安装程序.exe ^
;            installer\windows\yearbook-editor.nsi
; makensis also runs on Linux (apt-get install nsis), which tests/test_installer.py uses to
; check this script.

Unicode true
ManifestDPIAware true
ManifestSupportedOS Win10
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !error "makensis /DVERSION=x.y.z is required"
!endif
!ifndef SOURCE
  !define SOURCE "..\..\dist\yearbook-editor"
!endif
!ifndef OUTFILE
  !define OUTFILE "年鉴校对台-${VERSION}-安装程序.exe"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif

!define APPNAME "年鉴校对台"
!define GUIEXE "年鉴校对台.exe"
!define CLIEXE "yearbook-editor.exe"
!define PUBLISHER "年鉴校对台 yearbook_editor"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\yearbook-editor"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "..\..\resources\app.ico"
!define MUI_UNICON "..\..\resources\app.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUIEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开年鉴校对台"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "年鉴校对台需要 64 位的 Windows 10（1809 或更新版本）或 Windows 11。"
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "年鉴校对台需要 Windows 10 1809 或更新的版本，请先更新 Windows。"
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "年鉴校对台" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; a program still running would keep its files: say so instead of failing half-way
  ${If} ${FileExists} "$INSTDIR\${GUIEXE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${GUIEXE}" a
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONEXCLAMATION "年鉴校对台正在运行，请先关闭它再安装。"
      Abort
    ${EndIf}
    FileClose $0
    RMDir /r "$INSTDIR\_internal"  ; the files of the previous version
  ${EndIf}
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\卸载年鉴校对台.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\${GUIEXE}" "" "$INSTDIR\${GUIEXE}" 0
  CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\卸载年鉴校对台.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${GUIEXE}" "" "$INSTDIR\${GUIEXE}" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${GUIEXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\卸载年鉴校对台.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\卸载年鉴校对台.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ; the program folder only: the editors' stores, settings and backups live in their own
  ; folders (%LOCALAPPDATA%\yearbook_editor and wherever they saved them) and stay
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUIEXE}"
  Delete "$INSTDIR\${CLIEXE}"
  Delete "$INSTDIR\卸载年鉴校对台.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
