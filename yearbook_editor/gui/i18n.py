"""Translations: the app's own (.qm built from resources/i18n/*.ts) and Qt's (qtbase_zh_CN).

Source strings are English; Simplified Chinese is the default language. Switching installs
or removes the translators; Qt then sends every widget a LanguageChange event and each
widget sets its texts again (``retranslate``).

Qt's own dialogs (file, colour and font dialogs, message box buttons, text context menus) are
translated by Qt's ``qtbase_zh_CN.qm``, found where ``QLibraryInfo`` says Qt's translations are
(in the frozen build PySide6 points it at the bundled ``PySide6/Qt/translations``, which
build.spec keeps), else in the PySide6 package itself. The few Qt texts that catalogue leaves in
English (``&Look in:``, ``Files of &type:`` of the file dialog …) come from
``resources/i18n/qt_extra_zh_CN.ts``, built into ``qt_extra_zh_CN.qm`` beside the app's own.

Updating the translation after changing UI strings (tests/gui/test_i18n.py checks both)::

    pyside6-lupdate -locations none yearbook_editor/gui/*.py yearbook_editor/gui/controllers/*.py \\
        -ts resources/i18n/yearbook_editor_zh_CN.ts -no-obsolete
    # translate the new <message>s (Qt Linguist: pyside6-linguist, or by hand), then
    pyside6-lrelease resources/i18n/yearbook_editor_zh_CN.ts -qm yearbook_editor/resources/i18n/yearbook_editor_zh_CN.qm
    pyside6-lrelease resources/i18n/qt_extra_zh_CN.ts -qm yearbook_editor/resources/i18n/qt_extra_zh_CN.qm
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .assets import I18N

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
#: the catalogues installed for the current language ("app", "qtbase", "qt_extra")
loaded: list[str] = []


def app_qm(lang: str):
    return I18N / f"yearbook_editor_{lang}.qm"


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues may be: Qt's configured path first, then the PySide6 package's
    folders (wheel layouts: ``Qt/translations`` on Linux and macOS, ``translations`` on Windows)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            str(package / "Qt" / "translations"), str(package / "translations")]
    return list(dict.fromkeys(d for d in dirs if d))


def _load_qt(app: QCoreApplication, name: str) -> bool:
    t = QTranslator(app)
    for folder in qt_translation_dirs():
        if t.load(name, folder):
            app.installTranslator(t)
            _installed.append(t)
            return True
    t.deleteLater()
    return False


def _install(app: QCoreApplication, path: Path, key: str) -> bool:
    t = QTranslator(app)
    if not t.load(str(path)):
        return False
    app.installTranslator(t)
    _installed.append(t)
    loaded.append(key)
    return True


def install_translators(app: QCoreApplication, lang: str) -> bool:
    """Install the translators for ``lang`` (removing the previous ones). False when the
    app's translation file could not be loaded (the English source texts are shown)."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    loaded.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    ok = _install(app, app_qm(lang), "app")
    if _load_qt(app, f"qtbase_{lang}"):
        loaded.append("qtbase")
    # searched before qtbase (the last installed is asked first): only texts qtbase leaves out
    _install(app, I18N / f"qt_extra_{lang}.qm", "qt_extra")
    QLocale.setDefault(QLocale(lang))
    return ok
