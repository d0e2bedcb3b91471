"""Translations: the app's own (.qm built from resources/i18n/*.ts) and Qt's (qtbase_zh_CN).

Source strings are English; Simplified Chinese is the default language. Switching installs
or removes the translators; Qt then sends every widget a LanguageChange event and each
widget sets its texts again (``retranslate``).

Updating the translation after changing UI strings (tests/gui/test_i18n.py checks both)::

    pyside6-lupdate -locations none yearbook_editor/gui/*.py yearbook_editor/gui/controllers/*.py \\
        -ts resources/i18n/yearbook_editor_zh_CN.ts -no-obsolete
    # translate the new <message>s (Qt Linguist: pyside6-linguist, or by hand), then
    pyside6-lrelease resources/i18n/yearbook_editor_zh_CN.ts -qm yearbook_editor/resources/i18n/yearbook_editor_zh_CN.qm
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .assets import I18N

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def app_qm(lang: str):
    return I18N / f"yearbook_editor_{lang}.qm"


def install_translators(app: QCoreApplication, lang: str) -> bool:
    """Install the translators for ``lang`` (removing the previous ones). False when the
    app's translation file could not be loaded (the English source texts are shown)."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    ok = True
    mine = QTranslator(app)
    if mine.load(str(app_qm(lang))):
        app.installTranslator(mine)
        _installed.append(mine)
    else:
        ok = False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(lang))
    return ok
