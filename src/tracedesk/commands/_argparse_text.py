"""argparse's own sentences (usage, "the following arguments are required" ...) in the chosen language.

argparse asks the standard gettext for its texts, and Python ships no Chinese catalog for it:
these are the ones a user meets, keyed by argparse's English text. `install(language)` makes
argparse use them for the rest of the run.
"""

from __future__ import annotations

import argparse

from tracedesk.core.messages import CHINESE

ZH = {
    "usage: ": "用法：",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了显式参数 %r",
    "the following arguments are required: %s": "缺少以下必需参数：%s",
    "one of the arguments %s is required": "必须提供以下参数之一：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
}


def _english(text: str) -> str:
    return text


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def install(language: str) -> None:
    """Make argparse speak `language` for the rest of the process (English restores its own texts)."""
    if language != CHINESE:
        # argparse's own English: what gettext answers when no catalog is installed (Python
        # ships none for argparse), without searching the locale folders for one per text.
        argparse._ = _english  # type: ignore[attr-defined]
        argparse.ngettext = _english_plural  # type: ignore[attr-defined]
        return

    def translate(text: str) -> str:
        return ZH.get(text, text)

    def translate_plural(singular: str, plural: str, count: int) -> str:
        return ZH.get(singular if count == 1 else plural, singular if count == 1 else plural)

    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
