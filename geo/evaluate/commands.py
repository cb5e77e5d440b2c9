"""The `eval` verbs of `python -m geo`: one per evaluation corpus, each printing JSON lines.

Handlers import their scorers lazily so `--help` stays instant.
"""

from __future__ import annotations

import json

__all__ = ["add_eval", "print_json"]


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def add_eval(sub) -> None:
    """`python -m geo eval ...`: one verb per corpus, each printing JSON lines."""
    p = sub.add_parser("eval", help="score the pipeline on evaluation corpora")
    esub = p.add_subparsers(dest="eval_cmd", required=True)
    g = esub.add_parser("geoparse", help="LGL / TR-News XML: toponym resolution (and recognition with --raw)")
    g.add_argument("file")
    g.add_argument("--raw", action="store_true", help="find the toponyms in the raw text too")
    g.add_argument("--classes", action="store_true", help="also count the misses over 161 km by class")
    g.set_defaults(func=_run_eval_geoparse)
    m = esub.add_parser("muc4", help="MUC-4 answer keys: event location, date and type")
    m.add_argument("key_file")
    m.add_argument("text_file")
    m.set_defaults(func=_run_eval_muc4)
    e = esub.add_parser("eventloc", help="event_location sentences: is the chosen event place the gold one")
    e.add_argument("file")
    e.set_defaults(func=_run_eval_eventloc)
    r = esub.add_parser("realnews", help="hand-coded real news: are the extracted events real, rightly dated and placed")
    r.add_argument("gold")
    r.add_argument("articles", help="JSON list of {row, date, text}")
    r.add_argument("--verbose", action="store_true", help="then one line per spurious, wrong and missed event")
    r.add_argument("--all", dest="all_scopes", action="store_true", help="score background and country-level events too")
    r.set_defaults(func=_run_eval_realnews)


def _run_eval_geoparse(args) -> int:
    from geo.evaluate.geoparse import evaluate_geoparse
    from geo.gazetteer.lookup import Gazetteer

    print_json(evaluate_geoparse(args.file, Gazetteer.open(progress=True), raw=args.raw, classes=args.classes))
    return 0


def _run_eval_muc4(args) -> int:
    from geo.evaluate.muc4 import score_muc4
    from geo.gazetteer.lookup import Gazetteer

    print_json(score_muc4(args.key_file, args.text_file, Gazetteer.open()))
    return 0


def _run_eval_eventloc(args) -> int:
    from geo.evaluate.eventloc import score_eventloc
    from geo.gazetteer.lookup import Gazetteer

    print_json(score_eventloc(args.file, Gazetteer.open()))
    return 0


def _run_eval_realnews(args) -> int:
    from geo.evaluate.realnews import report_lines, score_realnews

    for line in report_lines(score_realnews(args.gold, args.articles, verbose=args.verbose, all_scopes=args.all_scopes)):
        print_json(line)
    return 0
