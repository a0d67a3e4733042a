"""The wheel is the program: built from a copy of the tree, installed into a fresh venv outside
the repository, it creates the sample and paints its window (resources, translations and fonts
all inside the package).

Cost: the wheel builds in ~5 s; the venv is made without pip (~1 s) and borrows the already
installed dependencies of the test environment through a .pth file instead of downloading and
unpacking PySide6 again (~60 s). jixiao itself comes only from the wheel: the test environment
holds jixiao as an editable finder that a plain .pth line does not activate, and the test
asserts where jixiao was imported from."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "artifacts", "*.egg-info", "__pycache__", ".*_cache"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Build from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout.
    source = tmp_path_factory.mktemp("source") / "jixiao"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        timeout=600,
    )
    (built,) = out.glob("jixiao-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "borrowed-deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "-q", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    return venv


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def test_wheel_carries_resources_and_translations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "jixiao/resources/fonts/wqy-microhei.ttc",
        "jixiao/resources/fonts/LICENSE-wqy-microhei.txt",
        "jixiao/resources/sample/nanjing-2021.json",
        "jixiao/resources/sample/wjx-satisfaction-2021.csv",
        "jixiao/resources/templates/national-2020.json",
        "jixiao/resources/icons/jixiao.png",
        "jixiao/py.typed",
    ):
        assert needed in names
    for qm in (ROOT / "i18n").glob("*.qm"):
        assert f"jixiao/i18n/{qm.name}" in names
    assert not [n for n in names if n.endswith(".ts")]  # sources of translations stay behind


def test_installed_wheel_runs_the_sample_and_the_smoke_test(
    installed: Path, tmp_path: Path
) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _env(tmp_path / "home")
    python = installed / "bin" / "python"
    where = subprocess.run(
        [python, "-c", "import jixiao, jixiao.paths as p; print(jixiao.__file__, p.fonts_dir())"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(installed)) and str(ROOT) not in where
    jixiao = installed / "bin" / "jixiao"
    init = subprocess.run(
        [jixiao, "init", "--sample", "nanjing-2021", "X.jixiao"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert init.returncode == 0, init.stderr
    assert (work / "X.jixiao").stat().st_size > 100_000
    score = subprocess.run(
        [jixiao, "score", "X.jixiao"], cwd=work, env=env, capture_output=True, text=True
    )
    assert score.returncode == 0, score.stderr
    assert "90.23" in score.stdout
    smoke = subprocess.run(
        [jixiao, "--smoke-test"], cwd=work, env=env, capture_output=True, text=True, timeout=300
    )
    assert smoke.returncode == 0, smoke.stderr
    # In Chinese: the translations were found inside the installed package.
    assert "SMOKE-OK 总分 90.23 · 优" in smoke.stdout


def test_borrowed_site_packages_do_not_hold_jixiao() -> None:
    # The premise of the cheap venv above: the test environment has jixiao only as an editable
    # finder (or not at all), never as a package directory that could shadow the wheel.
    for directory in {*site.getsitepackages(), sysconfig.get_paths()["purelib"]}:
        assert not (Path(directory) / "jixiao" / "__init__.py").exists()
