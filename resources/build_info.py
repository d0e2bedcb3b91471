"""What the installers say about the program: names, version resource, Info.plist.

Read by build.spec (PyInstaller) and by tests/test_packaging.py; plain data, no PyInstaller.
"""

from __future__ import annotations

import re

#: the console program (the command line; with no command it opens the desktop app)
CLI_NAME = "yearbook-editor"
#: the windowed desktop program on Windows and Linux, and the macOS application's name
GUI_NAME = "年鉴校对台"
#: the one-folder build in dist/
FOLDER_NAME = "yearbook-editor"
BUNDLE_ID = "org.yearbook-editor.workbench"
PUBLISHER = "年鉴校对台 yearbook_editor"
DESCRIPTION = "年鉴校对台：地方年鉴校对工作台"
COPYRIGHT = "MIT License"
MACOS_MINIMUM = "13.0"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0); '1.2rc1' → (1, 2, 0, 0): the four numbers Windows keeps."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    if not numbers or not re.match(r"\d", version):
        raise ValueError(f"not a version: {version!r}")
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_info(version: str, program: str, description: str) -> str:
    """The version resource of one Windows program, in the text form PyInstaller reads
    (``EXE(version=FILE)``): file and product version from yearbook_editor.__version__,
    strings in Simplified Chinese (language 0x0804, Unicode 1200)."""
    v = version_tuple(version)
    strings = [
        ("CompanyName", PUBLISHER),
        ("FileDescription", description),
        ("FileVersion", version),
        ("InternalName", program),
        ("LegalCopyright", COPYRIGHT),
        ("OriginalFilename", f"{program}.exe"),
        ("ProductName", GUI_NAME),
        ("ProductVersion", version),
    ]
    table = ",\n".join(f"          StringStruct({k!r}, {val!r})" for k, val in strings)
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={v!r}, prodvers={v!r}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""


def info_plist(version: str) -> dict:
    """Info.plist entries of the macOS application (PyInstaller adds CFBundleExecutable,
    CFBundleIconFile, CFBundleIdentifier, CFBundleName, CFBundleShortVersionString)."""
    return {
        "CFBundleDisplayName": GUI_NAME,
        "CFBundleName": GUI_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "zh_CN",
        "CFBundleLocalizations": ["zh_CN", "en"],
        "CFBundleAllowMixedLocalizations": True,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": COPYRIGHT,
    }
