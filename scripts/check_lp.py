#!/usr/bin/env python3
"""Solve an exported assignment model (CPLEX LP, `werksessies run --export-lp FILE`) with HiGHS and
compare its optimum with the objective the Swift min-cost-flow solver reported (run.json).

    pip install highspy
    python3 scripts/check_lp.py model.lp 144015687

Exit status 0 when the MIP optimum equals the expected objective, 1 when it differs, 2 on solver trouble.
"""
import sys
import time


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: check_lp.py MODEL.lp EXPECTED_OBJECTIVE", file=sys.stderr)
        return 2
    path, expected = sys.argv[1], int(sys.argv[2])
    try:
        import highspy
    except ImportError:
        print("highspy is not installed: pip install highspy", file=sys.stderr)
        return 2
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6)
    start = time.monotonic()
    status = h.readModel(path)
    if status != highspy.HighsStatus.kOk:
        print(f"{path}: HiGHS could not read the model ({status})", file=sys.stderr)
        return 2
    h.run()
    seconds = time.monotonic() - start
    model_status = h.getModelStatus()
    if model_status != highspy.HighsModelStatus.kOptimal:
        print(f"{path}: HiGHS did not find an optimum: {h.modelStatusToString(model_status)}", file=sys.stderr)
        return 2
    value = h.getInfo().objective_function_value
    lp = h.getLp()
    print(f"{path}: {lp.num_col_} variables, {lp.num_row_} constraints; HiGHS optimum {value:.3f} "
          f"in {seconds:.2f} s; expected {expected}")
    if abs(value - expected) > 0.5:
        print(f"MISMATCH: HiGHS {value:.3f} != Swift {expected}", file=sys.stderr)
        return 1
    print("OK: the MIP optimum equals the min-cost-flow objective")
    return 0


if __name__ == "__main__":
    sys.exit(main())
