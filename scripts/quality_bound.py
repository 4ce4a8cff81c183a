#!/usr/bin/env python3
"""The highest share outside the comfort zone that ANY assignment of a run's participants can reach while it keeps
the board's other figures at the lottery's: an upper bound, so that `make quality` can say whether a missed outside
target was reachable at all.

    pip install highspy pyyaml
    python3 scripts/quality_bound.py RUN_FOLDER CATALOG.yml

RUN_FOLDER is a published run (runs/<id>: assignments.csv, session_metrics.csv, run.json); CATALOG.yml the
sessions file of its config. It prints one JSON object:
  outsideBound        max outside share with as many placed as in the run (everyone when seats suffice, as the
                      lottery does), the sessions' rules (mandate) and seats,
                      the share with an interest match >= the interest-only optimum - 0.005, the mean Gini-Simpson
                      over disciplines >= the lottery's mean and every session's >= the lottery's mean - 0.03
                      (the issue's targets), at the run's own session sizes (people of a known discipline per
                      session, as assigned);
  outsideBoundWithRS  the same, and the mean Rao-Stirling >= the lottery's mean too (the board reads both).
The bound is a linear relaxation: people may be split (fractions) and x² is replaced by tangents below it, so no
integer assignment with those session sizes does better. Session sizes are held at the run's own: the figures are
means over sessions of shares, and letting the sizes move makes the problem non-convex.
Exit status 0, or 2 when highspy or pyyaml is missing or the LP cannot be solved.
"""
import csv
import glob
import json
import os
import sys
from collections import Counter


def read_run(run, catalog_path):
    import yaml

    catalog = yaml.safe_load(open(catalog_path, encoding="utf-8"))
    family_of = {o["id"]: o["family"] for o in catalog.get("organisations", [])}
    seats = {r["session"]: int(r["capacity"]) for r in csv.DictReader(open(os.path.join(run, "session_metrics.csv")))}
    sessions = []
    for entry in catalog["sessions"]:
        sid = str(entry["id"])
        leaders = (entry.get("trekkers") or []) + (entry.get("ism") or [])
        sessions.append({
            "id": sid, "seats": seats[sid], "home": {family_of[t] for t in leaders},
            "keywords": {k["id"] for k in entry.get("steekwoorden") or []},
            "mandate": any(rule.get("rule") == "requires_mandate" for rule in entry.get("eligibility") or []),
        })
    people = [r for r in csv.DictReader(open(os.path.join(run, "assignments.csv"), encoding="utf-8"))
              if r["status"] in ("assigned", "waitlisted")]
    manifest = json.load(open(os.path.join(run, "run.json")))
    return sessions, people, manifest


def classes(sessions, people):
    """Participants alike for every figure: (discipline, family, mandate, sessions whose keywords they match)."""
    count = Counter()
    for p in people:
        interests = set(filter(None, p["interests"].split("|")))
        matches = tuple(s for s, session in enumerate(sessions) if interests & session["keywords"])
        count[(p["discipline"] or None, p["discipline_family"] or None, p["mandate"] == "true", matches)] += 1
    return sorted(count.items(), key=lambda item: (str(item[0][0]), str(item[0][1]), item[0][2], item[0][3]))


class LP:
    """Rows and columns of a sparse LP, built one row at a time."""

    def __init__(self):
        self.columns = 0
        self.rows, self.lower, self.upper = [], [], []
        self.entries = ([], [], [])

    def add_columns(self, n):
        first = self.columns
        self.columns += n
        return first

    def add_row(self, entries, lower, upper):
        r = len(self.lower)
        for column, value in entries:
            self.entries[0].append(r)
            self.entries[1].append(column)
            self.entries[2].append(value)
        self.lower.append(lower)
        self.upper.append(upper)

    def maximise(self, objective):
        import highspy
        import numpy as np
        import scipy.sparse as sparse

        inf = highspy.kHighsInf
        matrix = sparse.csc_matrix((self.entries[2], (self.entries[0], self.entries[1])),
                                   shape=(len(self.lower), self.columns))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.columns, len(self.lower)
        cost = np.zeros(self.columns)
        for column, value in objective:
            cost[column] = -value
        lp.col_cost_ = cost
        lp.col_lower_, lp.col_upper_ = np.zeros(self.columns), np.full(self.columns, inf)
        lp.row_lower_ = np.array([inf * -1 if v is None else v for v in self.lower], dtype=float)
        lp.row_upper_ = np.array([inf if v is None else v for v in self.upper], dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.passModel(lp)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return None
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(str(h.getModelStatus()))
        return -h.getInfo().objective_function_value


def bound(sessions, people, manifest, with_rao_stirling):
    b = manifest["baselines"]
    lottery, interest_only = b["lotteryMean"], b["interestOnly"]
    S = len(sessions)
    groups = classes(sessions, people)
    disciplines = sorted({k[0] for k, _ in groups if k[0]})
    family_of = {k[0]: (k[1] or k[0]) for k, _ in groups if k[0]}
    families = sorted(set(family_of.values()))
    index = {s["id"]: i for i, s in enumerate(sessions)}
    known = [0] * S  # people of a known discipline per session, as assigned
    for p in people:
        if p["session"] and p["discipline"]:
            known[index[p["session"]]] += 1
    matched = sum(1 for p in people if p["matched_keywords"])
    gave = round(matched / b["assignment"]["shareWithMatch"]) if b["assignment"]["shareWithMatch"] > 0 else 0
    distance = manifest.get("sameFamilyDistance", 0.5)

    lp = LP()
    y = {}  # (class, session) -> column
    for c, (key, n) in enumerate(groups):
        for s in range(S):
            if not (sessions[s]["mandate"] and not key[2]):
                y[(c, s)] = lp.add_columns(1)
    for c, (key, n) in enumerate(groups):  # nobody placed twice
        lp.add_row([(y[(c, s)], 1.0) for s in range(S) if (c, s) in y], None, n)
    placed = sum(1 for p in people if p["session"])  # as many placed as in the run (seats full or nobody waiting)
    lp.add_row([(col, 1.0) for col in y.values()], placed, placed)
    for s in range(S):
        lp.add_row([(col, 1.0) for (c, t), col in y.items() if t == s], None, sessions[s]["seats"])
    step = max(1, max(known) // 400)

    def squares(members_of, names):
        """Per session and name: x (people) and t >= x² by tangents; returns the t columns per session."""
        squares_of = []
        for s in range(S):
            row = []
            for name in names:
                x, t = lp.add_columns(1), lp.add_columns(1)
                lp.add_row([(y[(c, s)], 1.0) for c, (key, _) in enumerate(groups)
                            if (c, s) in y and key[0] and members_of(key[0]) == name] + [(x, -1.0)], 0, 0)
                for k in range(0, known[s] + step, step):
                    lp.add_row([(t, 1.0), (x, -2.0 * k)], -float(k * k), None)
                row.append((x, t))
            squares_of.append(row)
        return squares_of

    per_discipline = squares(lambda d: d, disciplines)
    for s in range(S):  # the session sizes as assigned
        lp.add_row([(x, 1.0) for x, _ in per_discipline[s]], known[s], known[s])
    live = [s for s in range(S) if known[s] > 0]
    # mean Gini-Simpson >= the lottery's: (1/S) Σ_s Σ_d t/K² <= 1 - L; each session's >= L - 0.03
    lp.add_row([(t, 1.0 / (len(live) * known[s] ** 2)) for s in live for _, t in per_discipline[s]],
               None, 1 - lottery["meanGiniSimpson"])
    for s in live:
        lp.add_row([(t, 1.0 / known[s] ** 2) for _, t in per_discipline[s]], None, 1 - (lottery["meanGiniSimpson"] - 0.03))
    if with_rao_stirling:
        per_family = squares(lambda d: family_of[d], families)
        # RS = 1 - d Σ p² - (1 - d) Σ P² >= the lottery's mean, averaged over the sessions
        entries = [(t, distance / (len(live) * known[s] ** 2)) for s in live for _, t in per_discipline[s]]
        entries += [(t, (1 - distance) / (len(live) * known[s] ** 2)) for s in live for _, t in per_family[s]]
        lp.add_row(entries, None, 1 - lottery["meanRaoStirling"])
    lp.add_row([(col, 1.0) for (c, s), col in y.items() if s in groups[c][0][3]],
               (interest_only["shareWithMatch"] - 0.005) * gave, None)
    outside = [(col, 1.0 / placed) for (c, s), col in y.items()
               if groups[c][0][1] and groups[c][0][1] not in sessions[s]["home"]]
    return lp.maximise(outside)


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: quality_bound.py RUN_FOLDER CATALOG.yml", file=sys.stderr)
        return 2
    try:
        import highspy  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as error:
        print(f"{error.name} is not installed: pip install highspy pyyaml", file=sys.stderr)
        return 2
    sessions, people, manifest = read_run(sys.argv[1], sys.argv[2])
    try:
        result = {"outsideBound": bound(sessions, people, manifest, False),
                  "outsideBoundWithRS": bound(sessions, people, manifest, True)}
    except RuntimeError as error:
        print(f"quality_bound.py: HiGHS: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
