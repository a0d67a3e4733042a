"""``jixiao survey import|list|remove|combine``: satisfaction surveys from the command line."""

from __future__ import annotations

import argparse
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from jixiao.cli.common import CommandError, open_file
from jixiao.core import survey as core
from jixiao.core.numbers import fmt2
from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.importers.impact import compare
from jixiao.importers.survey import ImportCancelled, ImportFileError, load_survey
from jixiao.storage import surveys as store
from jixiao.storage.evaluation_file import EvaluationFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("survey", help="满意度问卷：导入问卷星 / 腾讯问卷导出文件，计算满意度")
    psub = p.add_subparsers(dest="survey_command", required=True, metavar="ACTION")

    q = psub.add_parser(
        "import", help="导入问卷导出文件（.xlsx / .xls / .csv），打印满意度并更新满意度指标"
    )
    q.add_argument("file", help="评价文件")
    q.add_argument("export", help="问卷导出文件")
    q.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="N",
        help="满意度题目的题号（可重复；默认：题干含“满意”的题目）",
    )
    _rule_options(q)
    q.add_argument("--name", default="", help="问卷名称（默认文件名）")
    q.add_argument("--sheet", help="工作表名称（默认第一个）")
    q.add_argument(
        "--header-row", type=int, metavar="R", help="表头所在行（从 1 起；默认自动识别）"
    )
    q.add_argument("--weight", help="按权重合并时本问卷的权重")
    q.add_argument(
        "--duplicates",
        choices=["id", "id+ip", "ip", "none"],
        default="id",
        help="重复答卷的判断：id 答卷编号相同（默认）；ip IP 相同且答案完全相同；none 不检查",
    )
    q.add_argument("--keep-duplicates", action="store_true", help="只报告重复答卷，不剔除")
    q.add_argument("--dry-run", action="store_true", help="只计算并打印，不写入")
    q.set_defaults(func=cmd_import)

    q = psub.add_parser("list", help="列出已导入的问卷和合并后的满意度")
    q.add_argument("file", help="评价文件")
    q.set_defaults(func=cmd_list)

    q = psub.add_parser("remove", help="删除一份已导入的问卷")
    q.add_argument("file", help="评价文件")
    q.add_argument("survey", metavar="问卷", help="问卷编号或名称（见 survey list）")
    q.set_defaults(func=cmd_remove)

    q = psub.add_parser(
        "rule", help="修改已导入问卷的统计规则（题目、满意选项），按保存的答卷重新计算"
    )
    q.add_argument("file", help="评价文件")
    q.add_argument("survey", metavar="问卷", help="问卷编号或名称（见 survey list）")
    q.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="N",
        help="满意度题目的题号（可重复，多道题即合并计算；默认沿用原来的题目）",
    )
    _rule_options(q)
    q.add_argument("--dry-run", action="store_true", help="只计算并打印，不写入")
    q.set_defaults(func=cmd_rule)

    q = psub.add_parser("combine", help="多份问卷的合并方式")
    q.add_argument("file", help="评价文件")
    q.add_argument(
        "mode",
        choices=[core.COMBINE_COUNT, core.COMBINE_WEIGHTS],
        help="count 按答卷数合并（满意数之和 / 有效数之和）；weights 按各问卷权重加权",
    )
    q.set_defaults(func=cmd_combine)


def _rule_options(q: argparse.ArgumentParser) -> None:
    q.add_argument(
        "--satisfied",
        metavar="选项",
        help="算作满意的选项文字，逗号分隔（默认 非常满意,满意）",
    )
    q.add_argument(
        "--options",
        metavar="选项顺序",
        help="按选项序号导出的文件：选项 1、2、3… 的文字，逗号分隔，"
        "例如 非常满意,满意,一般,不满意,非常不满意",
    )
    q.add_argument("--exclude", metavar="选项", help="不计入分母的选项，逗号分隔（例如 不了解）")
    q.add_argument(
        "--threshold", metavar="X", help="按数值判断：答案 ≥ X 为满意（例如 5 分制填 4）"
    )


def _apply_rule_options(
    rules: list[core.QuestionRule], args: argparse.Namespace, fmt: str, file_name: str
) -> list[core.QuestionRule]:
    threshold = _decimal(args.threshold, "--threshold")
    options = _split(args.options)
    out = []
    for rule in rules:
        if threshold is not None:
            rule = core.QuestionRule(
                rule.column, core.MODE_THRESHOLD, (), _split(args.exclude), threshold
            )
        elif options or (fmt == core.FORMAT_WJX_INDEX and rule.options):
            try:
                rule = core.with_options(
                    rule, options or rule.options, _split(args.satisfied) or None
                )
            except core.SurveyError as exc:
                raise CommandError(f"“{file_name}”：{exc}") from None
            if args.exclude is not None:
                rule = replace(rule, excluded=_split(args.exclude))
        elif args.satisfied or args.exclude is not None:
            rule = core.QuestionRule(
                rule.column,
                core.MODE_OPTIONS,
                _split(args.satisfied) or rule.satisfied,
                _split(args.exclude) if args.exclude is not None else rule.excluded,
            )
        out.append(rule)
    return out


def _pick_questions(layout: core.SurveyLayout, keys: list[str], file_name: str) -> list[int]:
    columns: list[int] = []
    for key in keys:
        for part in _split(key):
            found = layout.find_question(part)
            if not found:
                numbers = "、".join(c.number or c.header for c in layout.questions())
                raise CommandError(f"文件“{file_name}”中没有第 {part} 题（现有题号：{numbers}）")
            columns.extend(c.index for c in found)
    return columns


def _split(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip() for part in text.replace("，", ",").split(",") if part.strip())


def _decimal(text: str | None, what: str) -> Decimal | None:
    if text in (None, ""):
        return None
    try:
        return Decimal(str(text).strip())
    except InvalidOperation:
        raise CommandError(f"{what}不是数字：{text}") from None


def cmd_import(args: argparse.Namespace) -> int:
    try:
        parsed = load_survey(
            args.export,
            sheet=args.sheet,
            header_row=None if args.header_row is None else args.header_row - 1,
        )
    except (ImportFileError, ImportCancelled) as exc:
        raise CommandError(str(exc)) from None
    layout = parsed.layout
    name = parsed.path.name
    if args.question:
        columns = _pick_questions(layout, args.question, name)
    else:
        columns = core.suggest_satisfaction_questions(layout)
        if not columns:
            raise CommandError(f"文件“{name}”中找不到题干含“满意”的题目，请用 --question 指定题号")
        if len(columns) > 1:
            labels = "、".join(layout.columns[c].label for c in columns)
            print(
                f"提醒：“{name}”没有唯一的总体满意度题，合并计算 {len(columns)} 道题（{labels}）；"
                "只算一道题请用 --question N"
            )
    config = parsed.default_config(columns)
    rules = _apply_rule_options(list(config.questions), args, layout.format, name)
    policy = core.DuplicatePolicy(
        by_id=args.duplicates in ("id", "id+ip"),
        by_ip_answers=args.duplicates in ("ip", "id+ip"),
        drop=not args.keep_duplicates,
    )
    config = core.SurveyConfig(config.header_row, tuple(rules), policy)
    try:
        result = parsed.analyse(config)
        core.require_valid(result, parsed.path.name)
    except core.SurveyError as exc:
        raise CommandError(str(exc)) from None
    _print_result(parsed.path.name, core.FORMAT_NAMES[parsed.format], result)
    if args.dry_run:
        return 0
    with open_file(args.file) as ef:
        before = ef.score_sheet()
        try:
            store.add_survey(
                ef,
                parsed,
                args.name or parsed.path.stem,
                config,
                weight=_decimal(args.weight, "--weight"),
            )
        except core.SurveyError as exc:
            raise CommandError(str(exc)) from None
        print("得分变化：" + "；".join(compare(before, ef.score_sheet()).lines()))
        _print_combined(ef)
    return 0


def _print_result(file_name: str, format_name: str, result: core.SurveyResult) -> None:
    print(f"{file_name}（{format_name}）：答卷 {result.rows:,} 份，计入 {result.respondents:,} 份")
    for dup in result.duplicates[:20]:
        print(f"  重复：{dup.describe()}{'，已剔除' if result.dropped else '，未剔除'}")
    if len(result.duplicates) > 20:
        print(f"  …… 共 {len(result.duplicates):,} 份重复答卷")
    for q in result.questions:
        print(f"  {q.label} {q.title}")
        print(
            f"    满意标准：{q.rule.describe()}；有效 {q.valid:,}，"
            f"满意 {q.satisfied:,}，满意度 {q.rate_text}"
            f"（不计入：空白 {q.blank:,}，跳过 {q.skipped:,}，无效 {q.invalid:,}）"
        )
    print(f"  合计：有效 {result.valid:,}，满意 {result.satisfied:,}，满意度 {result.rate_text}")


def _print_combined(ef: EvaluationFile, *, removed: bool = False) -> None:
    combined, warning = store.combined_with_warning(ef)
    if warning:
        print(f"提醒：{warning}")
    if combined is None:
        print(
            "已删除最后一份问卷：满意度指标已清空"
            if removed
            else "没有已导入的问卷：满意度指标没有来自问卷的数据"
        )
        return
    how = (
        "按权重合并"
        if combined.mode == core.COMBINE_WEIGHTS and len(combined.parts) > 1
        else "按答卷数合并"
    )
    print(f"全部问卷（{len(combined.parts)} 份，{how}）满意度 {combined.rate_text}")
    sheet = ef.score_sheet()
    for node in ef.system().leaves():
        if node.rule is not None and node.rule.source == SOURCE_SATISFACTION:
            score = next(s for s in sheet.indicators if s.code == node.code)
            why = f"（{score.reason}）" if score.reason else ""
            print(f"{node.code} {node.name}：{fmt2(score.score)} 分{why}")
    print(f"总分 {fmt2(sheet.total)}")


def cmd_list(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        items = store.list_surveys(ef)
        for s in items:
            r = s.result
            weight = f"，权重 {s.weight}" if s.weight is not None else ""
            print(
                f"[{s.id}] {s.name}（{s.source_file}，"
                f"{core.FORMAT_NAMES.get(s.format, s.format)}）："
                f"答卷 {r.respondents:,}，有效 {r.valid:,}，满意 {r.satisfied:,}，"
                f"满意度 {r.rate_text}{weight}"
            )
        _print_combined(ef)
    return 0


def find_survey(ef: EvaluationFile, key: str) -> store.StoredSurvey:
    """A stored survey by its number (见 survey list) or its name."""
    items = store.list_surveys(ef)
    key = key.strip()
    by_name = [s for s in items if s.name == key]
    if key.isdigit():
        by_id = [s for s in items if s.id == int(key)]
        if by_id:
            return by_id[0]
    if len(by_name) == 1:
        return by_name[0]
    listing = "；".join(f"[{s.id}] {s.name}" for s in items) or "（还没有导入问卷）"
    if len(by_name) > 1:
        raise CommandError(f"有 {len(by_name)} 份问卷都叫“{key}”，请用编号指定：{listing}")
    raise CommandError(f"评价文件中没有编号或名称为“{key}”的问卷。已导入：{listing}")


def cmd_remove(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        survey = find_survey(ef, args.survey)
        before = ef.score_sheet()
        store.delete_survey(ef, survey.id, reason="命令行删除")
        print(f"已删除问卷 [{survey.id}] {survey.name}")
        print("得分变化：" + "；".join(compare(before, ef.score_sheet()).lines()))
        _print_combined(ef, removed=True)
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        survey = find_survey(ef, args.survey)
        layout, answers = store.stored_layout(ef, survey.id)
        layout = core.with_kinds(layout, survey.config.kinds)
        if args.question:
            columns = _pick_questions(layout, args.question, survey.source_file)
            old = {r.column: r for r in survey.config.questions}
            rules = [
                old.get(c)
                or core.default_rule(
                    c,
                    {row[c].strip() for _, row in answers[:2000] if c < len(row)},
                    layout.format,
                    layout.columns[c].header,
                )
                for c in columns
            ]
        else:
            rules = list(survey.config.questions)
        rules = _apply_rule_options(rules, args, layout.format, survey.source_file)
        config = replace(survey.config, questions=tuple(rules))
        try:
            result = store.rederive(ef, survey.id, config)
            core.require_valid(result, survey.source_file)
        except core.SurveyError as exc:
            raise CommandError(str(exc)) from None
        _print_result(survey.source_file, core.FORMAT_NAMES.get(layout.format, ""), result)
        if len(result.questions) > 1:
            print(f"  （合并计算 {len(result.questions)} 道题）")
        if args.dry_run:
            return 0
        before = ef.score_sheet()
        try:
            store.update_survey(ef, survey.id, config=config, reason="命令行修改统计规则")
        except core.SurveyError as exc:
            raise CommandError(str(exc)) from None
        print("得分变化：" + "；".join(compare(before, ef.score_sheet()).lines()))
        _print_combined(ef)
    return 0


def cmd_combine(args: argparse.Namespace) -> int:
    with open_file(args.file) as ef:
        store.set_combine_mode(ef, args.mode, reason="命令行修改")
        _print_combined(ef)
    return 0
