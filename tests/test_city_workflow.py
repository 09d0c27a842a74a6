"""The city repository's workflow template (builder/city/workflows/city.yml): pinned
(its schema is checked with the repository's own workflows, test_workflows), least
privilege, a matrix of shards whose K/N agree, then one job that merges them and
builds; its gongshi commands are ones the real command line accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from builder.cli import build_parser

WORKFLOW = Path(__file__).resolve().parents[1] / "builder/city/workflows/city.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_nightly_least_privilege_and_pinned_actions() -> None:
    workflow = load()
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1: on → True
    assert workflow["permissions"] == {"contents": "read"}
    assert "pages" not in workflow["jobs"]["harvest"].get("permissions", {})
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]


def test_shards_are_a_matrix_and_the_build_merges_them() -> None:
    jobs = load()["jobs"]
    shards = jobs["harvest"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    runs = " ".join(s.get("run", "") for s in jobs["harvest"]["steps"])
    assert f'--shard "$SHARD/{len(shards)}"' in runs
    cache = next(s for s in jobs["harvest"]["steps"] if "cache" in s.get("uses", ""))
    assert f"-of-{len(shards)}-" in cache["with"]["key"]
    assert jobs["build"]["needs"] == "harvest" and jobs["deploy"]["needs"] == "build"
    merge = next(s for s in jobs["build"]["steps"] if "download-artifact" in s.get("uses", ""))
    assert merge["with"]["merge-multiple"] is True


def test_its_gongshi_commands_are_accepted_by_the_command_line() -> None:
    commands = [
        step["run"]
        for job in load()["jobs"].values()
        for step in job["steps"]
        if step.get("run", "").startswith("gongshi ")
    ]
    assert len(commands) == 2
    for command in commands:
        words = shlex.split(command.split(">")[0].replace("$SHARD", "1"))[1:]
        args = build_parser().parse_args(words)
        assert args.command == "city"
