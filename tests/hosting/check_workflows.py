#!/usr/bin/env python3
"""Lints the GitHub Pages and GitLab Pages examples, which cannot run on this machine.

Usage: check_workflows.py GITHUB_YML GITLAB_YML

Each must be YAML (PyYAML) with the shape its host expects, build with Tilik using the base
URL the host gives, and publish the output folder. Prints one problem a line; exit 1 if any,
2 without PyYAML.
"""

import sys

try:
    import yaml
except ImportError:
    print("missing Python module: yaml (pip install pyyaml)", file=sys.stderr)
    sys.exit(2)


def load(path, problems):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        problems.append(f"{path}: {e}")
        return None


def github(path, problems):
    doc = load(path, problems)
    if not isinstance(doc, dict):
        return problems.append(f"{path}: not a workflow") if doc is not None else None
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    if not (doc.get("on") or doc.get(True)):
        problems.append(f"{path}: no trigger (on:)")
    perms = doc.get("permissions") or {}
    if perms.get("pages") != "write" or perms.get("id-token") != "write":
        problems.append(f"{path}: needs permissions pages: write and id-token: write")
    steps = [s for job in (doc.get("jobs") or {}).values() for s in (job.get("steps") or [])]
    uses = [s.get("uses", "") for s in steps]
    runs = " ".join(s.get("run", "") for s in steps)
    for action in ("actions/checkout@", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        if not any(u.startswith(action) for u in uses):
            problems.append(f"{path}: no step uses {action}")
    if "tilik build" not in runs or "--base-url" not in runs or "steps.pages.outputs.base_url" not in runs:
        problems.append(f"{path}: no `tilik build --base-url` from configure-pages")
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    if upload and (upload[0].get("with") or {}).get("path") != "public":
        problems.append(f"{path}: the uploaded folder is not the build output")


def gitlab(path, problems):
    doc = load(path, problems)
    if not isinstance(doc, dict):
        return problems.append(f"{path}: not a pipeline") if doc is not None else None
    job = doc.get("pages")
    if not isinstance(job, dict):
        return problems.append(f"{path}: no `pages` job")
    script = " ".join(job.get("script") or [])
    if "tilik build" not in script or "CI_PAGES_URL" not in script or "-o public" not in script:
        problems.append(f"{path}: no `tilik build --base-url $CI_PAGES_URL -o public`")
    if "public" not in ((job.get("artifacts") or {}).get("paths") or []):
        problems.append(f"{path}: the job does not keep public/ as its artifact")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    github(argv[0], problems)
    gitlab(argv[1], problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
